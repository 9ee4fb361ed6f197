import { describe, expect, it } from 'vitest';
import { secretPaths, validateConnectorConfig } from './config';
import { ediSftpConnector } from './edi-sftp';
import { RETRY_POLICY_SCHEMA } from './sdk/types';
import type { ConfigSchema } from './sdk/types';

const KEY =
  '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n';
const config = {
  host: 'sftp.partner.example',
  username: 'acme',
  privateKey: KEY,
  hostKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl',
  inboundDir: 'in',
  outboundDir: 'out',
};

describe('validateConnectorConfig', () => {
  it('returns a copy with the schema defaults filled in, leaving the input alone', () => {
    const input = structuredClone(config);
    const result = validateConnectorConfig(ediSftpConnector, input);
    expect(result).toEqual({ valid: true, value: { ...config, port: 22, connectTimeoutMs: 15_000 } });
    expect(input).toEqual(config);
  });

  it('fills the retry policy defaults for the fields a config leaves out', () => {
    const result = validateConnectorConfig(ediSftpConnector, { ...config, retry: { maximumAttempts: 3 } });
    expect(result.valid && result.value.retry).toEqual({
      maximumAttempts: 3,
      initialIntervalMs: 1_000,
      backoffCoefficient: 2,
      maximumIntervalMs: 60_000,
    });
  });

  it('reports every problem at once, each with a JSON pointer and a readable message', () => {
    const result = validateConnectorConfig(ediSftpConnector, {
      ...config,
      host: undefined,
      port: 'twenty-two',
      hostKey: 'not a key',
      retry: { maximumAttempts: 0, jitter: true },
      inboundFolder: 'in',
    });
    expect(result.valid).toBe(false);
    expect(!result.valid && result.errors).toEqual(
      expect.arrayContaining([
        { path: '/host', message: 'is required' },
        { path: '/port', message: 'must be an integer' },
        {
          path: '/hostKey',
          message: expect.stringMatching(/^is not in the expected form: the server's public/) as unknown,
        },
        { path: '/retry/maximumAttempts', message: 'must be >= 1' },
        {
          path: '/retry/jitter',
          message: expect.stringMatching(
            /^unknown field "jitter"; allowed fields: maximumAttempts/,
          ) as unknown,
        },
        {
          path: '/inboundFolder',
          message: expect.stringMatching(
            /^unknown field "inboundFolder"; allowed fields: host, port, .*inboundDir/,
          ) as unknown,
        },
      ]),
    );
  });

  it('never echoes a value, so a secret in the wrong place does not leak through the error', () => {
    const secret = 'hunter2-very-secret';
    const result = validateConnectorConfig(ediSftpConnector, {
      ...config,
      privateKey: secret,
      port: secret,
      host: `${secret} with spaces`,
    });
    expect(result.valid).toBe(false);
    expect(JSON.stringify(result)).not.toContain(secret);
  });

  it('rejects a config that is not an object at the root', () => {
    expect(validateConnectorConfig(ediSftpConnector, null)).toEqual({
      valid: false,
      errors: [{ path: '', message: 'must be an object' }],
    });
  });
});

describe('secretPaths', () => {
  it('names the x-secret fields of a connector', () => {
    expect(secretPaths(ediSftpConnector.configSchema)).toEqual(['/privateKey', '/passphrase']);
  });

  it('finds secrets in nested objects and escapes field names as JSON pointers', () => {
    const schema: ConfigSchema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      additionalProperties: false,
      properties: {
        auth: {
          type: 'object',
          properties: { user: { type: 'string' }, password: { type: 'string', 'x-secret': true } },
        },
        'odd/name~': { type: 'string', 'x-secret': true },
        plain: { type: 'string' },
        retry: RETRY_POLICY_SCHEMA,
      },
    };
    expect(secretPaths(schema)).toEqual(['/auth/password', '/odd~1name~0']);
  });
});
