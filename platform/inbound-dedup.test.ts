import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../test/support/database';
import type { MongoClient } from 'mongodb';
import type { Db } from 'mongodb';
import { createInboundDedup } from './inbound-dedup';
import type { InboundDedup } from './inbound-dedup';

// Runs against a real MongoDB-wire server (FerretDB in the local stack), in a database of its own.
let client: MongoClient;
let db: Db;
let dedup: InboundDedup;

beforeAll(async () => {
  ({ client, db } = await openTestDatabase('hub_dedup'));
  dedup = createInboundDedup(db);
  await dedup.ensureIndexes();
  await dedup.ensureIndexes(); // idempotent
});

afterAll(async () => {
  await db?.dropDatabase();
  await client?.close();
});

const key = (externalId = `ORD-${randomUUID()}`, version: string | number = 1) => ({
  sourceConnectorId: 'shop-1',
  externalId,
  version,
});

describe('inbound de-duplication', () => {
  it('claims the first delivery and reports every later one as a duplicate, counting deliveries', async () => {
    const k = key();
    expect(await dedup.claim(k)).toBe('new');
    const first = await dedup.get(k);
    expect(first).toMatchObject({
      sourceConnectorId: 'shop-1',
      externalId: k.externalId,
      version: '1',
      deliveries: 1,
    });
    expect(first?.lastSeenAt).toEqual(first?.firstSeenAt);

    expect(await dedup.claim(k)).toBe('duplicate');
    expect(await dedup.claim({ ...k, version: '1' })).toBe('duplicate'); // versions compare as text
    const later = await dedup.get(k);
    expect(later?.deliveries).toBe(3);
    expect(later?.firstSeenAt).toEqual(first?.firstSeenAt);
    expect(later!.lastSeenAt.getTime()).toBeGreaterThanOrEqual(first!.firstSeenAt.getTime());
  });

  it('treats a new version, another document or another source as new', async () => {
    const k = key();
    expect(await dedup.claim(k)).toBe('new');
    expect(await dedup.claim({ ...k, version: 2 })).toBe('new');
    expect(await dedup.claim({ ...k, externalId: `${k.externalId}-b` })).toBe('new');
    expect(await dedup.claim({ ...k, sourceConnectorId: 'shop-2' })).toBe('new');
  });

  it('answers new exactly once when the same delivery arrives concurrently', async () => {
    const k = key();
    const results = await Promise.all(Array.from({ length: 8 }, () => dedup.claim(k)));
    expect(results.filter((r) => r === 'new')).toHaveLength(1);
    expect(results.filter((r) => r === 'duplicate')).toHaveLength(7);
    expect((await dedup.get(k))?.deliveries).toBe(8);
  });

  it('lets a released claim be processed again', async () => {
    const k = key();
    expect(await dedup.claim(k)).toBe('new');
    await dedup.release(k);
    expect(await dedup.get(k)).toBeNull();
    expect(await dedup.claim(k)).toBe('new');
  });
});
