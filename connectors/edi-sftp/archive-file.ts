import { HubError } from '../../platform/errors';
import type { EdiSftpConfig } from './config-schema';
import { assertFileName, remotePath } from './transport';
import type { SftpConnection } from './transport';

/** Where an inbound file went, or that an earlier attempt had already moved it. */
export interface ArchiveResult {
  from: string;
  to: string;
  status: 'archived' | 'already-archived';
}

/**
 * Moves a processed file from the inbound to the archive directory so it is not listed again. A name already in
 * the archive (a partner re-sending a file name) gets a timestamp suffix instead of overwriting the earlier file.
 */
export async function archiveFile(
  sftp: SftpConnection,
  config: EdiSftpConfig,
  name: string,
  now: () => Date = () => new Date(),
): Promise<ArchiveResult> {
  assertFileName(name);
  if (!config.archiveDir) {
    throw new HubError('config', 'archiveDir is not set: the archive operation needs an archive directory', {
      fieldErrors: [{ path: '/archiveDir', message: 'is required by the archive operation' }],
    });
  }
  const from = remotePath(config.inboundDir, name);
  let to = remotePath(config.archiveDir, name);
  await sftp.stat(config.archiveDir, 'directory');

  if (!(await sftp.statIfExists(from))) {
    // Retried after a move whose answer was lost: the file is already in the archive.
    if (await sftp.statIfExists(to)) return { from, to, status: 'already-archived' };
    throw new HubError('data', `cannot archive ${from}: no such file`);
  }
  if (await sftp.statIfExists(to)) {
    to = remotePath(config.archiveDir, `${name}.${now().toISOString().replace(/[:.]/g, '-')}`);
  }
  await sftp.rename(from, to);
  return { from, to, status: 'archived' };
}
