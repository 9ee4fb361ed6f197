import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import type { Db } from 'mongodb';
import { openTestDatabase } from '../../test/support/database';
import type { OrderView } from '../../workflows/order-to-cash/types';
import { isHubError } from '../errors';
import { orderWorkflowId } from './business-key';
import { createOrderStore } from './order-store';
import type { OrderStore } from './order-store';

// Runs against the stack's real MongoDB-wire server, in a database of its own.
let client: MongoClient;
let db: Db;
let store: OrderStore;

/** An order view as the workflow would report it. */
function sampleView(orderId: string, overrides: Partial<OrderView> = {}): OrderView {
  const businessKey = overrides.businessKey ?? `api:cus_${orderId}:PO-${orderId}`;
  return {
    orderId,
    workflowId: orderWorkflowId(businessKey),
    businessKey,
    channel: 'api',
    customerId: `cus_${orderId}`,
    customerPoNumber: `PO-${orderId}`,
    orderNumber: `SO-${orderId}`,
    legalEntityId: 'le_test',
    status: 'received',
    holds: [],
    decisions: [],
    lines: [],
    releases: [],
    shipments: [],
    invoices: [],
    documents: [],
    captures: [{ via: 'api', receivedAt: '2025-04-01T10:00:00.000Z' }],
    timeline: [],
    version: 1,
    updatedAt: '2025-04-01T10:00:00.000Z',
    ...overrides,
  };
}

beforeAll(async () => {
  ({ client, db } = await openTestDatabase('hub_order_store'));
  store = createOrderStore(db);
  await store.ensureIndexes();
});

afterAll(async () => {
  await db?.dropDatabase();
  await client?.close();
});

describe('order store', () => {
  it('stores a view and finds it by id, workflow id and business key', async () => {
    const view = sampleView('so_find');
    expect(await store.save(view)).toBe('inserted');
    expect(await store.get('so_find')).toEqual(view);
    expect(await store.getByWorkflowId(view.workflowId)).toEqual(view);
    expect(await store.findByBusinessKey(view.businessKey)).toEqual(view);
    expect(await store.get('so_nobody')).toBeUndefined();
    expect(await store.findByBusinessKey('api:nobody:1')).toBeUndefined();
  });

  it('replaces only with a higher version and never goes back to an older one', async () => {
    await store.save(sampleView('so_versions', { version: 3, status: 'allocating' }));
    expect(await store.save(sampleView('so_versions', { version: 2, status: 'on-hold' }))).toBe('stale');
    expect(await store.save(sampleView('so_versions', { version: 3, status: 'rejected' }))).toBe('stale');
    expect((await store.get('so_versions'))?.status).toBe('allocating');
    expect(await store.save(sampleView('so_versions', { version: 5, status: 'released' }))).toBe('replaced');
    expect(await store.get('so_versions')).toMatchObject({ version: 5, status: 'released' });
  });

  it('keeps the highest version when saves of one order race, from two connections', async () => {
    // Two clients, as two workers would be; FerretDB v1 replaces without isolation, so a guard alone loses here.
    const other = await MongoClient.connect(process.env.HUB_MONGODB_URI ?? '', {
      serverSelectionTimeoutMS: 5_000,
    });
    const stores = [store, createOrderStore(other.db(db.databaseName))];
    try {
      for (let round = 0; round < 4; round += 1) {
        const orderId = `so_race_${round}`;
        const versions = [4, 1, 9, 7, 2, 12, 6, 3, 11, 5, 8, 10].map((v) => ((v + round) % 12) + 1);
        const outcomes = await Promise.all(
          versions.map((version, i) =>
            stores[i % 2]!.save(sampleView(orderId, { version, updatedAt: `v${version}` })),
          ),
        );
        expect(outcomes.filter((o) => o === 'inserted')).toHaveLength(1);
        expect(await store.get(orderId)).toMatchObject({ version: 12, updatedAt: 'v12' });
      }
      // Once caught up, the version log keeps only the newest view of each order.
      const left = await db.collection('order_view_versions').countDocuments({ viewId: 'so_race_3' });
      expect(left).toBe(1);
    } finally {
      await other.close();
    }
  });

  it('refuses a second order with a business key another order holds, naming the field', async () => {
    await store.save(sampleView('so_key_a', { businessKey: 'api:cus_shared:PO-1' }));
    const err: unknown = await store
      .save(sampleView('so_key_b', { businessKey: 'api:cus_shared:PO-1' }))
      .catch((e: unknown) => e);
    expect(isHubError(err) && err.kind).toBe('data');
    expect(isHubError(err) && err.fieldErrors?.[0]?.path).toBe('/businessKey');
    expect(await store.get('so_key_b')).toBeUndefined();
  });

  it('lists by filter, paging by order id with a cursor', async () => {
    for (const n of [1, 2, 3, 4, 5]) {
      await store.save(
        sampleView(`so_list_${n}`, { customerId: 'cus_lister', status: n % 2 ? 'on-hold' : 'shipped' }),
      );
    }
    const first = await store.list({ customerId: 'cus_lister', limit: 2 });
    expect(first.items.map((o) => o.orderId)).toEqual(['so_list_1', 'so_list_2']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await store.list({ customerId: 'cus_lister', limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((o) => o.orderId)).toEqual(['so_list_3', 'so_list_4']);
    const third = await store.list({ customerId: 'cus_lister', limit: 2, cursor: second.nextCursor! });
    expect(third.items.map((o) => o.orderId)).toEqual(['so_list_5']);
    expect(third.nextCursor).toBeNull();

    const held = await store.list({ customerId: 'cus_lister', status: 'on-hold' });
    expect(held.items.map((o) => o.orderId)).toEqual(['so_list_1', 'so_list_3', 'so_list_5']);
    expect((await store.list({ orderNumber: 'SO-so_list_2' })).items.map((o) => o.orderId)).toEqual([
      'so_list_2',
    ]);
    expect((await store.list({ customerPoNumber: 'PO-so_list_4' })).items).toHaveLength(1);
    expect((await store.list({ channel: 'edi', customerId: 'cus_lister' })).items).toEqual([]);
  });

  it('rejects a cursor it did not issue and a limit out of range', async () => {
    const bad: unknown = await store.list({ cursor: 'not-ours' }).catch((e: unknown) => e);
    expect(isHubError(bad) && bad.fieldErrors?.[0]?.path).toBe('/query/cursor');
    const big: unknown = await store.list({ limit: 201 }).catch((e: unknown) => e);
    expect(isHubError(big) && big.fieldErrors?.[0]?.path).toBe('/query/limit');
  });
});
