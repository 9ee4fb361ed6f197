import type { EdiSftpConfig } from './config-schema';
import { assertFileName, remotePath } from './transport';
import type { SftpConnection } from './transport';

/** Prefix of an inbound file a hub process has taken; hidden, so no listing offers it again. */
export const CLAIM_PREFIX = '.hub-claimed.';

/** An inbound file a poller has claimed: its original name and its name while claimed. */
export interface ClaimedFile {
  name: string;
  claimedName: string;
}

/**
 * Claims an inbound file by renaming it in place: the rename is atomic on the server and fails for everyone but
 * the first, so any number of workers can poll the same folder and each file is taken once. Undefined when the
 * file is gone (another poller took it).
 */
export async function claimFile(
  sftp: SftpConnection,
  config: EdiSftpConfig,
  name: string,
): Promise<ClaimedFile | undefined> {
  assertFileName(name);
  const claimedName = `${CLAIM_PREFIX}${name}`;
  try {
    await sftp.rename(remotePath(config.inboundDir, name), remotePath(config.inboundDir, claimedName));
  } catch (err) {
    if (!(await sftp.statIfExists(remotePath(config.inboundDir, name)))) return undefined;
    throw err;
  }
  return { name, claimedName };
}

/** Claimed files older than `olderThanMs`: left by a poller that died mid-file, to be finished by another. */
export async function listStaleClaims(
  sftp: SftpConnection,
  config: EdiSftpConfig,
  olderThanMs: number,
  now = Date.now(),
): Promise<ClaimedFile[]> {
  const entries = await sftp.list(config.inboundDir);
  return entries
    .filter((e) => e.isFile && e.name.startsWith(CLAIM_PREFIX))
    .filter((e) => now - Date.parse(e.modifiedAt) > olderThanMs)
    .map((e) => ({ name: e.name.slice(CLAIM_PREFIX.length), claimedName: e.name }));
}
