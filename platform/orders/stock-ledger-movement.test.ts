import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import type { Db } from 'mongodb';
import { openTestDatabase } from '../../test/support/database';
import { addDecimal } from '../../canonical-model/decimal';
import { COLLECTIONS } from '../collections';
import { isHubError } from '../errors';
import { createStockLedger } from './stock-ledger';
import type { LedgerEntry } from './stock-ledger-entries';
import type { MovementInput, StockKey, StockLedger } from './stock-types';

// Runs against the stack's real MongoDB-wire server (FerretDB v1 locally), in a database of its own.
let client: MongoClient;
let second: MongoClient;
let db: Db;
let ledger: StockLedger;
let otherLedger: StockLedger;

beforeAll(async () => {
  ({ client, db } = await openTestDatabase('hub_stock_movement'));
  // A second connection, as a second consumer process would have.
  second = await MongoClient.connect(process.env.HUB_MONGODB_URI ?? '', { serverSelectionTimeoutMS: 5_000 });
  ledger = createStockLedger(db);
  otherLedger = createStockLedger(second.db(db.databaseName));
  await ledger.ensureIndexes();
});

afterAll(async () => {
  await db?.dropDatabase();
  await second?.close();
  await client?.close();
});

let n = 0;
function freshKey(): StockKey {
  n += 1;
  return { sku: `MOV-${n}`, locationId: 'WH-WEST' };
}

const move = (
  key: StockKey,
  opId: string,
  onHandDelta: string,
  heldDelta = '0',
  at = '2025-06-01T10:00:00Z',
) => ledger.applyMovement({ ...key, opId, onHandDelta, heldDelta, at } satisfies MovementInput);

const entriesOf = (key: StockKey) =>
  db
    .collection<LedgerEntry>(COLLECTIONS.stockLedger)
    .find({ key: `${key.locationId}|${key.sku}` })
    .sort({ seq: 1 })
    .toArray();

describe('stock ledger applyMovement', () => {
  it('adds signed deltas to on hand and held, keeping reservations, and appends one entry each', async () => {
    const key = freshKey();
    expect(await move(key, 'm1', '10')).toMatchObject({ onHand: '10', held: '0', applied: true, seq: 1 });
    await ledger.reserve({
      ...key,
      reservationId: `${key.sku}-r`,
      quantity: '4',
      orderId: 'so-m',
      lineNumber: 1,
      allowPartial: false,
    });
    expect(await move(key, 'm2', '-2.5')).toMatchObject({ onHand: '7.5', reserved: '4', applied: true });
    // A quality hold: on hand stays, held goes up, so available drops by the held units only.
    expect(await move(key, 'm3', '0', '3')).toMatchObject({ onHand: '7.5', held: '3', reserved: '4' });
    const [availability] = await ledger.availability(key.sku, [key.locationId]);
    expect(availability?.available).toBe('0.5');
    expect((await entriesOf(key)).map((e) => [e.op, e.quantity, e.movement?.heldDelta])).toEqual([
      ['movement', '10', '0'],
      ['reserve', '4', undefined],
      ['movement', '-2.5', '0'],
      ['movement', '0', '3'],
    ]);
  });

  it('applies a repeated opId once and answers with the first result', async () => {
    const key = freshKey();
    const first = await move(key, 'dup-1', '5');
    await move(key, 'other', '1');
    const again = await move(key, 'dup-1', '5.0');
    expect(again).toEqual({ ...first, replayed: true });
    expect(first.replayed).toBe(false);
    expect(await ledger.position(key)).toMatchObject({ onHand: '6', seq: 2 });
  });

  it('refuses an opId reused with other deltas, for another key, or by another operation', async () => {
    const key = freshKey();
    await move(key, 'used-1', '5');
    const dataError = (p: Promise<unknown>) =>
      p.then(
        () => 'resolved',
        (e: unknown) => (isHubError(e) ? `${e.kind} ${e.fieldErrors?.[0]?.path}` : String(e)),
      );
    expect(await dataError(move(key, 'used-1', '6'))).toBe('data /opId');
    expect(await dataError(move(freshKey(), 'used-1', '5'))).toBe('data /opId');
    await ledger.receive({ ...key, opId: 'ret-1', quantity: '1' });
    expect(await dataError(move(key, 'ret-1', '1'))).toBe('data /opId');
    expect(await ledger.position(key)).toMatchObject({ onHand: '6', seq: 2 });
  });

  it('validates deltas and the time, naming the field', async () => {
    const key = freshKey();
    const pathOf = async (input: Partial<MovementInput>) => {
      const err: unknown = await ledger
        .applyMovement({
          ...key,
          opId: 'bad',
          onHandDelta: '1',
          heldDelta: '0',
          at: '2025-06-01T00:00:00Z',
          ...input,
        })
        .catch((e: unknown) => e);
      return isHubError(err) && err.kind === 'data' ? err.fieldErrors?.[0]?.path : String(err);
    };
    expect(await pathOf({ onHandDelta: '1e3' })).toBe('/onHandDelta');
    expect(await pathOf({ onHandDelta: '+1' })).toBe('/onHandDelta');
    expect(await pathOf({ heldDelta: '' })).toBe('/heldDelta');
    expect(await pathOf({ at: 'yesterday' })).toBe('/at');
    expect(await pathOf({ locationId: 'A|B' })).toBe('/locationId');
    expect(await ledger.position(key)).toBeUndefined();
  });

  it('lets a pick come before the receipt it depends on (on hand may dip below zero, the sum is exact)', async () => {
    const key = freshKey();
    expect(await move(key, 'pick', '-4')).toMatchObject({ onHand: '-4' });
    expect(await move(key, 'receipt', '10')).toMatchObject({ onHand: '6' });
  });

  it('records but does not apply a movement older than the latest stock count, which already holds it', async () => {
    const key = freshKey();
    await ledger.setStock({
      ...key,
      opId: `count-${key.sku}`,
      onHand: '50',
      held: '2',
      asOf: '2025-06-01T12:00:00Z',
    });
    const late = await move(key, 'before-count', '-5', '0', '2025-06-01T11:59:59Z');
    expect(late).toMatchObject({ onHand: '50', held: '2', applied: false, seq: 2 });
    // Same instant in another offset counts as "not before".
    const after = await move(key, 'after-count', '-5', '-1', '2025-06-01T07:00:00-05:00');
    expect(after).toMatchObject({ onHand: '45', held: '1', applied: true });
    expect(await move(key, 'before-count', '-5', '0', '2025-06-01T11:59:59Z')).toMatchObject({
      applied: false,
      replayed: true,
      onHand: '50',
    });
    expect(await ledger.position(key)).toMatchObject({
      onHand: '45',
      held: '1',
      stockAsOf: '2025-06-01T12:00:00Z',
    });
  });

  it('20 concurrent movements (each sent twice) on one key from two processes lose none and apply each once', async () => {
    const key = freshKey();
    const inputs = Array.from({ length: 20 }, (_, i) => ({
      opId: `${key.sku}-c${i}`,
      onHandDelta: i % 3 === 0 ? `-${i}.25` : `${i}`,
      heldDelta: i % 5 === 0 ? '1' : '0',
    }));
    // Every movement twice, once through each connection, all at the same time.
    await Promise.all(
      [...inputs, ...inputs].map((input, i) =>
        (i % 2 ? otherLedger : ledger).applyMovement({ ...key, ...input, at: '2025-06-02T00:00:00Z' }),
      ),
    );
    const expectedOnHand = inputs.reduce((sum, m) => addDecimal(sum, m.onHandDelta), '0');
    const expectedHeld = inputs.reduce((sum, m) => addDecimal(sum, m.heldDelta), '0');
    expect(await ledger.position(key)).toMatchObject({ onHand: expectedOnHand, held: expectedHeld, seq: 20 });
    const written = await entriesOf(key);
    expect(written.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(written.map((e) => e._id)).size).toBe(20);
  });
});
