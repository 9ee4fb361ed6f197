import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, MongoClient } from 'mongodb';
import { openTestDatabase } from '../../test/support/database';
import { COLLECTIONS } from '../collections';
import { createStockLedger } from './stock-ledger';

// "Where is this SKU held" reads the location registry and each key's head by id; these tests prove it answers
// the same as the entries themselves, including for a ledger written before the registry existed.
let client: MongoClient;
let db: Db;

beforeAll(async () => {
  ({ client, db } = await openTestDatabase('hub_stock_locations'));
});
afterAll(async () => {
  await db?.dropDatabase();
  await client?.close();
});

const at = '2026-01-01T00:00:00Z';

describe('stock ledger locations', () => {
  it('lists the locations a SKU has entries in, and only those', async () => {
    const ledger = createStockLedger(db);
    await ledger.ensureIndexes();
    const move = (sku: string, locationId: string, opId: string) =>
      ledger.applyMovement({ sku, locationId, opId, onHandDelta: '3', heldDelta: '0', at });
    await move('LOC-1', 'WH-B', 'l1');
    await move('LOC-1', 'WH-A', 'l2');
    await move('LOC-2', 'WH-C', 'l3');
    expect(await ledger.locationsOf('LOC-1')).toEqual(['WH-A', 'WH-B']);
    expect(await ledger.locationsOf('LOC-2')).toEqual(['WH-C']);
    expect(await ledger.locationsOf('LOC-never')).toEqual([]);
  });

  it('finds the locations of a ledger written before the registry, once started', async () => {
    const ledger = createStockLedger(db);
    await ledger.ensureIndexes();
    await ledger.applyMovement({
      sku: 'LOC-3',
      locationId: 'WH-OLD',
      opId: 'l4',
      onHandDelta: '1',
      heldDelta: '0',
      at,
    });
    await db.collection(COLLECTIONS.stockLocations).deleteMany({});
    const restarted = createStockLedger(db);
    await restarted.ensureIndexes();
    expect(await restarted.locationsOf('LOC-3')).toEqual(['WH-OLD']);
    expect(await restarted.locationsOf('LOC-1')).toEqual(['WH-A', 'WH-B']);
  });
});
