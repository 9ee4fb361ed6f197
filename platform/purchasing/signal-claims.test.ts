import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import type { Db } from 'mongodb';
import { openTestDatabase } from '../../test/support/database';
import { createSignalClaims } from './signal-claims';
import type { SignalClaims } from './store-types';

// Runs against the stack's real MongoDB-wire server, in a database of its own.
let client: MongoClient;
let db: Db;
let claims: SignalClaims;

beforeAll(async () => {
  ({ client, db } = await openTestDatabase('hub_signal_claims'));
  claims = createSignalClaims(db);
  await claims.ensureIndexes();
});

afterAll(async () => {
  await db?.dropDatabase();
  await client?.close();
});

describe('signal claims', () => {
  it('gives each signal to the first proposal that claims it, and answers a retry the same', async () => {
    expect(await claims.claim('prop_1', ['so_1/1', 'so_2/1'])).toEqual(['so_1/1', 'so_2/1']);
    expect(await claims.claim('prop_2', ['so_2/1', 'so_3/1', 'so_4/1'])).toEqual(['so_3/1', 'so_4/1']);
    expect(await claims.claim('prop_1', ['so_1/1', 'so_2/1', 'so_3/1'])).toEqual(['so_1/1', 'so_2/1']);
    expect(await claims.claim('prop_2', ['so_2/1', 'so_3/1', 'so_4/1'])).toEqual(['so_3/1', 'so_4/1']);
    expect(await claims.claim('prop_3', [])).toEqual([]);
    expect(await claims.claim('prop_3', ['so_5/1', 'so_5/1'])).toEqual(['so_5/1']);
  });

  it('lets exactly one of two racing proposals, on two connections, own each signal', async () => {
    const other = await MongoClient.connect(process.env.HUB_MONGODB_URI ?? '', {
      serverSelectionTimeoutMS: 5_000,
    });
    try {
      const rival = createSignalClaims(other.db(db.databaseName));
      const signals = Array.from({ length: 20 }, (_, i) => `race/${i}`);
      const [a, b] = await Promise.all([
        claims.claim('prop_a', signals),
        rival.claim('prop_b', [...signals].reverse()),
      ]);
      expect([...a, ...b].sort()).toEqual([...signals].sort());
      expect(a.filter((id) => b.includes(id))).toEqual([]);
      expect(await rival.claim('prop_a', signals)).toEqual(a);
    } finally {
      await other.close();
    }
  });
});
