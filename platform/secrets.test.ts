import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConfigSchema } from '../connectors/sdk/types';
import { RETRY_POLICY_SCHEMA } from '../connectors/sdk/types';
import { createSecretBox, decryptSecrets, encryptSecrets, isEncryptedSecret, maskSecrets } from './secrets';

const box = createSecretBox(randomBytes(32));
const TOKEN = /^enc:v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]*$/;

function thrown(fn: () => unknown): Error & { kind?: string } {
  try {
    fn();
  } catch (err) {
    return err as Error & { kind?: string };
  }
  throw new Error('expected a throw');
}

/** Changes one base64url character of the token part `index` (0 iv, 1 tag, 2 ciphertext). */
function tamper(token: string, index: number): string {
  const parts = token.split(':');
  const part = parts[index + 2] ?? '';
  parts[index + 2] = (part[0] === 'A' ? 'B' : 'A') + part.slice(1);
  return parts.join(':');
}

describe('createSecretBox', () => {
  it('round-trips any text, and seals it into a versioned token with a fresh IV each time', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (plain) => {
        const token = box.encrypt(plain);
        expect(token).toMatch(TOKEN);
        expect(box.decrypt(token)).toBe(plain);
      }),
    );
    const a = box.encrypt('same secret');
    const b = box.encrypt('same secret');
    expect(a).not.toBe(b);
    expect(a.split(':')[2]).not.toBe(b.split(':')[2]);
  });

  it.each([
    ['the IV', 0],
    ['the tag', 1],
    ['the ciphertext', 2],
  ])('detects a change to %s and says so without echoing the value', (_, index) => {
    const token = box.encrypt('correct horse battery staple');
    const error = thrown(() => box.decrypt(tamper(token, index)));
    expect(error).toMatchObject({ name: 'HubError', kind: 'config' });
    expect(error.message).toMatch(/cannot be decrypted/);
    expect(error.message).not.toContain('correct horse');
    expect(error.message).not.toContain(token.split(':')[4]);
    expect(error.cause).toBeUndefined();
  });

  it('refuses a token sealed with another key, and malformed tokens', () => {
    const foreign = createSecretBox(randomBytes(32)).encrypt('s3cret');
    for (const token of [
      foreign,
      'plain text',
      'enc:v1:abc',
      'enc:v1:a:b:c:d',
      'enc:v1:!!!:@@@:###',
      'enc:v2:a:b:c',
    ]) {
      expect(thrown(() => box.decrypt(token))).toMatchObject({ name: 'HubError', kind: 'config' });
    }
  });

  it('needs a 32-byte key', () => {
    expect(thrown(() => createSecretBox(randomBytes(16)))).toMatchObject({ kind: 'config' });
  });
});

const schema: ConfigSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  additionalProperties: false,
  properties: {
    host: { type: 'string' },
    apiKey: { type: 'string', 'x-secret': true },
    auth: {
      type: 'object',
      properties: { user: { type: 'string' }, password: { type: 'string', 'x-secret': true } },
    },
    optionalToken: { type: 'string', 'x-secret': true },
    retry: RETRY_POLICY_SCHEMA,
  },
};
const config = { host: 'erp.example', apiKey: 'key-123', auth: { user: 'hub', password: 'pw-456' } };

describe('encryptSecrets, decryptSecrets and maskSecrets', () => {
  it('encrypts exactly the secret fields, nested ones included, and decrypts them back', () => {
    const stored = encryptSecrets(schema, config, box);
    expect(stored.host).toBe('erp.example');
    expect(stored.auth.user).toBe('hub');
    expect(isEncryptedSecret(stored.apiKey)).toBe(true);
    expect(isEncryptedSecret(stored.auth.password)).toBe(true);
    expect(stored).not.toHaveProperty('optionalToken');
    expect(JSON.stringify(stored)).not.toMatch(/key-123|pw-456/);
    expect(decryptSecrets(schema, stored, box)).toEqual(config);
    expect(config.apiKey).toBe('key-123'); // inputs are never changed
  });

  it('masks every secret field that has a value as "***"', () => {
    const stored = encryptSecrets(schema, config, box);
    const expected = { host: 'erp.example', apiKey: '***', auth: { user: 'hub', password: '***' } };
    expect(maskSecrets(schema, config)).toEqual(expected);
    expect(maskSecrets(schema, stored)).toEqual(expected);
  });

  it('refuses a stored secret that is not encrypted, and a secret that is not a string', () => {
    expect(thrown(() => decryptSecrets(schema, config, box))).toMatchObject({ kind: 'config' });
    const error = thrown(() => encryptSecrets(schema, { ...config, apiKey: 42 }, box));
    expect(error).toMatchObject({
      kind: 'data',
      fieldErrors: [{ path: '/apiKey', message: 'must be a string' }],
    });
  });
});
