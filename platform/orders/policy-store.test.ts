import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, MongoClient } from 'mongodb';
import { openTestDatabase } from '../../test/support/database';
import { COLLECTIONS } from '../collections';
import { isHubError } from '../errors';
import { isConflictError } from '../store-errors';
import { defaultOrderPolicy } from './policy';
import type { OrderPolicy } from './policy';
import { createOrderPolicyStore, policyOf } from './policy-store';
import type { OrderPolicyStore } from './policy-store';

// Runs against the stack's real MongoDB-wire server, in a database of its own.
let client: MongoClient;
let db: Db;
let store: OrderPolicyStore;

const policy = (legalEntityId: string, overrides: Partial<OrderPolicy> = {}): OrderPolicy => ({
  ...defaultOrderPolicy(legalEntityId),
  warehouses: [{ locationId: 'loc_chicago', regions: ['US-IL'] }, { locationId: 'loc_reno' }],
  substitutes: { 'WID-1001': ['WID-1002'] },
  ...overrides,
});

/** The field paths a rejected put named. */
async function rejectedPaths(input: unknown): Promise<string[]> {
  const err: unknown = await store.put(input as OrderPolicy).catch((e: unknown) => e);
  if (!isHubError(err) || err.kind !== 'data') throw new Error(`expected a data error, got ${String(err)}`);
  return (err.fieldErrors ?? []).map((e) => e.path);
}

beforeAll(async () => {
  ({ client, db } = await openTestDatabase('hub_order_policy'));
  store = createOrderPolicyStore(db);
  await store.ensureIndexes();
});

afterAll(async () => {
  await db?.dropDatabase();
  await client?.close();
});

describe('order policy store', () => {
  it('answers the default policy at revision 0 for a legal entity with none stored', async () => {
    const got = await store.get('le_none');
    expect(policyOf(got)).toEqual(defaultOrderPolicy('le_none'));
    expect(got.revision).toBe(0);
    expect(got.updatedAt).toBeNull();
  });

  it('stores revisions, each put answering the new one', async () => {
    const first = await store.put(policy('le_rev'), { by: 'ops' });
    expect(first).toMatchObject({ revision: 1, updatedBy: 'ops', strategy: 'nearest-warehouse' });
    const second = await store.put(policy('le_rev', { strategy: 'fewest-splits' }), { expectedRevision: 1 });
    expect(second.revision).toBe(2);
    const got = await store.get('le_rev');
    expect(got).toMatchObject({ revision: 2, strategy: 'fewest-splits' });
    expect(policyOf(got)).toEqual(policy('le_rev', { strategy: 'fewest-splits' }));
  });

  it('refuses a put whose expected revision is not the stored one', async () => {
    await store.put(policy('le_conflict'));
    const stale: unknown = await store
      .put(policy('le_conflict', { holdTimeoutMinutes: 5 }), { expectedRevision: 0 })
      .catch((e: unknown) => e);
    expect(isConflictError(stale)).toBe(true);
    expect((await store.get('le_conflict')).holdTimeoutMinutes).toBe(24 * 60);
  });

  it('lets exactly one of two racing puts on the same revision win', async () => {
    const results = await Promise.allSettled(
      [10, 20, 30].map((minutes) =>
        store.put(policy('le_race', { holdTimeoutMinutes: minutes }), { expectedRevision: 0 }),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected' && isConflictError(r.reason))).toHaveLength(2);
    const winner = (won[0] as PromiseFulfilledResult<{ holdTimeoutMinutes: number }>).value;
    expect((await store.get('le_race')).holdTimeoutMinutes).toBe(winner.holdTimeoutMinutes);
  });

  it('names every bad field and stores nothing', async () => {
    expect(
      await rejectedPaths(
        policy('le_bad', {
          warehouses: [{ locationId: 'loc_a' }, { locationId: 'loc_a' }, { locationId: '' }],
          strategy: 'cheapest' as OrderPolicy['strategy'],
          protectedStockPercent: 101,
          priceTolerancePercent: '-1',
          holdTimeoutMinutes: 1.5,
          autoRejectAfterMinutes: -1,
          substitutes: { 'WID/1': 'WID-2' as unknown as string[] },
          shortageAction: 'refund' as OrderPolicy['shortageAction'],
        }),
      ),
    ).toEqual([
      '/warehouses/1/locationId',
      '/warehouses/2/locationId',
      '/strategy',
      '/protectedStockPercent',
      '/substitutes/WID~11',
      '/shortageAction',
      '/priceTolerancePercent',
      '/holdTimeoutMinutes',
      '/autoRejectAfterMinutes',
    ]);
    expect(await rejectedPaths({ ...policy('le_bad'), priceTolerancePercent: 2 })).toEqual([
      '/priceTolerancePercent',
    ]);
    expect(await rejectedPaths({ ...policy('le_bad'), warehouses: undefined })).toEqual(['/warehouses']);
    expect((await store.get('le_bad')).revision).toBe(0);
  });

  it('accepts the edges: 0 and 100 percent, zero minutes, a decimal tolerance', async () => {
    const stored = await store.put(
      policy('le_edges', {
        protectedStockPercent: 100,
        priceTolerancePercent: '0.25',
        autoRejectAfterMinutes: 0,
        holdTimeoutMinutes: 0,
      }),
    );
    expect(stored).toMatchObject({ protectedStockPercent: 100, priceTolerancePercent: '0.25' });
  });
  it("gives a revision stored before a policy field existed that field's default", async () => {
    const older: Partial<OrderPolicy> = policy('le_old');
    delete older.backorderRecheckMinutes;
    await db.collection<Record<string, unknown> & { _id: string }>(COLLECTIONS.orderPolicies).insertOne({
      ...older,
      _id: 'le_old#1',
      revision: 1,
      updatedAt: '2025-01-01T00:00:00.000Z',
      updatedBy: null,
    });
    expect(await store.get('le_old')).toMatchObject({ revision: 1, backorderRecheckMinutes: 60 });
  });
});
