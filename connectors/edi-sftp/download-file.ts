import type { EdiSftpConfig } from './config-schema';
import { assertFileName, remotePath } from './transport';
import type { SftpConnection } from './transport';

/** Reads one file from the inbound directory; a file that is not there is a 'data' error. */
export async function downloadFile(
  sftp: SftpConnection,
  config: EdiSftpConfig,
  name: string,
): Promise<Buffer> {
  assertFileName(name);
  return sftp.readFile(remotePath(config.inboundDir, name));
}
