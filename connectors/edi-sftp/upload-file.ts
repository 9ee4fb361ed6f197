import { HubError } from '../../platform/errors';
import type { EdiSftpConfig } from './config-schema';
import { assertFileName, remotePath } from './transport';
import type { SftpConnection } from './transport';

/** What an upload did: wrote the file, or found the very same bytes already there (a retried attempt). */
export interface UploadResult {
  path: string;
  bytes: number;
  status: 'uploaded' | 'already-present';
}

/**
 * Puts a file into the outbound directory atomically: the bytes go to "<name>.part" and only a complete file is
 * renamed to its name, so the partner never picks up half a document. An existing file is never overwritten: the
 * same bytes mean an earlier attempt succeeded ('already-present'); different bytes are a 'data' error.
 */
export async function uploadFile(
  sftp: SftpConnection,
  config: EdiSftpConfig,
  name: string,
  content: Buffer | string,
): Promise<UploadResult> {
  assertFileName(name);
  const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const target = remotePath(config.outboundDir, name);
  const partial = `${target}.part`;

  const existing = await alreadyThere(sftp, target, data);
  if (existing) return existing;

  await sftp.writeFile(partial, data);
  try {
    await sftp.rename(partial, target);
  } catch (err) {
    await sftp.unlink(partial).catch(() => undefined);
    // The rename fails when the target appeared meanwhile (OpenSSH never overwrites on plain rename).
    const raced = await alreadyThere(sftp, target, data).catch(() => undefined);
    if (raced) return raced;
    throw err;
  }
  return { path: target, bytes: data.length, status: 'uploaded' };
}

async function alreadyThere(
  sftp: SftpConnection,
  target: string,
  data: Buffer,
): Promise<UploadResult | undefined> {
  const stats = await sftp.statIfExists(target);
  if (!stats) return undefined;
  if (stats.size === data.length && (await sftp.readFile(target)).equals(data)) {
    return { path: target, bytes: data.length, status: 'already-present' };
  }
  throw new HubError('data', `${target} already exists with different content; it is not overwritten`);
}
