import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import type { Db } from 'mongodb';
import { openTestDatabase } from '../../test/support/database';
import { COLLECTIONS } from '../collections';
import { isHubError } from '../errors';
import { createPurchaseOrderStore } from './purchase-order-store';
import { samplePurchaseOrderView } from './view-test-support';
import type { PurchaseOrderStore } from './store-types';
import type { PurchaseOrderView } from '../../workflows/procure-to-receive/types';

// Runs against the stack's real MongoDB-wire server, in a database of its own.
let client: MongoClient;
let db: Db;
let store: PurchaseOrderStore;

beforeAll(async () => {
  ({ client, db } = await openTestDatabase('hub_purchase_orders'));
  store = createPurchaseOrderStore(db);
  await store.ensureIndexes();
});

afterAll(async () => {
  await db?.dropDatabase();
  await client?.close();
});

describe('purchase order store', () => {
  it('stores a view and finds it by id and by PO number, within a legal entity when given', async () => {
    const view = samplePurchaseOrderView('pur_find_1', { poNumber: '4500000101' });
    await store.save(view);
    expect(await store.get('pur_find_1')).toEqual(view);
    expect(await store.findByPoNumber('4500000101')).toEqual(view);
    expect(await store.findByPoNumber('4500000101', 'le_test')).toEqual(view);
    expect(await store.findByPoNumber('4500000101', 'le_other')).toBeUndefined();
    expect(await store.get('pur_nobody')).toBeUndefined();
    expect(await store.findByPoNumber('4599999999')).toBeUndefined();
  });

  it('never goes back to an older version', async () => {
    await store.save(samplePurchaseOrderView('pur_versions_1', { version: 3, status: 'acknowledged' }));
    await store.save(samplePurchaseOrderView('pur_versions_1', { version: 2, status: 'issued' }));
    await store.save(samplePurchaseOrderView('pur_versions_1', { version: 3, status: 'cancelled' }));
    expect((await store.get('pur_versions_1'))?.status).toBe('acknowledged');
    await store.save(samplePurchaseOrderView('pur_versions_1', { version: 5, status: 'shipped' }));
    expect(await store.get('pur_versions_1')).toMatchObject({ version: 5, status: 'shipped' });
  });

  it('keeps the highest version when saves of one PO race, from two connections', async () => {
    const other = await MongoClient.connect(process.env.HUB_MONGODB_URI ?? '', {
      serverSelectionTimeoutMS: 5_000,
    });
    const stores = [store, createPurchaseOrderStore(other.db(db.databaseName))];
    try {
      for (let round = 0; round < 3; round += 1) {
        const id = `pur_race_${round}`;
        const versions = [4, 1, 9, 7, 2, 12, 6, 3, 11, 5, 8, 10].map((v) => ((v + round) % 12) + 1);
        await Promise.all(
          versions.map((version, i) =>
            stores[i % 2]!.save(samplePurchaseOrderView(id, { version, updatedAt: `v${version}` })),
          ),
        );
        expect(await store.get(id)).toMatchObject({ version: 12, updatedAt: 'v12' });
      }
      const left = await db
        .collection(COLLECTIONS.purchaseOrderViewVersions)
        .countDocuments({ viewId: 'pur_race_2' });
      expect(left).toBe(1);
    } finally {
      await other.close();
    }
  });

  it('refuses a second PO with a PO number another PO of the legal entity holds, naming the field', async () => {
    await store.save(samplePurchaseOrderView('pur_key_a', { poNumber: '4500000777' }));
    const err: unknown = await store
      .save(samplePurchaseOrderView('pur_key_b', { poNumber: '4500000777' }))
      .catch((e: unknown) => e);
    expect(isHubError(err) && err.kind).toBe('data');
    expect(isHubError(err) && err.fieldErrors?.[0]?.path).toBe('/poNumber');
    expect(await store.get('pur_key_b')).toBeUndefined();
    // Another legal entity may use the same number.
    await store.save(samplePurchaseOrderView('pur_key_c', { poNumber: '4500000777', legalEntityId: 'le_b' }));
    expect((await store.findByPoNumber('4500000777', 'le_b'))?.purchaseOrderId).toBe('pur_key_c');
  });

  it('lists by filter, paging by PO id with a cursor', async () => {
    for (const n of [1, 2, 3, 4, 5]) {
      await store.save(
        samplePurchaseOrderView(`pur_list_${n}`, {
          supplierId: 'sup_lister',
          legalEntityId: n === 5 ? 'le_list_b' : 'le_list',
          status: n % 2 ? 'issued' : 'received',
        }),
      );
    }
    const first = await store.list({ supplierId: 'sup_lister', limit: 2 });
    expect(first.items.map((o) => o.purchaseOrderId)).toEqual(['pur_list_1', 'pur_list_2']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await store.list({ supplierId: 'sup_lister', limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((o) => o.purchaseOrderId)).toEqual(['pur_list_3', 'pur_list_4']);
    const third = await store.list({ supplierId: 'sup_lister', limit: 2, cursor: second.nextCursor! });
    expect(third.items.map((o) => o.purchaseOrderId)).toEqual(['pur_list_5']);
    expect(third.nextCursor).toBeUndefined();

    const issued = await store.list({ supplierId: 'sup_lister', status: 'issued', legalEntityId: 'le_list' });
    expect(issued.items.map((o) => o.purchaseOrderId)).toEqual(['pur_list_1', 'pur_list_3']);
    const poNumber = (await store.get('pur_list_4'))!.poNumber;
    expect((await store.list({ poNumber })).items.map((o) => o.purchaseOrderId)).toEqual(['pur_list_4']);
    expect((await store.list({ supplierId: 'sup_nobody' })).items).toEqual([]);
  });

  it('rejects a cursor it did not issue and a limit out of range', async () => {
    const bad: unknown = await store.list({ cursor: 'not-ours' }).catch((e: unknown) => e);
    expect(isHubError(bad) && bad.fieldErrors?.[0]?.path).toBe('/query/cursor');
    const big: unknown = await store.list({ limit: 201 }).catch((e: unknown) => e);
    expect(isHubError(big) && big.fieldErrors?.[0]?.path).toBe('/query/limit');
  });

  it('counts the units still to come on open POs of an item and warehouse, awaiting approval included', async () => {
    const le = 'le_open_qty';
    const line = samplePurchaseOrderView('x').lines[0]!;
    const po = (
      id: string,
      status: PurchaseOrderView['status'],
      lines: PurchaseOrderView['lines'],
      loc = 'loc_a',
    ) => samplePurchaseOrderView(id, { legalEntityId: le, status, locationId: loc, lines });
    await store.save(po('poq_1', 'pending-approval', [{ ...line, sku: 'SKU-Q', ordered: '10' }]));
    await store.save(
      po('poq_2', 'partially-received', [
        { ...line, sku: 'SKU-Q', ordered: '20', received: '7', cancelled: '1' },
        { ...line, lineNumber: 2, sku: 'SKU-OTHER', ordered: '99' },
      ]),
    );
    // Over-received lines bring nothing more (never a negative count).
    await store.save(po('poq_3', 'received', [{ ...line, sku: 'SKU-Q', ordered: '5', received: '6' }]));
    await store.save(po('poq_4', 'closed', [{ ...line, sku: 'SKU-Q', ordered: '50' }]));
    await store.save(po('poq_5', 'cancelled', [{ ...line, sku: 'SKU-Q', ordered: '50' }]));
    await store.save(po('poq_6', 'issued', [{ ...line, sku: 'SKU-Q', ordered: '50' }], 'loc_b'));
    expect(await store.openQuantity(le, 'SKU-Q', 'loc_a')).toBe('22');
    expect(await store.openQuantity(le, 'SKU-Q', 'loc_b')).toBe('50');
    expect(await store.openQuantity(le, 'SKU-NONE', 'loc_a')).toBe('0');
    expect(await store.openQuantity('le_elsewhere', 'SKU-Q', 'loc_a')).toBe('0');
  });
});
