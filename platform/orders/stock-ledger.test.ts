import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import type { Db } from 'mongodb';
import { openTestDatabase } from '../../test/support/database';
import { COLLECTIONS } from '../collections';
import { isHubError } from '../errors';
import { createStockLedger } from './stock-ledger';
import type { LedgerEntry } from './stock-ledger-entries';
import type { ReserveRequest, StockKey, StockLedger } from './stock-types';
import { sumDecimals } from './stock-quantity';

// Runs against the stack's real MongoDB-wire server (FerretDB v1 locally), in a database of its own.
let client: MongoClient;
let second: MongoClient;
let db: Db;
let ledger: StockLedger;
let otherLedger: StockLedger;

beforeAll(async () => {
  ({ client, db } = await openTestDatabase('hub_stock_ledger'));
  // A second connection, as a second worker process would have.
  second = await MongoClient.connect(process.env.HUB_MONGODB_URI ?? '', { serverSelectionTimeoutMS: 5_000 });
  ledger = createStockLedger(db);
  otherLedger = createStockLedger(second.db(db.databaseName));
  await ledger.ensureIndexes();
  await otherLedger.ensureIndexes(); // idempotent
});

afterAll(async () => {
  await db?.dropDatabase();
  await second?.close();
  await client?.close();
});

let n = 0;
/** A key of its own per test, so tests never see each other's stock. */
function freshKey(): StockKey {
  n += 1;
  return { sku: `WID-${n}`, locationId: 'WH-EAST' };
}

async function stocked(onHand: string, held = '0'): Promise<StockKey> {
  const key = freshKey();
  await ledger.setStock({ ...key, opId: `count-${key.sku}`, onHand, held, asOf: '2025-05-01T08:00:00Z' });
  return key;
}

const reserve = (key: StockKey, id: string, quantity: string, extra: Partial<ReserveRequest> = {}) =>
  ledger.reserve({
    ...key,
    reservationId: id,
    quantity,
    orderId: `so-${id}`,
    lineNumber: 1,
    allowPartial: false,
    ...extra,
  });

describe('stock ledger', () => {
  it('reserves against on hand less held, and the position shows it', async () => {
    const key = await stocked('10', '2');
    expect(await reserve(key, `${key.sku}-r1`, '5')).toEqual({
      reservationId: `${key.sku}-r1`,
      reserved: '5',
      availableBefore: '8',
    });
    expect(await ledger.position(key)).toMatchObject({ onHand: '10', held: '2', reserved: '5', seq: 2 });
    const [availability] = await ledger.availability(key.sku, [key.locationId]);
    expect(availability).toMatchObject({ available: '3', inboundDue: '0' });
  });

  it('reserves nothing when not enough is left, unless a partial reservation is allowed', async () => {
    const key = await stocked('10');
    expect((await reserve(key, `${key.sku}-a`, '12')).reserved).toBe('0');
    expect((await reserve(key, `${key.sku}-b`, '12', { allowPartial: true })).reserved).toBe('10');
    expect((await ledger.position(key))?.reserved).toBe('10');
  });

  it('a retried reservation reserves once and answers the same', async () => {
    const key = await stocked('10');
    const first = await reserve(key, `${key.sku}-r`, '4');
    const again = await otherLedger.reserve({
      ...key,
      reservationId: `${key.sku}-r`,
      quantity: '4',
      orderId: `so-${key.sku}-r`,
      lineNumber: 1,
      allowPartial: false,
    });
    expect(again).toEqual(first);
    expect((await ledger.position(key))?.reserved).toBe('4');
    // A refusal is remembered too: the same reservation id keeps its answer after stock arrives.
    expect((await reserve(key, `${key.sku}-big`, '50')).reserved).toBe('0');
    await ledger.setStock({
      ...key,
      opId: `recount-${key.sku}`,
      onHand: '100',
      held: '0',
      asOf: '2025-05-02T08:00:00Z',
    });
    expect((await reserve(key, `${key.sku}-big`, '50')).reserved).toBe('0');
  });

  it('release gives back what is outstanding and consume ships it', async () => {
    const key = await stocked('10');
    const id = `${key.sku}-r`;
    await reserve(key, id, '6');
    expect(await ledger.release({ opId: `${id}-rel1`, reservationId: id, quantity: '2' })).toMatchObject({
      released: '2',
      outstanding: '4',
    });
    expect(await ledger.release({ opId: `${id}-rel1`, reservationId: id, quantity: '2' })).toMatchObject({
      released: '2',
      outstanding: '4',
    });
    expect(await ledger.consume({ opId: `${id}-ship`, reservationId: id, quantity: '3' })).toMatchObject({
      consumed: '3',
      outstanding: '1',
    });
    expect(await ledger.position(key)).toMatchObject({ onHand: '7', reserved: '1' });
    expect(await ledger.release({ opId: `${id}-rest`, reservationId: id })).toMatchObject({
      released: '3',
      outstanding: '0',
    });
    expect(await ledger.release({ opId: `${id}-more`, reservationId: id, quantity: '5' })).toMatchObject({
      released: '3',
      outstanding: '0',
    });
    expect(await ledger.position(key)).toMatchObject({ onHand: '7', reserved: '0' });
    expect(await ledger.reservationsOf(`so-${id}`)).toEqual([
      {
        ...key,
        reservationId: id,
        orderId: `so-${id}`,
        lineNumber: 1,
        reserved: '6',
        released: '3',
        consumed: '3',
        outstanding: '0',
      },
    ]);
  });

  it('releasing a reservation that was never made is a no-op; consuming one is refused', async () => {
    const key = await stocked('5');
    expect((await ledger.release({ opId: 'rel-ghost', reservationId: 'ghost' })).outstanding).toBe('0');
    expect(await ledger.position(key)).toMatchObject({ seq: 1, reserved: '0' });
    await expect(
      ledger.consume({ opId: 'c-ghost', reservationId: 'ghost', quantity: '1' }),
    ).rejects.toMatchObject({ kind: 'data' });
  });

  it('counts open inbound due by the need-by date only', async () => {
    const key = await stocked('2');
    const supply = (id: string, quantity: string, dueDate: string) =>
      ledger.addInbound({
        ...key,
        id: `${key.sku}/${id}`,
        quantity,
        dueDate,
        source: { documentType: 'purchase-order', documentId: id },
        status: 'open',
      });
    await supply('po1', '5', '2025-06-01');
    await supply('po1', '5', '2025-06-01'); // added twice: counted once
    await supply('po2', '7', '2025-06-20');
    await supply('po3', '11', '2025-05-15');
    await ledger.settleInbound(`${key.sku}/po3`, 'cancelled');
    const [byJune10] = await ledger.availability(key.sku, [key.locationId], '2025-06-10');
    expect(byJune10).toMatchObject({ inboundDue: '5', available: '7' });
    expect((await ledger.availability(key.sku, [key.locationId]))[0]?.available).toBe('2');
    expect((await reserve(key, `${key.sku}-late`, '8', { needBy: '2025-06-10' })).reserved).toBe('0');
    expect((await reserve(key, `${key.sku}-ok`, '7', { needBy: '2025-06-10' })).reserved).toBe('7');
  });

  it('never lets a request take the protected quantity', async () => {
    const key = await stocked('10');
    expect((await reserve(key, `${key.sku}-a`, '9', { protectedQuantity: '2' })).reserved).toBe('0');
    expect(
      (await reserve(key, `${key.sku}-b`, '9', { protectedQuantity: '2', allowPartial: true })).reserved,
    ).toBe('8');
    expect((await reserve(key, `${key.sku}-c`, '2')).reserved).toBe('2'); // a priority customer takes the rest
  });

  it('setStock keeps reservations and ignores a count older than the one it holds', async () => {
    const key = await stocked('10');
    await reserve(key, `${key.sku}-r`, '4');
    await ledger.setStock({
      ...key,
      opId: `c2-${key.sku}`,
      onHand: '20',
      held: '1',
      asOf: '2025-05-03T08:00:00Z',
    });
    await ledger.setStock({
      ...key,
      opId: `c3-${key.sku}`,
      onHand: '3',
      held: '0',
      asOf: '2025-05-02T08:00:00Z',
    });
    expect(await ledger.position(key)).toMatchObject({
      onHand: '20',
      held: '1',
      reserved: '4',
      stockAsOf: '2025-05-03T08:00:00Z',
    });
    expect(await ledger.position(freshKey())).toBeUndefined();
  });

  it('rejects negative or non-decimal quantities, naming the field', async () => {
    const key = await stocked('10');
    for (const quantity of ['-1', 'ten', '1e3']) {
      const err: unknown = await reserve(key, `${key.sku}-bad`, quantity).catch((e: unknown) => e);
      expect(isHubError(err) && err.kind === 'data' && err.fieldErrors?.[0]?.path).toBe('/quantity');
    }
    const err: unknown = await ledger
      .setStock({ ...key, opId: 'x', onHand: '1.5.0', held: '0', asOf: '2025-05-03T08:00:00Z' })
      .catch((e: unknown) => e);
    expect(isHubError(err) && err.fieldErrors?.[0]?.path).toBe('/onHand');
  });

  it('40 concurrent reservations from two processes never over-promise', async () => {
    const key = await stocked('100');
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? otherLedger : ledger).reserve({
          ...key,
          reservationId: `${key.sku}-c${i}`,
          quantity: '7',
          orderId: `so-c${i}`,
          lineNumber: 1,
          allowPartial: false,
        }),
      ),
    );
    const got = results.map((r) => r.reserved);
    expect(got.filter((q) => q === '7')).toHaveLength(14);
    expect(got.filter((q) => q !== '7').every((q) => q === '0')).toBe(true);
    expect(sumDecimals(got)).toBe('98');
    expect((await ledger.position(key))?.reserved).toBe('98');
    const written = await db
      .collection<LedgerEntry>(COLLECTIONS.stockLedger)
      .find({ key: `${key.locationId}|${key.sku}`, op: 'reserve' })
      .toArray();
    expect(sumDecimals(written.map((e) => e.quantity))).toBe('98');
  });

  it('concurrent partial reservations take exactly what there is', async () => {
    const key = await stocked('100');
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? otherLedger : ledger).reserve({
          ...key,
          reservationId: `${key.sku}-p${i}`,
          quantity: '7',
          orderId: `so-p${i}`,
          lineNumber: 1,
          allowPartial: true,
        }),
      ),
    );
    expect(sumDecimals(results.map((r) => r.reserved))).toBe('100');
    expect(await ledger.position(key)).toMatchObject({ reserved: '100', seq: 41 });
  });
});
