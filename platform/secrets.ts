/**
 * Connector secrets at rest: AES-256-GCM with the hub's 32-byte key (HUB_SECRET_KEY). Each value is sealed with a
 * fresh 12-byte IV into a self-describing token `enc:v1:<iv>:<tag>:<ciphertext>` (base64url parts), so the key or
 * the algorithm can change later under a new version prefix. Errors never contain a secret or a token.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { secretPaths } from '../connectors/config';
import { getAt, replaceAt } from '../connectors/sdk/json-pointer';
import type { JsonSchema } from '../connectors/sdk/types';
import { HubError } from './errors';
import type { HubConfig } from './config';

/** What a secret field shows in every view the API returns, and what a client sends back to keep it unchanged. */
export const SECRET_MASK = '***';

const PREFIX = 'enc:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const B64URL = /^[A-Za-z0-9_-]*$/;

/** Seals and opens single secret values. */
export interface SecretBox {
  /** Encrypts `plain` into an `enc:v1:` token; two calls never give the same token. */
  encrypt(plain: string): string;
  /** Opens a token; throws HubError kind 'config' when it was altered or sealed with another key. */
  decrypt(token: string): string;
}

/** True for a string shaped like a token from SecretBox.encrypt. */
export function isEncryptedSecret(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(PREFIX);
}

/** A SecretBox over the 32-byte key from the configuration (`HubConfig['secrets'].key`). */
export function createSecretBox(key: HubConfig['secrets']['key']): SecretBox {
  if (key.length !== 32) {
    throw new HubError('config', `the secret key must be 32 bytes (got ${key.length}); see HUB_SECRET_KEY`);
  }
  const sealingKey = Buffer.from(key); // a copy, so a caller zeroing its buffer cannot change ours
  const unreadable = () =>
    new HubError(
      'config',
      'a stored secret cannot be decrypted: it was altered, or encrypted with a different HUB_SECRET_KEY',
    );
  return {
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', sealingKey, iv);
      const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return `${PREFIX}${iv.toString('base64url')}:${tag.toString('base64url')}:${ciphertext.toString('base64url')}`;
    },
    decrypt(token) {
      if (!isEncryptedSecret(token)) throw unreadable();
      const parts = token.slice(PREFIX.length).split(':');
      if (parts.length !== 3 || !parts.every((p) => B64URL.test(p))) throw unreadable();
      const [iv, tag, ciphertext] = parts.map((p) => Buffer.from(p, 'base64url')) as [Buffer, Buffer, Buffer];
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw unreadable();
      try {
        const decipher = createDecipheriv('aes-256-gcm', sealingKey, iv, { authTagLength: TAG_BYTES });
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
      } catch {
        throw unreadable(); // the cause says nothing useful and must not travel with the error
      }
    },
  };
}

function eachSecret<T>(
  schema: JsonSchema,
  config: T,
  transform: (value: unknown, path: string) => unknown,
): T {
  const copy = structuredClone(config);
  for (const path of secretPaths(schema)) {
    const value = getAt(copy, path);
    if (value === undefined || value === null) continue;
    replaceAt(copy, path, (v) => transform(v, path));
  }
  return copy;
}

/** A copy of `config` whose secret fields (x-secret in `schema`) hold `enc:v1:` tokens instead of plain text. */
export function encryptSecrets<T>(schema: JsonSchema, config: T, box: SecretBox): T {
  return eachSecret(schema, config, (value, path) => {
    if (typeof value !== 'string') {
      throw new HubError('data', `secret field ${path} must be a string`, {
        fieldErrors: [{ path, message: 'must be a string' }],
      });
    }
    return box.encrypt(value);
  });
}

/** A copy of a stored config with every secret field decrypted; for the worker, never for an API response. */
export function decryptSecrets<T>(schema: JsonSchema, stored: T, box: SecretBox): T {
  return eachSecret(schema, stored, (value, path) => {
    if (!isEncryptedSecret(value)) {
      throw new HubError('config', `the stored value of secret field ${path} is not encrypted`);
    }
    return box.decrypt(value);
  });
}

/** A copy of `config` in which every secret field that has a value shows "***". */
export function maskSecrets<T>(schema: JsonSchema, config: T): T {
  return eachSecret(schema, config, () => SECRET_MASK);
}
