import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, MongoClient } from 'mongodb';
import { openTestDatabase } from '../../test/support/database';
import { COLLECTIONS } from '../collections';
import { isHubError } from '../errors';
import { PURCHASING_POLICY_DEFAULTS, sourcingFor } from './policy';
import type { PurchasingPolicy } from './policy';
import { createPurchasingPolicyStore } from './policy-store';
import type { PurchasingPolicyStore } from './store-types';

// Runs against the stack's real MongoDB-wire server, in a database of its own.
let client: MongoClient;
let db: Db;
let store: PurchasingPolicyStore;

const EDI = { kind: 'edi', ediConnectorId: 'con_edi', partnerId: 'tp_acme_supply' };
const PORTAL = { kind: 'portal', connectorId: 'con_portal' };
const supplier = (supplierId: string, channel: Record<string, unknown> = EDI) => ({
  supplierId,
  channel,
  unitPrice: '4.25',
  currency: 'USD',
  uom: 'EA',
  minOrderQuantity: '100',
  packMultiple: '12',
  leadTimeDays: 7,
});

/** A policy as a buyer would PUT it: only the fields that have no default. */
const body = (legalEntityId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  legalEntityId,
  erpConnectorId: 'con_erp',
  defaultLocationId: 'loc_chicago',
  sourcing: [
    { sku: 'WID-1001', suppliers: [supplier('sup_acme'), supplier('sup_portal', PORTAL)] },
    {
      sku: 'WID-1001',
      locationId: 'loc_reno',
      suppliers: [supplier('sup_west', PORTAL)],
      reorderPoint: '40',
    },
  ],
  ...overrides,
});

/** The field paths a rejected put named. */
async function rejectedPaths(input: unknown): Promise<string[]> {
  const err: unknown = await store.put(input).catch((e: unknown) => e);
  if (!isHubError(err) || err.kind !== 'data') throw new Error(`expected a data error, got ${String(err)}`);
  return (err.fieldErrors ?? []).map((e) => e.path);
}

beforeAll(async () => {
  ({ client, db } = await openTestDatabase('hub_purchasing_policy'));
  store = createPurchasingPolicyStore(db);
  await store.ensureIndexes();
});

afterAll(async () => {
  await db?.dropDatabase();
  await client?.close();
});

describe('purchasing policy store', () => {
  it('has no policy for a legal entity that never stored one', async () => {
    expect(await store.get('le_none')).toBeUndefined();
  });

  it('stores a policy with the defaults filled in, and the latest put wins', async () => {
    const stored = await store.put(body('le_acme'));
    expect(stored).toEqual({ ...PURCHASING_POLICY_DEFAULTS, ...body('le_acme') });
    expect(await store.get('le_acme')).toEqual(stored);
    const changed = await store.put(body('le_acme', { approvalThreshold: '2500.50', ackTimeoutHours: 4 }));
    expect(changed).toMatchObject({ approvalThreshold: '2500.50', ackTimeoutHours: 4 });
    expect(await store.get('le_acme')).toEqual(changed);
    const policy = (await store.get('le_acme'))!;
    expect(sourcingFor(policy, 'WID-1001', 'loc_reno')?.suppliers[0]?.supplierId).toBe('sup_west');
    expect(sourcingFor(policy, 'WID-1001', 'loc_chicago')?.suppliers[0]?.supplierId).toBe('sup_acme');
  });

  it('keeps every put of racing writers as its own revision, the last one being the policy', async () => {
    const puts = await Promise.all(
      [1, 2, 3, 4].map((hours) => store.put(body('le_race', { ackTimeoutHours: hours }))),
    );
    expect(puts).toHaveLength(4);
    const revisions = await db
      .collection(COLLECTIONS.purchasingPolicies)
      .find({ legalEntityId: 'le_race' })
      .sort({ revision: 1 })
      .toArray();
    expect(revisions.map((r) => r.revision as number)).toEqual([1, 2, 3, 4]);
    expect((await store.get('le_race'))?.ackTimeoutHours).toBe(revisions.at(-1)?.ackTimeoutHours);
  });

  it('names every bad field by its pointer and stores nothing', async () => {
    const badSupplier = {
      ...supplier('sup_bad'),
      unitPrice: '0',
      packMultiple: '0',
      minOrderQuantity: '-5',
      leadTimeDays: 1.5,
      currency: 'usd',
    };
    const paths = await rejectedPaths(
      body('le_bad', {
        currency: 'dollars',
        approvalThreshold: 10000,
        ackTimeoutHours: 0,
        quantityTolerancePercent: 101,
        coalesceWindowMinutes: -1,
        paymentCheckMinutes: 0,
        paymentWatchDays: 400,
        colour: 'blue',
        sourcing: [
          { sku: 'WID-1', suppliers: [badSupplier] },
          { sku: 'WID-2', suppliers: [] },
          { sku: '', suppliers: [supplier('sup_a', { kind: 'edi', ediConnectorId: 'con_edi' })] },
          {
            sku: 'WID-3',
            suppliers: [supplier('sup_b', { kind: 'fax' }), supplier('sup_c', { kind: 'portal' })],
          },
          { sku: 'WID-4', suppliers: [supplier('sup_d'), supplier('sup_d')], safetyStock: 'lots' },
          { sku: 'WID-1', suppliers: [supplier('sup_e')] },
        ],
      }),
    );
    expect(paths).toEqual([
      '/colour',
      '/currency',
      '/approvalThreshold',
      '/ackTimeoutHours',
      '/quantityTolerancePercent',
      '/coalesceWindowMinutes',
      '/paymentCheckMinutes',
      '/paymentWatchDays',
      '/sourcing/0/suppliers/0/unitPrice',
      '/sourcing/0/suppliers/0/currency',
      '/sourcing/0/suppliers/0/minOrderQuantity',
      '/sourcing/0/suppliers/0/packMultiple',
      '/sourcing/0/suppliers/0/leadTimeDays',
      '/sourcing/1/suppliers',
      '/sourcing/2/sku',
      '/sourcing/2/suppliers/0/channel/partnerId',
      '/sourcing/3/suppliers/0/channel/kind',
      '/sourcing/3/suppliers/1/channel/connectorId',
      '/sourcing/4/safetyStock',
      '/sourcing/4/suppliers/1/supplierId',
      '/sourcing/5/sku',
    ]);
    expect(await rejectedPaths({ ...body('le_bad'), legalEntityId: undefined, sourcing: 'none' })).toEqual([
      '/legalEntityId',
      '/sourcing',
    ]);
    const mixed = supplier('sup_mixed', { ...EDI, connectorId: 'con_portal' });
    expect(await rejectedPaths(body('le_bad', { sourcing: [{ sku: 'W', suppliers: [mixed] }] }))).toEqual([
      '/sourcing/0/suppliers/0/channel/connectorId',
    ]);
    expect(await rejectedPaths('a policy')).toEqual(['/']);
    expect(await store.get('le_bad')).toBeUndefined();
  });

  it('accepts the edges: zero threshold, window and lead time, a zero minimum, a fractional pack', async () => {
    const edge = { ...supplier('sup_edge'), minOrderQuantity: '0', packMultiple: '0.5', leadTimeDays: 0 };
    const stored = await store.put(
      body('le_edges', {
        approvalThreshold: '0',
        coalesceWindowMinutes: 0,
        quantityTolerancePercent: 100,
        sourcing: [{ sku: 'WID-9', suppliers: [edge] }],
      }),
    );
    expect(stored).toMatchObject({ approvalThreshold: '0', coalesceWindowMinutes: 0 });
    expect(stored.sourcing[0]?.suppliers[0]).toEqual(edge);
  });

  it("gives a revision stored before a policy field existed that field's default", async () => {
    const older = { ...body('le_old') } as Partial<PurchasingPolicy> & { _id: string; revision: number };
    Object.assign(older, { _id: 'le_old#1', revision: 1, updatedAt: '2025-01-01T00:00:00.000Z' });
    await db.collection<{ _id: string }>(COLLECTIONS.purchasingPolicies).insertOne(older);
    expect(await store.get('le_old')).toMatchObject({
      exceptionOwner: 'purchasing',
      coalesceWindowMinutes: 60,
    });
  });

  it('lists the latest revision of every legal entity', async () => {
    await store.put(body('le_list_a'));
    await store.put({ ...body('le_list_a'), approvalThreshold: '777' });
    await store.put(body('le_list_b'));
    const all = await store.listAll();
    const a = all.filter((p) => p.legalEntityId === 'le_list_a');
    expect(a).toHaveLength(1);
    expect(a[0]?.approvalThreshold).toBe('777');
    expect(all.some((p) => p.legalEntityId === 'le_list_b')).toBe(true);
    expect(new Set(all.map((p) => p.legalEntityId)).size).toBe(all.length);
  });
});
