import { RETRY_POLICY_SCHEMA } from '../sdk/types';
import type { ConfigSchema, JsonSchema, RetryConfig } from '../sdk/types';

/** Config of an EDI X12 over SFTP connector, as create() and check() receive it (secrets decrypted, defaults set). */
export type EdiSftpConfig = {
  host: string;
  port: number;
  username: string;
  privateKey: string;
  passphrase?: string;
  hostKey: string;
  inboundDir: string;
  outboundDir: string;
  archiveDir?: string;
  errorDir?: string;
  pollIntervalSeconds?: number;
  connectTimeoutMs: number;
  retry?: RetryConfig;
};

/** Host key algorithms accepted in a pinned "type base64" host key. */
export const HOST_KEY_TYPES = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'ssh-rsa',
] as const;

const directory = (description: string): JsonSchema => ({
  type: 'string',
  minLength: 1,
  maxLength: 1024,
  pattern: '^[^\\x00]+$',
  description,
});

/** JSON Schema of EdiSftpConfig; the private key and its passphrase are secrets. */
export const ediSftpConfigSchema: ConfigSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  title: 'EDI X12 over SFTP',
  additionalProperties: false,
  required: ['host', 'username', 'privateKey', 'hostKey', 'inboundDir', 'outboundDir'],
  properties: {
    host: {
      type: 'string',
      minLength: 1,
      maxLength: 253,
      pattern: '^[A-Za-z0-9._:-]+$',
      description: "host name or IP address of the trading partner's SFTP server",
    },
    port: { type: 'integer', minimum: 1, maximum: 65535, default: 22 },
    username: { type: 'string', minLength: 1, maxLength: 256 },
    privateKey: {
      type: 'string',
      'x-secret': true,
      maxLength: 16384,
      pattern: '^\\s*-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----',
      description: 'the client private key in OpenSSH PEM form ("-----BEGIN OPENSSH PRIVATE KEY-----…")',
    },
    passphrase: {
      type: 'string',
      'x-secret': true,
      minLength: 1,
      maxLength: 1024,
      description: 'the passphrase of the private key, when it is encrypted',
    },
    hostKey: {
      type: 'string',
      maxLength: 4096,
      pattern: `^(?:(?:${HOST_KEY_TYPES.join('|')}) [A-Za-z0-9+/]+={0,2}(?: .*)?|SHA256:[A-Za-z0-9+/]{43}=?)$`,
      description:
        'the server\'s public host key as in known_hosts ("ssh-ed25519 AAAA…") or its fingerprint ("SHA256:…"); any other host key is refused',
    },
    inboundDir: directory(
      'directory the partner drops files into for the hub (relative to the login directory)',
    ),
    outboundDir: directory('directory the hub uploads files into for the partner'),
    archiveDir: directory(
      'directory processed inbound files are moved to; required by the archive operation',
    ),
    errorDir: directory(
      'directory inbound files that could not be processed (not X12, unknown partner, rejected, duplicate) are moved to; defaults to the archive directory',
    ),
    pollIntervalSeconds: {
      type: 'integer',
      minimum: 5,
      maximum: 86_400,
      description: 'how often the worker takes the files waiting in the inbound directory (60 when not set)',
    },
    connectTimeoutMs: {
      type: 'integer',
      minimum: 1000,
      maximum: 120_000,
      default: 15_000,
      description: 'how long to wait for TCP connect, SSH handshake and authentication together',
    },
    retry: RETRY_POLICY_SCHEMA,
  },
};
