/** EDI X12 over SFTP: exchanges files with a trading partner's SFTP server (the X12 sets arrive with the EDI issue). */
import type { ConnectorDeps, ConnectorManifest } from '../sdk/types';
import { archiveFile } from './archive-file';
import type { ArchiveResult } from './archive-file';
import { checkEdiSftp } from './check';
import { ediSftpConfigSchema } from './config-schema';
import type { EdiSftpConfig } from './config-schema';
import { downloadFile } from './download-file';
import { listInbound } from './list-inbound';
import type { InboundFile } from './list-inbound';
import { uploadFile } from './upload-file';
import type { UploadResult } from './upload-file';
import { withSftp } from './transport';

export type { ArchiveResult, EdiSftpConfig, InboundFile, UploadResult };

/** The operations of an EDI SFTP connector; each opens its own host-verified SFTP session. */
export interface EdiSftpConnector {
  /** Files waiting in the inbound directory, oldest first. */
  listInbound(signal?: AbortSignal): Promise<InboundFile[]>;
  /** The bytes of one inbound file. */
  download(name: string, signal?: AbortSignal): Promise<Buffer>;
  /** Uploads atomically (via "<name>.part") into the outbound directory, never overwriting. */
  upload(name: string, content: Buffer | string, signal?: AbortSignal): Promise<UploadResult>;
  /** Moves a processed inbound file into the archive directory. */
  archive(name: string, signal?: AbortSignal): Promise<ArchiveResult>;
}

/** Builds the connector instance; no connection is opened until an operation runs. */
function createEdiSftpConnector(config: EdiSftpConfig, deps: ConnectorDeps): EdiSftpConnector {
  const options = (signal: AbortSignal | undefined) => ({ signal, logger: deps.logger });
  return {
    listInbound: (signal) => withSftp(config, (sftp) => listInbound(sftp, config), options(signal)),
    download: (name, signal) => withSftp(config, (sftp) => downloadFile(sftp, config, name), options(signal)),
    upload: (name, content, signal) =>
      withSftp(config, (sftp) => uploadFile(sftp, config, name, content), options(signal)),
    archive: (name, signal) => withSftp(config, (sftp) => archiveFile(sftp, config, name), options(signal)),
  };
}

/** The manifest of the EDI X12 over SFTP connector. */
export const ediSftpConnector: ConnectorManifest<EdiSftpConfig, EdiSftpConnector> = {
  type: 'edi-x12-sftp',
  version: '1.0.0',
  kind: 'edi',
  displayName: 'EDI X12 over SFTP',
  description:
    "Exchanges EDI X12 files with a trading partner's SFTP server: lists and downloads inbound files, uploads " +
    'outbound files atomically and archives processed ones. The server host key is pinned; unknown keys are refused.',
  capabilities: {
    supportsWebhooks: false,
    transports: ['sftp'],
    ediTransactionSets: [],
    operations: ['list-inbound', 'download', 'upload', 'archive'],
  },
  configSchema: ediSftpConfigSchema,
  create: createEdiSftpConnector,
  check: checkEdiSftp,
};
