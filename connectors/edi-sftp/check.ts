import { randomBytes } from 'node:crypto';
import { HubError, classifyError } from '../../platform/errors';
import type { CheckResult, CheckStep, ConnectorDeps } from '../sdk/types';
import type { EdiSftpConfig } from './config-schema';
import { listInbound } from './list-inbound';
import { connectSftp, remotePath } from './transport';
import type { SftpConnection } from './transport';

/**
 * A live probe of an EDI SFTP connector: connect (verifying the pinned host key and the private key), list the
 * inbound directory, write and remove a probe file in the outbound directory, and find the archive directory when
 * one is set. Every step is reported by name; expected failures become failed steps, never exceptions.
 */
export async function checkEdiSftp(
  config: EdiSftpConfig,
  deps: ConnectorDeps,
  signal?: AbortSignal,
): Promise<CheckResult> {
  const checks: CheckStep[] = [];
  const run = async (name: string, step: () => Promise<string>): Promise<boolean> => {
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    try {
      const message = await step();
      checks.push({ name, ok: true, message, latencyMs: latency() });
      return true;
    } catch (err) {
      const error = classifyError(err);
      checks.push({ name, ok: false, message: error.message, latencyMs: latency(), errorKind: error.kind });
      return false;
    }
  };
  const skip = (name: string, because: string) =>
    checks.push({ name, ok: false, message: `skipped: ${because}`, latencyMs: 0 });

  let sftp: SftpConnection | undefined;
  const connected = await run('connect', async () => {
    sftp = await connectSftp(config, { signal, logger: deps.logger });
    return (
      `connected to ${config.host}:${config.port} as ${JSON.stringify(config.username)}; ` +
      `host key ${sftp.hostKeyFingerprint} verified`
    );
  });
  const steps: [string, (s: SftpConnection) => Promise<string>][] = [
    ['list-inbound', (s) => probeInbound(s, config)],
    ['write-outbound', (s) => probeOutbound(s, config)],
  ];
  if (config.archiveDir) steps.push(['archive-dir', (s) => probeArchive(s, config.archiveDir ?? '')]);
  // Cancelling drops the session: the step in flight fails as transient and the rest fail at once.
  const onAbort = () => sftp?.close();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (const [name, step] of steps) {
      if (connected && sftp) await run(name, () => step(sftp as SftpConnection));
      else skip(name, 'the connection failed');
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    sftp?.close();
  }
  return { ok: checks.every((c) => c.ok), checks };
}

async function probeInbound(sftp: SftpConnection, config: EdiSftpConfig): Promise<string> {
  const files = await listInbound(sftp, config);
  return `listed ${config.inboundDir}: ${files.length} file(s) waiting`;
}

async function probeOutbound(sftp: SftpConnection, config: EdiSftpConfig): Promise<string> {
  // Hidden and ".part": the two conventions partners' pick-up jobs already ignore.
  const probe = remotePath(config.outboundDir, `.hub-check-${randomBytes(6).toString('hex')}.part`);
  await sftp.writeFile(probe, Buffer.from('distribution-hub connectivity check\n'));
  await sftp.unlink(probe);
  return `wrote and removed a probe file in ${config.outboundDir}`;
}

async function probeArchive(sftp: SftpConnection, archiveDir: string): Promise<string> {
  const stats = await sftp.stat(archiveDir, 'directory');
  if (!stats.isDirectory()) throw new HubError('config', `archiveDir ${archiveDir} is not a directory`);
  return `found ${archiveDir}`;
}
