import { randomBytes } from 'node:crypto';
import ssh2 from 'ssh2';
import { readableKeyPair } from './test-keys';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../monitoring/logger';
import { freePort } from '../../test/support/processes';
import { ediSftpConnector } from '.';
import type { EdiSftpConfig } from '.';
import { stackSftpConfig } from './test-server';
import { fingerprintOf, withSftp } from './transport';
import type { SftpConnection } from './transport';

const deps = { logger: createLogger('test', 'silent') };
const STEPS = ['connect', 'list-inbound', 'write-outbound', 'archive-dir'];

/** Each run works in its own subdirectories of the server's inbound/ and outbound/. */
const run = `t-${randomBytes(5).toString('hex')}`;
let server: EdiSftpConfig;
/** The hub's side of the exchange. */
let hub: EdiSftpConfig;
/** The trading partner's side: what the hub reads, the partner writes, and the other way round. */
let partner: EdiSftpConfig;

const as = (config: EdiSftpConfig) => ediSftpConnector.create(config, deps);
const raw = <T>(work: (sftp: SftpConnection) => Promise<T>) => withSftp(server, work);
const names = (dir: string) => raw(async (s) => (await s.list(dir)).map((e) => e.name).sort());

async function removeTree(sftp: SftpConnection, dir: string): Promise<void> {
  await sftp.chmod(dir, 0o755).catch(() => undefined);
  for (const entry of await sftp.list(dir).catch(() => [])) {
    if (entry.name === '.' || entry.name === '..') continue;
    const child = `${dir}/${entry.name}`;
    if (entry.isDirectory) await removeTree(sftp, child);
    else await sftp.unlink(child);
  }
  await sftp.rmdir(dir).catch(() => undefined);
}

let setupError: Error | undefined;

beforeAll(async () => {
  try {
    server = stackSftpConfig(); // names the missing HUB_SFTP_* variables and how to start a server
  } catch (err) {
    setupError = err as Error;
    return;
  }
  hub = {
    ...server,
    inboundDir: `inbound/${run}`,
    outboundDir: `outbound/${run}`,
    archiveDir: `inbound/${run}/archive`,
  };
  partner = { ...server, inboundDir: `outbound/${run}`, outboundDir: `inbound/${run}` };
  await raw(async (s) => {
    await s.mkdir(hub.inboundDir);
    await s.mkdir(hub.outboundDir);
    await s.mkdir(`inbound/${run}/archive`);
  });
});

// Without a server every test fails (rather than being skipped) and says why.
beforeEach(() => {
  if (setupError) throw setupError;
});

afterAll(async () => {
  if (!hub) return;
  await raw(async (s) => {
    await removeTree(s, hub.inboundDir);
    await removeTree(s, hub.outboundDir);
  });
});

describe('edi-x12-sftp check() against the real OpenSSH server', () => {
  it('passes every step with the right private key and the pinned host key, and leaves no probe file', async () => {
    const result = await ediSftpConnector.check(hub, deps);
    expect(result.checks.map((c) => c.name)).toEqual(STEPS);
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.ok).toBe(true);
    expect(await names(hub.outboundDir)).toEqual([]);
  });

  it('accepts the host key pinned by its SHA256 fingerprint', async () => {
    const blob = Buffer.from(server.hostKey.split(' ')[1] ?? '', 'base64');
    const result = await ediSftpConnector.check({ ...hub, hostKey: fingerprintOf(blob) }, deps);
    expect(result.ok).toBe(true);
    expect(result.checks[0]?.message).toContain(fingerprintOf(blob));
  });

  it('refuses a server whose host key is not the pinned one, before authenticating or writing', async () => {
    const otherKey = ssh2.utils.generateKeyPairSync('ed25519').public;
    for (const hostKey of [otherKey, fingerprintOf(randomBytes(51))]) {
      const result = await ediSftpConnector.check({ ...hub, hostKey }, deps);
      expect(result.ok).toBe(false);
      expect(result.checks[0]).toMatchObject({ name: 'connect', ok: false, errorKind: 'config' });
      expect(result.checks[0]?.message).toMatch(/host key mismatch/);
      expect(result.checks.slice(1).every((c) => !c.ok && c.message.startsWith('skipped'))).toBe(true);
    }
    await expect(as({ ...hub, hostKey: otherKey }).upload('REFUSED.x12', 'ISA*00~')).rejects.toMatchObject({
      name: 'HubError',
      kind: 'config',
      message: expect.stringMatching(/host key mismatch/) as unknown,
    });
    expect(await names(hub.outboundDir)).toEqual([]);
  });

  it('refuses a server that has no host key of the pinned type', async () => {
    const ecdsa = ssh2.utils.generateKeyPairSync('ecdsa', { bits: 256 }).public;
    const result = await ediSftpConnector.check({ ...hub, hostKey: ecdsa }, deps);
    expect(result.checks[0]).toMatchObject({ ok: false, errorKind: 'config' });
    expect(result.checks[0]?.message).toMatch(/host key mismatch.*no ecdsa-sha2-nistp256 host key/);
  });

  it('reports a private key the server does not accept as config, without quoting the key', async () => {
    const wrongKey = readableKeyPair().private;
    const result = await ediSftpConnector.check({ ...hub, privateKey: wrongKey }, deps);
    expect(result.checks[0]).toMatchObject({ name: 'connect', ok: false, errorKind: 'config' });
    expect(result.checks[0]?.message).toMatch(/authentication as .* failed/);
    const keyBody = wrongKey.split('\n')[1] ?? '';
    expect(keyBody.length).toBeGreaterThan(20);
    expect(JSON.stringify(result)).not.toContain(keyBody);
  });

  it('reports a wrong passphrase of an encrypted private key as config on the passphrase field', async () => {
    const locked = ssh2.utils.generateKeyPairSync('ed25519', {
      passphrase: 'right',
      cipher: 'aes256-ctr',
      rounds: 8,
    });
    const config = { ...hub, privateKey: locked.private, passphrase: 'wrong-passphrase' };
    const result = await ediSftpConnector.check(config, deps);
    expect(result.checks[0]).toMatchObject({ ok: false, errorKind: 'config' });
    expect(result.checks[0]?.message).toMatch(/passphrase is wrong/);
    expect(JSON.stringify(result)).not.toContain('wrong-passphrase');
    await expect(as(config).listInbound()).rejects.toMatchObject({
      kind: 'config',
      fieldErrors: [{ path: '/passphrase', message: expect.any(String) as unknown }],
    });
  });

  it('reports a closed port as transient', async () => {
    const closed = { ...hub, port: await freePort() };
    const result = await ediSftpConnector.check(closed, deps);
    expect(result.checks[0]).toMatchObject({ name: 'connect', ok: false, errorKind: 'transient' });
    expect(result.checks[0]?.message).toMatch(/ECONNREFUSED/);
    await expect(as(closed).listInbound()).rejects.toMatchObject({ kind: 'transient' });
  });

  it('reports missing directories and an unwritable outbound directory as config, step by step', async () => {
    const missing = await ediSftpConnector.check(
      { ...hub, inboundDir: `${hub.inboundDir}/nope`, archiveDir: `${hub.inboundDir}/nope-either` },
      deps,
    );
    expect(missing.checks.map((c) => [c.name, c.ok, c.errorKind])).toEqual([
      ['connect', true, undefined],
      ['list-inbound', false, 'config'],
      ['write-outbound', true, undefined],
      ['archive-dir', false, 'config'],
    ]);
    expect(missing.checks[1]?.message).toMatch(/directory does not exist/);

    await raw((s) => s.chmod(hub.outboundDir, 0o555));
    try {
      const readOnly = await ediSftpConnector.check(hub, deps);
      expect(readOnly.checks.find((c) => c.name === 'write-outbound')).toMatchObject({
        ok: false,
        errorKind: 'config',
        message: expect.stringMatching(/permission denied/) as unknown,
      });
      await expect(as(hub).upload('DENIED.x12', 'ISA*00~')).rejects.toMatchObject({
        kind: 'config',
        message: expect.stringMatching(/permission denied/) as unknown,
      });
    } finally {
      await raw((s) => s.chmod(hub.outboundDir, 0o755));
    }
    expect(await names(hub.outboundDir)).toEqual([]);
  });
});

describe('edi-x12-sftp operations against the real OpenSSH server', () => {
  it('uploads atomically: the final name only ever shows the whole file, and no .part is left', async () => {
    const content = randomBytes(8 * 1024 * 1024);
    const seen: { name: string; size: number }[] = [];
    let uploading = true;
    const watcher = raw(async (s) => {
      while (uploading) {
        for (const e of await s.list(hub.outboundDir)) seen.push({ name: e.name, size: e.size });
      }
    });
    const result = await as(hub)
      .upload('BIG-1.x12', content)
      .finally(() => (uploading = false));
    await watcher;

    expect(result).toEqual({
      path: `${hub.outboundDir}/BIG-1.x12`,
      bytes: content.length,
      status: 'uploaded',
    });
    for (const s of seen.filter((e) => e.name === 'BIG-1.x12')) expect(s.size).toBe(content.length);
    expect(await names(hub.outboundDir)).toEqual(['BIG-1.x12']);
    expect((await as(partner).download('BIG-1.x12')).equals(content)).toBe(true);
  });

  it('round-trips a document and treats a repeated upload of the same bytes as already done', async () => {
    const document =
      'ISA*00*          *00*          *ZZ*HUB*ZZ*PARTNER~GS*PO~ST*850*0001~SE*2*0001~GE*1~IEA*1~';
    expect(await as(hub).upload('PO-1001.x12', document)).toMatchObject({ status: 'uploaded' });
    expect((await as(partner).download('PO-1001.x12')).toString('utf8')).toBe(document);

    expect(await as(hub).upload('PO-1001.x12', document)).toMatchObject({ status: 'already-present' });
    await expect(as(hub).upload('PO-1001.x12', `${document}changed`)).rejects.toMatchObject({
      kind: 'data',
      message: expect.stringMatching(/already exists with different content/) as unknown,
    });
    expect((await as(partner).download('PO-1001.x12')).toString('utf8')).toBe(document);
    expect((await names(hub.outboundDir)).filter((n) => n.endsWith('.part'))).toEqual([]);
  });

  it('lists inbound files (not hidden, partial or directories), downloads and archives them', async () => {
    await as(partner).upload('ORDER-2.x12', 'second');
    await as(partner).upload('ORDER-1.x12', 'first');
    await raw(async (s) => {
      // Sent in the opposite order of their names: the listing follows the time, oldest first.
      await s.setModifiedAt(`${hub.inboundDir}/ORDER-2.x12`, new Date('2026-01-01T10:00:00Z'));
      await s.setModifiedAt(`${hub.inboundDir}/ORDER-1.x12`, new Date('2026-01-01T10:05:00Z'));
      await s.writeFile(`${hub.inboundDir}/.partner-lock`, Buffer.from('x'));
      await s.writeFile(`${hub.inboundDir}/ORDER-3.x12.part`, Buffer.from('in progress'));
    });

    const files = await as(hub).listInbound();
    expect(files).toEqual([
      { name: 'ORDER-2.x12', size: 6, modifiedAt: '2026-01-01T10:00:00.000Z' },
      { name: 'ORDER-1.x12', size: 5, modifiedAt: '2026-01-01T10:05:00.000Z' },
    ]);
    expect((await as(hub).download('ORDER-1.x12')).toString()).toBe('first');

    const archived = await as(hub).archive('ORDER-1.x12');
    expect(archived).toEqual({
      from: `${hub.inboundDir}/ORDER-1.x12`,
      to: `${hub.archiveDir}/ORDER-1.x12`,
      status: 'archived',
    });
    expect((await as(hub).listInbound()).map((f) => f.name)).toEqual(['ORDER-2.x12']);
    expect(await as(hub).archive('ORDER-1.x12')).toMatchObject({ status: 'already-archived' });

    // The partner re-sends the same file name: the earlier archived copy is kept.
    await as(partner).upload('ORDER-1.x12', 'first, again');
    const again = await as(hub).archive('ORDER-1.x12');
    expect(again.to).toMatch(new RegExp(`^${hub.archiveDir}/ORDER-1\\.x12\\.\\d{4}-`));
    expect(await names(hub.archiveDir ?? '')).toHaveLength(2);
  });

  it('refuses unsafe names and missing files as data, a missing archive setting as config', async () => {
    await expect(as(hub).download('../outbound/x')).rejects.toMatchObject({ kind: 'data' });
    await expect(as(hub).upload('sneaky.part', 'x')).rejects.toMatchObject({ kind: 'data' });
    await expect(as(hub).download('NOT-THERE.x12')).rejects.toMatchObject({
      kind: 'data',
      message: expect.stringMatching(/no such file/) as unknown,
    });
    await expect(as({ ...hub, archiveDir: undefined }).archive('ORDER-2.x12')).rejects.toMatchObject({
      kind: 'config',
    });
    await expect(
      as({ ...hub, outboundDir: `${hub.outboundDir}/gone` }).upload('X.x12', 'x'),
    ).rejects.toMatchObject({
      kind: 'config',
      message: expect.stringMatching(/directory does not exist/) as unknown,
    });
  });

  it('gives up at once, as transient, when the caller cancels', async () => {
    await expect(as(hub).listInbound(AbortSignal.abort())).rejects.toMatchObject({
      kind: 'transient',
      message: expect.stringMatching(/cancelled/) as unknown,
    });
  });
});
