/**
 * The SFTP server the connector tests run against: the stack's real OpenSSH (scripts/test.sh exports HUB_SFTP_*).
 * Missing variables fail the tests with instructions instead of skipping them.
 */
import { readFileSync } from 'node:fs';
import type { EdiSftpConfig } from './config-schema';

const VARIABLES = [
  'HUB_SFTP_HOST',
  'HUB_SFTP_PORT',
  'HUB_SFTP_USER',
  'HUB_SFTP_KEY_FILE',
  'HUB_SFTP_KNOWN_HOSTS',
];

/** The stack's SFTP endpoint as a connector config (inbound/ and outbound/ in the login directory). */
export function stackSftpConfig(): EdiSftpConfig {
  const missing = VARIABLES.filter((v) => !process.env[v]);
  if (missing.length) {
    throw new Error(
      `${missing.join(', ')} not set: these tests need the stack's OpenSSH server. Run them with \`npm test\`, or ` +
        'start one: HUB_STACK_NAME=mine HUB_SFTP_PORT=22333 bash stack/stack.sh start sshd && ' +
        'eval "$(HUB_STACK_NAME=mine HUB_SFTP_PORT=22333 bash stack/stack.sh env)"',
    );
  }
  const env = process.env as Record<string, string>;
  // known_hosts: "[127.0.0.1]:PORT ssh-ed25519 AAAA…"; the connector pins "ssh-ed25519 AAAA…".
  const line = readFileSync(env.HUB_SFTP_KNOWN_HOSTS ?? '', 'utf8')
    .split('\n')
    .find((l) => l.trim() && !l.startsWith('#'));
  const [, algorithm, key] = (line ?? '').trim().split(/\s+/);
  if (!algorithm || !key)
    throw new Error(`no host key found in HUB_SFTP_KNOWN_HOSTS (${env.HUB_SFTP_KNOWN_HOSTS})`);
  return {
    host: env.HUB_SFTP_HOST ?? '',
    port: Number(env.HUB_SFTP_PORT),
    username: env.HUB_SFTP_USER ?? '',
    privateKey: readFileSync(env.HUB_SFTP_KEY_FILE ?? '', 'utf8'),
    hostKey: `${algorithm} ${key}`,
    inboundDir: 'inbound',
    outboundDir: 'outbound',
    connectTimeoutMs: 10_000,
  };
}
