import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import ssh2 from 'ssh2';
import { readableKeyPair } from './test-keys';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../monitoring/logger';
import type { EdiSftpConfig } from './config-schema';
import { ediSftpConnector } from '.';
import { assertFileName, fingerprintOf, parseHostKey } from './transport';

const deps = { logger: createLogger('test', 'silent') };
const hostKey = ssh2.utils.generateKeyPairSync('ed25519').public;
const config = (port: number): EdiSftpConfig => ({
  host: '127.0.0.1',
  port,
  username: 'partner',
  privateKey: readableKeyPair().private,
  hostKey,
  inboundDir: 'in',
  outboundDir: 'out',
  connectTimeoutMs: 1_000,
});

describe('parseHostKey', () => {
  it('pins a whole public key with its fingerprint, or a fingerprint alone', () => {
    const [algorithm, base64] = hostKey.split(' ');
    const pinned = parseHostKey(hostKey);
    expect(pinned).toMatchObject({ form: 'key', algorithm });
    expect(pinned.fingerprint).toBe(fingerprintOf(Buffer.from(base64 ?? '', 'base64')));
    expect(pinned.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(parseHostKey(`${pinned.fingerprint}=`)).toEqual({
      form: 'fingerprint',
      fingerprint: pinned.fingerprint,
    });
  });

  it('refuses a key whose blob is not of the named type', () => {
    const ecdsaBlob = ssh2.utils.generateKeyPairSync('ecdsa', { bits: 256 }).public.split(' ')[1];
    expect(() => parseHostKey(`ssh-ed25519 ${ecdsaBlob}`)).toThrow(
      expect.objectContaining({
        kind: 'config',
        fieldErrors: [expect.objectContaining({ path: '/hostKey' })],
      }),
    );
  });
});

describe('assertFileName', () => {
  it.each(['', '..', '.', 'a/b', 'a\\b', 'x\0y', 'upload.part', 'x'.repeat(256)])(
    'refuses %j as data',
    (name) => {
      expect(() => assertFileName(name)).toThrow(expect.objectContaining({ name: 'HubError', kind: 'data' }));
    },
  );

  it('accepts ordinary EDI file names', () => {
    for (const name of ['PO-1001.x12', '850_20260101.edi', '.hidden-but-valid']) {
      expect(() => assertFileName(name)).not.toThrow();
    }
  });
});

describe('connection timeouts', () => {
  const sockets: Socket[] = [];
  let silent: Server | undefined;
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => silent?.close(resolve));
  });

  it('gives up on a server that accepts TCP but never speaks SSH, as transient, within connectTimeoutMs', async () => {
    silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent?.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const started = Date.now();
    const result = await ediSftpConnector.check(config(port), deps);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.checks[0]).toMatchObject({ name: 'connect', ok: false, errorKind: 'transient' });
    expect(result.checks[0]?.message).toMatch(/within 1000 ms/);
  });
});
