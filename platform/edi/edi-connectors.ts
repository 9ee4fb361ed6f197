import type { EdiSftpConnector } from '../../connectors/edi-sftp/index';

/** True for an instance of the SFTP EDI connector (it can be polled and written to). */
export function isEdiSftpConnector(instance: unknown): instance is EdiSftpConnector {
  const i = instance as Partial<EdiSftpConnector> | null | undefined;
  return typeof i?.claim === 'function' && typeof i.settle === 'function' && typeof i.upload === 'function';
}
