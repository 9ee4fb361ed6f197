import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import type { Db } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { COLLECTIONS } from './collections';
import { createConnectorStore, isConflict, isNotFound } from './connector-store';
import type { ConnectorDocument, ConnectorStore } from './connector-store';
import { createSecretBox } from './secrets';

const KEY_BODY = 'b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABBQ2aBqlaintextKEYMATERIAL';
const PRIVATE_KEY = `-----BEGIN OPENSSH PRIVATE KEY-----\n${KEY_BODY}\n-----END OPENSSH PRIVATE KEY-----\n`;
const PASSPHRASE = 'correct horse battery staple';
const HOST_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';

const sftpConfig = () => ({
  host: 'sftp.partner.example',
  username: 'acme',
  privateKey: PRIVATE_KEY,
  passphrase: PASSPHRASE,
  hostKey: HOST_KEY,
  inboundDir: 'in',
  outboundDir: 'out',
});

const box = createSecretBox(randomBytes(32));
const databaseName = `connector_store_test_${randomBytes(4).toString('hex')}`;
let client: MongoClient | undefined;
let db: Db;
let store: ConnectorStore;
let setupError: Error | undefined;
let counter = 0;
const uniqueName = (prefix: string) => `${prefix} ${++counter}`;

async function caught(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (err) {
    return err as Error & Record<string, unknown>;
  }
  throw new Error('expected a rejection');
}

const raw = (id: string) => db.collection<ConnectorDocument>(COLLECTIONS.connectors).findOne({ _id: id });

beforeAll(async () => {
  const uri = process.env.HUB_MONGODB_URI;
  if (!uri) {
    setupError = new Error(
      'HUB_MONGODB_URI is not set: these tests need a MongoDB-wire server. Run them with `npm test`, or start ' +
        'FerretDB: .cache/tools/bin/ferretdb --listen-addr 127.0.0.1:27998 --sqlite-dir /tmp/ferret & ' +
        'export HUB_MONGODB_URI=mongodb://127.0.0.1:27998/',
    );
    return;
  }
  client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000 });
  await client.connect();
  db = client.db(databaseName);
  store = createConnectorStore(db, box);
  await store.ensureIndexes();
});

// Without a database every test fails (rather than being skipped) and says why.
beforeEach(() => {
  if (setupError) throw setupError;
});

afterAll(async () => {
  await client?.db(databaseName).dropDatabase();
  await client?.db(`${databaseName}_pages`).dropDatabase();
  await client?.close();
});

describe('connector store (against a real MongoDB-wire server)', () => {
  it('creates a connector with its secrets encrypted at rest and masked in the view', async () => {
    const view = await store.create({
      name: uniqueName('Acme EDI'),
      type: 'edi-x12-sftp',
      config: sftpConfig(),
    });

    expect(view).toMatchObject({
      id: expect.stringMatching(/^con_[a-z2-7]{20}$/) as unknown,
      type: 'edi-x12-sftp',
      typeVersion: '1.0.0',
      kind: 'edi',
      status: 'active',
      pausedReason: null,
      revision: 1,
    });
    expect(view.config).toEqual({
      ...sftpConfig(),
      privateKey: '***',
      passphrase: '***',
      port: 22,
      connectTimeoutMs: 15_000,
    });
    expect(Date.parse(view.createdAt)).toBeGreaterThan(Date.now() - 60_000);

    const stored = await raw(view.id);
    expect(stored?.config.privateKey).toMatch(/^enc:v1:/);
    expect(stored?.config.passphrase).toMatch(/^enc:v1:/);
    expect(JSON.stringify(stored)).not.toContain(KEY_BODY);
    expect(JSON.stringify(stored)).not.toContain(PASSPHRASE);

    expect(await store.get(view.id)).toEqual(view);
    const decrypted = await store.getDecryptedConfig(view.id);
    expect(decrypted).toMatchObject({ id: view.id, type: 'edi-x12-sftp', status: 'active', revision: 1 });
    expect(decrypted.config).toEqual({ ...sftpConfig(), port: 22, connectTimeoutMs: 15_000 });
  });

  it('rejects an invalid config with every field path and writes nothing', async () => {
    const name = uniqueName('Broken');
    const error = await caught(
      store.create({
        name,
        type: 'edi-x12-sftp',
        config: { ...sftpConfig(), port: 'twenty-two', hostKey: undefined, extra: true },
      }),
    );
    expect(error).toMatchObject({ name: 'HubError', kind: 'data' });
    expect(error.fieldErrors).toEqual(
      expect.arrayContaining([
        { path: '/config/port', message: 'must be an integer' },
        { path: '/config/hostKey', message: 'is required' },
        { path: '/config/extra', message: expect.stringMatching(/^unknown field "extra"/) as unknown },
      ]),
    );
    expect(error.message).not.toContain(KEY_BODY);
    expect(await db.collection(COLLECTIONS.connectors).countDocuments({ name })).toBe(0);
  });

  it('rejects an unknown type, a bad name and a masked secret on create', async () => {
    const unknownType = await caught(store.create({ name: uniqueName('X'), type: 'nope', config: {} }));
    expect(unknownType.fieldErrors).toEqual([
      { path: '/type', message: expect.stringMatching(/known: .*\bedi-x12-sftp\b/) as unknown },
    ]);
    const badName = await caught(
      store.create({ name: ' padded ', type: 'edi-x12-sftp', config: sftpConfig() }),
    );
    expect(badName.fieldErrors).toEqual([{ path: '/name', message: expect.any(String) as unknown }]);
    const masked = await caught(
      store.create({
        name: uniqueName('Masked'),
        type: 'edi-x12-sftp',
        config: { ...sftpConfig(), privateKey: '***' },
      }),
    );
    expect(masked.fieldErrors).toEqual([
      { path: '/config/privateKey', message: expect.any(String) as unknown },
    ]);
  });

  it('refuses a second connector with the same name as a conflict', async () => {
    const name = uniqueName('Twin');
    await store.create({ name, type: 'edi-x12-sftp', config: sftpConfig() });
    const error = await caught(store.create({ name, type: 'edi-x12-sftp', config: sftpConfig() }));
    expect(error).toMatchObject({ kind: 'data', reason: 'name-taken', fieldErrors: [{ path: '/name' }] });
    expect(isConflict(error)).toBe(true);
    expect(await db.collection(COLLECTIONS.connectors).countDocuments({ name })).toBe(1);
  });

  it('updates by merge patch: "***" or an omitted secret keeps it, null removes a field, a new value replaces', async () => {
    const { id } = await store.create({
      name: uniqueName('Patchy'),
      type: 'edi-x12-sftp',
      config: sftpConfig(),
    });

    const renamed = await store.update(id, {
      name: uniqueName('Patched'),
      config: { port: 2222, privateKey: '***', retry: { maximumAttempts: 3 } },
    });
    expect(renamed).toMatchObject({
      revision: 2,
      config: { port: 2222, privateKey: '***', passphrase: '***' },
    });
    expect((await store.getDecryptedConfig(id)).config).toMatchObject({
      privateKey: PRIVATE_KEY,
      passphrase: PASSPHRASE,
      port: 2222,
      retry: { maximumAttempts: 3, initialIntervalMs: 1_000 },
    });

    const newKey = PRIVATE_KEY.replace('KEYMATERIAL', 'ROTATEDKEY00');
    await store.update(id, { config: { privateKey: newKey, passphrase: null, retry: null } });
    const after = (await store.getDecryptedConfig(id)).config;
    expect(after.privateKey).toBe(newKey);
    expect(after).not.toHaveProperty('passphrase');
    expect(after).not.toHaveProperty('retry');
    expect((await store.get(id)).config).not.toHaveProperty('passphrase');
    expect(JSON.stringify(await raw(id))).not.toContain('ROTATEDKEY00');
  });

  it('re-validates the merged config and changes nothing when it is invalid', async () => {
    const { id } = await store.create({
      name: uniqueName('Strict'),
      type: 'edi-x12-sftp',
      config: sftpConfig(),
    });
    const before = await raw(id);
    const error = await caught(store.update(id, { config: { port: 0, hostKey: null, privateKey: '***' } }));
    expect(error).toMatchObject({ kind: 'data' });
    expect(error.fieldErrors).toEqual(
      expect.arrayContaining([
        { path: '/config/port', message: 'must be >= 1' },
        { path: '/config/hostKey', message: 'is required' },
      ]),
    );
    expect(await raw(id)).toEqual(before);
  });

  it('applies an update only at the expected revision, and merges concurrent updates without one', async () => {
    const { id } = await store.create({
      name: uniqueName('Racy'),
      type: 'edi-x12-sftp',
      config: sftpConfig(),
    });
    await store.update(id, { config: { port: 2200 }, expectedRevision: 1 });
    const stale = await caught(store.update(id, { config: { port: 2201 }, expectedRevision: 1 }));
    expect(stale).toMatchObject({ name: 'HubError', kind: 'data', reason: 'revision-mismatch' });
    expect(stale.message).toMatch(/expected revision 1, but it is now at revision 2/);
    expect(isConflict(stale)).toBe(true);

    await Promise.all([
      store.update(id, { config: { inboundDir: 'in-2' } }),
      store.update(id, { config: { outboundDir: 'out-2' } }),
    ]);
    const final = await store.get(id);
    expect(final.revision).toBe(4);
    expect(final.config).toMatchObject({ port: 2200, inboundDir: 'in-2', outboundDir: 'out-2' });
  });

  it('lets exactly one of several writers holding the same revision win it', async () => {
    const { id } = await store.create({
      name: uniqueName('Contended'),
      type: 'edi-x12-sftp',
      config: sftpConfig(),
    });
    const outcomes = await Promise.allSettled(
      [2201, 2202, 2203, 2204, 2205, 2206].map((port) =>
        store.update(id, { config: { port }, expectedRevision: 1 }),
      ),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(lost.every(isConflict)).toBe(true);
    const final = await store.get(id);
    expect(final.revision).toBe(2);
    expect(final.config.port).toBe(won[0]?.status === 'fulfilled' ? won[0].value.config.port : undefined);
  });

  it('completes a change whose writer died after claiming its revision', async () => {
    const { id } = await store.create({
      name: uniqueName('Orphan'),
      type: 'edi-x12-sftp',
      config: sftpConfig(),
    });
    const stored = await raw(id);
    // What a writer leaves behind when it dies between its claim and its write, a minute ago.
    await db.collection('connector_revisions').insertOne({
      _id: `${id}:2` as unknown as never,
      connectorId: id,
      revision: 2,
      set: { config: { ...stored?.config, inboundDir: 'claimed-in' }, updatedAt: new Date() },
      claimedAt: new Date(Date.now() - 60_000),
    });
    const updated = await store.update(id, { config: { outboundDir: 'later-out' } });
    expect(updated.revision).toBe(3);
    expect(updated.config).toMatchObject({
      inboundDir: 'claimed-in',
      outboundDir: 'later-out',
      privateKey: '***',
    });
    expect((await store.getDecryptedConfig(id)).config.privateKey).toBe(PRIVATE_KEY);
  });

  it('pauses with a reason and resumes; pausing twice keeps the first reason', async () => {
    const { id } = await store.create({
      name: uniqueName('Pausable'),
      type: 'edi-x12-sftp',
      config: sftpConfig(),
    });
    const paused = await store.pause(id, 'partner maintenance window');
    expect(paused).toMatchObject({
      status: 'paused',
      pausedReason: 'partner maintenance window',
      revision: 2,
    });
    expect(Date.parse(paused.pausedAt ?? '')).not.toBeNaN();
    expect(await store.pause(id, 'again')).toMatchObject({
      pausedReason: 'partner maintenance window',
      revision: 2,
    });
    expect((await store.list({ status: 'paused', limit: 200 })).items.map((c) => c.id)).toContain(id);

    const resumed = await store.resume(id);
    expect(resumed).toMatchObject({ status: 'active', pausedReason: null, pausedAt: null, revision: 3 });
    expect((await store.list({ status: 'paused', limit: 200 })).items.map((c) => c.id)).not.toContain(id);
    await expect(store.pause(id, '   ')).rejects.toMatchObject({ kind: 'data' });
  });

  it('answers an unknown id with a not-found error from every method', async () => {
    const { id } = await store.create({
      name: uniqueName('Doomed'),
      type: 'edi-x12-sftp',
      config: sftpConfig(),
    });
    await store.delete(id);
    for (const missing of [id, 'con_aaaaaaaaaaaaaaaaaaaa', 'not-an-id']) {
      for (const call of [
        () => store.get(missing),
        () => store.update(missing, { name: 'x' }),
        () => store.delete(missing),
        () => store.pause(missing, 'why'),
        () => store.resume(missing),
        () => store.getDecryptedConfig(missing),
      ]) {
        const error = await caught(call());
        expect(error).toMatchObject({
          name: 'HubError',
          kind: 'data',
          message: `connector ${missing} not found`,
        });
        expect(isNotFound(error)).toBe(true);
      }
    }
  });
});

describe('connector store listing', () => {
  let pages: ConnectorStore;
  const ids: string[] = [];

  beforeAll(async () => {
    if (setupError || !client) return;
    pages = createConnectorStore(client.db(`${databaseName}_pages`), box);
    await pages.ensureIndexes();
    await pages.ensureIndexes(); // idempotent
    for (let i = 0; i < 5; i++) {
      ids.push((await pages.create({ name: `Listed ${i}`, type: 'edi-x12-sftp', config: sftpConfig() })).id);
    }
    await pages.pause(ids[0] ?? '', 'testing');
  });

  it('pages through every connector once, in stable id order, with an opaque cursor', async () => {
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await pages.list({ limit: 2, cursor });
      sizes.push(page.items.length);
      seen.push(...page.items.map((c) => c.id));
      for (const item of page.items) expect(item.config.privateKey).toBe('***');
      cursor = page.nextCursor ?? undefined;
      if (cursor) expect(cursor).not.toContain('con_');
    } while (cursor);
    expect(sizes).toEqual([2, 2, 1]);
    expect(seen).toEqual([...ids].sort());
  });

  it('filters by type, kind and status', async () => {
    expect((await pages.list({ type: 'edi-x12-sftp' })).items).toHaveLength(5);
    expect((await pages.list({ type: 'other' })).items).toHaveLength(0);
    expect((await pages.list({ kind: 'edi', status: 'active' })).items).toHaveLength(4);
    expect((await pages.list({ kind: 'erp' })).items).toHaveLength(0);
    expect((await pages.list({ status: 'paused' })).items.map((c) => c.id)).toEqual([ids[0]]);
  });

  it('rejects a cursor it did not issue and a limit out of range', async () => {
    await expect(pages.list({ cursor: 'bogus' })).rejects.toMatchObject({
      kind: 'data',
      fieldErrors: [{ path: '/cursor' }],
    });
    await expect(pages.list({ limit: 0 })).rejects.toMatchObject({
      kind: 'data',
      fieldErrors: [{ path: '/limit' }],
    });
  });
});
