import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, MongoClient } from 'mongodb';
import { openTestDatabase } from '../../test/support/database';
import { COLLECTIONS } from '../collections';
import { isHubError } from '../errors';
import { createStockLedger } from './stock-ledger';
import type { StockLedger } from './stock-types';

// Runs against the stack's real MongoDB-wire server (FerretDB v1 locally), in a database of its own.
let client: MongoClient;
let db: Db;
let ledger: StockLedger;

beforeAll(async () => {
  ({ client, db } = await openTestDatabase('hub_stock_receive'));
  ledger = createStockLedger(db);
  await ledger.ensureIndexes();
});

afterAll(async () => {
  await db?.dropDatabase();
  await client?.close();
});

const key = { sku: 'WID-R1', locationId: 'WH-EAST' };

describe('stock ledger receive (customer returns)', () => {
  it('puts returned units back on hand once per opId, appending an entry and keeping reservations', async () => {
    await ledger.setStock({ ...key, opId: 'count-1', onHand: '10', held: '0', asOf: '2026-12-01T00:00:00Z' });
    await ledger.reserve({
      ...key,
      reservationId: 'res-1',
      quantity: '4',
      orderId: 'so_r',
      lineNumber: 1,
      allowPartial: false,
    });
    const after = await ledger.receive({ ...key, opId: 'return/so_r.ra1/1', quantity: '2' });
    expect(after).toMatchObject({ onHand: '12', reserved: '4', held: '0' });
    // A retried activity changes nothing.
    await ledger.receive({ ...key, opId: 'return/so_r.ra1/1', quantity: '2' });
    expect(await ledger.position(key)).toMatchObject({ onHand: '12', reserved: '4' });
    const [available] = await ledger.availability(key.sku, [key.locationId]);
    expect(available?.available).toBe('8');
    const entries = await db
      .collection<{ op: string }>(COLLECTIONS.stockLedger)
      .find({ key: 'WH-EAST|WID-R1' })
      .toArray();
    expect(entries.map((e) => e.op)).toEqual(['set-stock', 'reserve', 'receive']);
  });

  it('refuses a quantity that is not a decimal, and an opId used by another operation', async () => {
    await expect(ledger.receive({ ...key, opId: 'return/bad', quantity: 'two' })).rejects.toSatisfy(
      (err: unknown) => isHubError(err) && err.kind === 'data',
    );
    await expect(ledger.receive({ ...key, opId: 'count-1', quantity: '1' })).rejects.toSatisfy(
      (err: unknown) => isHubError(err) && err.kind === 'data',
    );
  });
});
