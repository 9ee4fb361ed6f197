import type { EdiSftpConfig } from './config-schema';
import type { SftpConnection } from './transport';

/** A file waiting in the inbound directory. */
export interface InboundFile {
  name: string;
  size: number;
  modifiedAt: string;
}

/**
 * Lists the regular files waiting in the inbound directory, oldest first (then by name), so documents are taken
 * in the order the partner sent them. Hidden files and "*.part" uploads still in progress are left out.
 */
export async function listInbound(sftp: SftpConnection, config: EdiSftpConfig): Promise<InboundFile[]> {
  const entries = await sftp.list(config.inboundDir);
  return entries
    .filter((e) => e.isFile && !e.name.startsWith('.') && !e.name.endsWith('.part'))
    .map(({ name, size, modifiedAt }) => ({ name, size, modifiedAt }))
    .sort((a, b) => a.modifiedAt.localeCompare(b.modifiedAt) || a.name.localeCompare(b.name));
}
