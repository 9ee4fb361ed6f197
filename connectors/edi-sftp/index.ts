/** EDI X12 over SFTP: exchanges files with a trading partner's SFTP server; X12 itself is in ../edi-x12/. */
import type { ConnectorDeps, ConnectorManifest } from '../sdk/types';
import { archiveFile } from './archive-file';
import type { ArchiveResult } from './archive-file';
import { checkEdiSftp } from './check';
import { claimFile, listStaleClaims } from './claim-file';
import type { ClaimedFile } from './claim-file';
import { settleFile } from './settle-file';
import type { SettleResult } from './settle-file';
import type { Readable } from 'node:stream';
import { remotePath } from './transport';
import { ediSftpConfigSchema } from './config-schema';
import type { EdiSftpConfig } from './config-schema';
import { downloadFile } from './download-file';
import { listInbound } from './list-inbound';
import type { InboundFile } from './list-inbound';
import { uploadFile } from './upload-file';
import type { UploadResult } from './upload-file';
import { withSftp } from './transport';

export type { ArchiveResult, ClaimedFile, EdiSftpConfig, InboundFile, SettleResult, UploadResult };

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
  /** Takes an inbound file for this process by an atomic rename; undefined when another poller took it first. */
  claim(name: string, signal?: AbortSignal): Promise<ClaimedFile | undefined>;
  /** Claimed files left behind by a poller that died, older than `olderThanMs`. */
  staleClaims(olderThanMs: number, signal?: AbortSignal): Promise<ClaimedFile[]>;
  /** Streams a claimed file into `work` on one session, closed when `work` settles. */
  readClaimed<T>(file: ClaimedFile, work: (stream: Readable) => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Moves a claimed file to the archive or the error folder. */
  settle(file: ClaimedFile, folder: 'archive' | 'error', signal?: AbortSignal): Promise<SettleResult>;
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
    claim: (name, signal) => withSftp(config, (sftp) => claimFile(sftp, config, name), options(signal)),
    staleClaims: (olderThanMs, signal) =>
      withSftp(config, (sftp) => listStaleClaims(sftp, config, olderThanMs), options(signal)),
    readClaimed: (file, work, signal) =>
      withSftp(
        config,
        (sftp) => work(sftp.readStream(remotePath(config.inboundDir, file.claimedName))),
        options(signal),
      ),
    settle: (file, folder, signal) =>
      withSftp(config, (sftp) => settleFile(sftp, config, file, folder), options(signal)),
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
    ediTransactionSets: ['850', '860', '855', '856', '810', '846', '940', '945', '947', '997'],
    operations: [
      'list-inbound',
      'download',
      'upload',
      'archive',
      'claim',
      'stale-claims',
      'read-claimed',
      'settle',
    ],
  },
  configSchema: ediSftpConfigSchema,
  create: createEdiSftpConnector,
  check: checkEdiSftp,
};
