import { MongoClient } from 'mongodb';
import type { Db } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { COLLECTIONS } from '../platform/collections';
import { isHubError } from '../platform/errors';
import { CROSS_REFERENCE_INDEXES, createCrossReferenceStore } from './cross-reference';
import type { CrossReferenceStore, ExternalKey } from './cross-reference';

// Runs against a real MongoDB-wire server (FerretDB in the local stack). Without one this file fails, loudly.
const uri = process.env.HUB_MONGODB_URI;
const database = `canon_xref_${process.pid}_${Date.now()}`;
let client: MongoClient | undefined;
let db: Db;
let store: CrossReferenceStore;

beforeAll(async () => {
  if (!uri) return;
  client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000 });
  await client.connect();
  db = client.db(database);
  store = createCrossReferenceStore(db);
  await store.ensureIndexes();
});

// Each test fails (rather than being skipped) when there is no server to run against.
beforeEach(() => {
  if (!uri) {
    throw new Error(
      'HUB_MONGODB_URI is not set: the cross-reference tests need a MongoDB-wire server. `npm test` starts one; ' +
        'or run FerretDB yourself and set HUB_MONGODB_URI=mongodb://127.0.0.1:<port>/',
    );
  }
});

afterAll(async () => {
  if (client === undefined) return;
  await db.dropDatabase();
  await client.close();
});

const key = (externalId: string, connectorId = 'netsuite-prod', objectType = 'sales-order'): ExternalKey => ({
  connectorId,
  objectType,
  externalId,
});

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
}

describe('cross-reference store', () => {
  it('maps an external id to its canonical id and back', async () => {
    expect(await store.link(key('SO-1'), 'so_1')).toBe('created');
    expect(await store.toCanonical(key('SO-1'))).toBe('so_1');
    expect(await store.toExternal('so_1', 'netsuite-prod', 'sales-order')).toBe('SO-1');
  });

  it('answers undefined for what was never linked', async () => {
    expect(await store.toCanonical(key('SO-unknown'))).toBeUndefined();
    expect(await store.toExternal('so_unknown', 'netsuite-prod', 'sales-order')).toBeUndefined();
  });

  it('is idempotent: linking the same pair again changes nothing', async () => {
    await store.link(key('SO-2'), 'so_2');
    expect(await store.link(key('SO-2'), 'so_2')).toBe('unchanged');
    const count = await db.collection(COLLECTIONS.crossReferences).countDocuments({ externalId: 'SO-2' });
    expect(count).toBe(1);
  });

  it('refuses to re-link an external id to another canonical id, as a data error naming both', async () => {
    await store.link(key('SO-3'), 'so_3');
    const err = await failure(store.link(key('SO-3'), 'so_3b'));
    expect(isHubError(err) && err.kind).toBe('data');
    expect((err as Error).message).toMatch(/"SO-3" .* already linked to canonical id "so_3", not "so_3b"/);
    expect(await store.toCanonical(key('SO-3'))).toBe('so_3');
  });

  it('refuses a second external id for a canonical id in the same connector and object type', async () => {
    await store.link(key('SO-4'), 'so_4');
    const err = await failure(store.link(key('SO-4-dup'), 'so_4'));
    expect(isHubError(err) && err.kind).toBe('data');
    expect((err as Error).message).toMatch(/canonical id "so_4" is already linked to sales-order "SO-4"/);
  });

  it('keeps connectors and object types apart', async () => {
    await store.link(key('4711', 'netsuite-prod', 'item'), 'itm_4711');
    await store.link(key('4711', 'shopify-main', 'item'), 'itm_other');
    await store.link(key('4711', 'netsuite-prod', 'customer'), 'cus_4711');
    await store.link(key('gid://shopify/Product/9', 'shopify-main', 'item'), 'itm_4711');
    expect(await store.toCanonical(key('4711', 'shopify-main', 'item'))).toBe('itm_other');
    expect(await store.toExternal('itm_4711', 'shopify-main', 'item')).toBe('gid://shopify/Product/9');
    expect(await store.toExternal('itm_4711', 'netsuite-prod', 'item')).toBe('4711');
  });

  it('lets concurrent identical links all succeed with one record', async () => {
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => store.link(key('SO-5'), 'so_5')));
    expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
    expect(await db.collection(COLLECTIONS.crossReferences).countDocuments({ externalId: 'SO-5' })).toBe(1);
  });

  it('lets exactly one of several concurrent conflicting links win', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => store.link(key('SO-6'), `so_6_${i}`)),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') expect(isHubError(r.reason) && r.reason.kind).toBe('data');
    }
  });

  it('never lets a non-string reach a query', async () => {
    const injected = { ...key('x'), externalId: { $ne: null } as unknown as string };
    const err = await failure(store.toCanonical(injected));
    expect(isHubError(err) && err.kind).toBe('data');
    expect(isHubError(err) && err.fieldErrors).toEqual([
      { path: '/externalId', message: expect.any(String) as unknown },
    ]);
    expect(isHubError(await failure(store.link(key(''), 'so_x')))).toBe(true);
  });

  it('has both unique indexes, and creating them again is harmless', async () => {
    await store.ensureIndexes();
    const indexes = (await db.collection(COLLECTIONS.crossReferences).listIndexes().toArray()) as {
      name: string;
    }[];
    const byName = new Map(indexes.map((i) => [i.name, i]));
    expect(byName.get(CROSS_REFERENCE_INDEXES.byExternalKey)).toMatchObject({
      key: { connectorId: 1, objectType: 1, externalId: 1 },
      unique: true,
    });
    expect(byName.get(CROSS_REFERENCE_INDEXES.byCanonicalId)).toMatchObject({
      key: { canonicalId: 1, connectorId: 1, objectType: 1 },
      unique: true,
    });
  });

  it('still resolves links stored with generated ids, both ways, once the store has started', async () => {
    await db.collection(COLLECTIONS.crossReferences).insertOne({
      ...key('SO-OLD-1'),
      canonicalId: 'so_old_1',
      createdAt: new Date(),
    });
    const restarted = createCrossReferenceStore(db);
    await restarted.ensureIndexes();
    expect(await restarted.toCanonical(key('SO-OLD-1'))).toBe('so_old_1');
    expect(await restarted.toExternal('so_old_1', 'netsuite-prod', 'sales-order')).toBe('SO-OLD-1');
    expect(await restarted.link(key('SO-OLD-1'), 'so_old_1')).toBe('unchanged');
    expect(isHubError(await failure(restarted.link(key('SO-OLD-2'), 'so_old_1')))).toBe(true);
  });

  it('answers every lookup by document id, so it does not read the whole collection', async () => {
    await store.link(key('SO-ID-1'), 'so_id_1');
    const watched = new MongoClient(uri ?? '', { monitorCommands: true });
    const filters: unknown[] = [];
    watched.on('commandStarted', (e) => {
      if (e.commandName === 'find') filters.push(e.command.filter);
    });
    const lean = createCrossReferenceStore(watched.db(database));
    try {
      await db.collection(COLLECTIONS.crossReferences).deleteMany({ _id: { $not: { $type: 'string' } } });
      expect(await lean.toCanonical(key('SO-ID-1'))).toBe('so_id_1');
      expect(await lean.toExternal('so_id_1', 'netsuite-prod', 'sales-order')).toBe('SO-ID-1');
      expect(await lean.toCanonical(key('SO-ID-never'))).toBeUndefined();
      expect(await lean.toExternal('so_never', 'netsuite-prod', 'sales-order')).toBeUndefined();
    } finally {
      await watched.close();
    }
    const onlyById = filters.filter((f) => Object.keys(f as object).join() === '_id');
    // One lookup per store (does any link have a generated id?) may read more; every other one is by id.
    expect(filters.length - onlyById.length).toBeLessThanOrEqual(1);
    expect(onlyById.length).toBeGreaterThanOrEqual(5);
  });

  it('takes over a way back whose link never landed', async () => {
    // A process died after claiming canonical id so_lost for SO-LOST-1 and before storing the link.
    await db.collection(COLLECTIONS.crossReferencesBack).insertOne({
      _id: JSON.stringify(['netsuite-prod', 'sales-order', 'so_lost']) as never,
      externalId: 'SO-LOST-1',
    });
    expect(await store.link(key('SO-LOST-2'), 'so_lost')).toBe('created');
    expect(await store.toExternal('so_lost', 'netsuite-prod', 'sales-order')).toBe('SO-LOST-2');
  });
});
