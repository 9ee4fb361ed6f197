import { HubError } from '../../platform/errors';
import type { EdiSftpConfig } from './config-schema';
import { remotePath } from './transport';
import type { SftpConnection } from './transport';
import type { ClaimedFile } from './claim-file';

/** Where a claimed file went. */
export interface SettleResult {
  to: string;
  folder: 'archive' | 'error';
}

/**
 * Moves a claimed inbound file to the archive folder (processed) or the error folder (could not be processed),
 * under its original name; a name already there gets a timestamp suffix rather than overwriting the earlier file.
 */
export async function settleFile(
  sftp: SftpConnection,
  config: EdiSftpConfig,
  file: ClaimedFile,
  folder: 'archive' | 'error',
  now: () => Date = () => new Date(),
): Promise<SettleResult> {
  const dir = folder === 'error' ? (config.errorDir ?? config.archiveDir) : config.archiveDir;
  if (!dir) {
    throw new HubError('config', `${folder}Dir is not set: processed inbound files need somewhere to go`, {
      fieldErrors: [{ path: `/${folder}Dir`, message: 'is required to poll the inbound directory' }],
    });
  }
  let to = remotePath(dir, file.name);
  if (await sftp.statIfExists(to)) {
    to = remotePath(dir, `${file.name}.${now().toISOString().replace(/[:.]/g, '-')}`);
  }
  await sftp.rename(remotePath(config.inboundDir, file.claimedName), to);
  return { to, folder };
}
