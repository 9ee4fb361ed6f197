import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, MongoClient } from 'mongodb';
import { openTestDatabase } from '../../test/support/database';
import { COLLECTIONS } from '../collections';
import { createStockLedger } from './stock-ledger';
import type { LedgerEntry } from './stock-ledger-entries';
import type { StockKey } from './stock-types';

// The ledger finds a key's head by _id markers (`<key>#<seq>`); these tests prove what a crash or an old ledger
// leaves behind still gives the right position, against the stack's real FerretDB.
let client: MongoClient;
let db: Db;

beforeAll(async () => {
  ({ client, db } = await openTestDatabase('hub_stock_markers'));
});
afterAll(async () => {
  await db?.dropDatabase();
  await client?.close();
});

const at = '2026-01-01T00:00:00Z';
const entries = () => db.collection<LedgerEntry>(COLLECTIONS.stockLedger);
const markers = () => db.collection<{ _id: string; opId?: string; seq?: number }>(COLLECTIONS.stockLedgerSeq);

describe('stock ledger head markers', () => {
  it('a write that died between its entry and its marker is finished by its retry, or by the next writer', async () => {
    const ledger = createStockLedger(db);
    await ledger.ensureIndexes();
    const key: StockKey = { sku: 'MRK-1', locationId: 'WH-A' };
    const move = (l: typeof ledger, opId: string, onHandDelta: string) =>
      l.applyMovement({ ...key, opId, onHandDelta, heldDelta: '0', at });
    await move(ledger, 'm1', '10');
    await move(ledger, 'm2', '5');
    // The crash: m2's entry is stored, its marker is not. Its retry (a redelivery) moves nothing and marks it.
    await markers().deleteOne({ _id: 'WH-A|MRK-1#2' });
    expect(await move(createStockLedger(db), 'm2', '5')).toMatchObject({
      onHand: '15',
      seq: 2,
      replayed: true,
    });
    expect(await createStockLedger(db).position(key)).toMatchObject({ onHand: '15', seq: 2 });

    // A crash never retried: the next writer, from a process that never saw the key, still lands on top of it.
    await move(ledger, 'm3', '-1');
    await markers().deleteOne({ _id: 'WH-A|MRK-1#3' });
    const next = await move(createStockLedger(db), 'm4', '2');
    expect(next).toMatchObject({ onHand: '16', seq: 4, replayed: false });
    expect(await createStockLedger(db).position(key)).toMatchObject({ onHand: '16', seq: 4 });
    expect((await entries().find({ key: 'WH-A|MRK-1' }).toArray()).map((e) => e.seq).sort()).toEqual([
      1, 2, 3, 4,
    ]);
  });

  it('finds the head of a long key from a process that never saw it, and of a ledger written before markers', async () => {
    const writer = createStockLedger(db);
    await writer.ensureIndexes();
    const key: StockKey = { sku: 'MRK-2', locationId: 'WH-A' };
    for (let i = 1; i <= 37; i += 1) {
      await writer.applyMovement({ ...key, opId: `long-${i}`, onHandDelta: '1', heldDelta: '0', at });
    }
    expect(await createStockLedger(db).position(key)).toMatchObject({ onHand: '37', seq: 37 });

    // A ledger written before markers: entries only, no markers, no backfill record.
    const old = client.db(`${db.databaseName}_old`);
    try {
      const seeded = createStockLedger(old);
      await seeded.ensureIndexes();
      for (let i = 1; i <= 3; i += 1) {
        await seeded.applyMovement({ ...key, opId: `old-${i}`, onHandDelta: '2', heldDelta: '0', at });
      }
      await old.collection(COLLECTIONS.stockLedgerSeq).deleteMany({});
      const upgraded = createStockLedger(old);
      await upgraded.ensureIndexes(); // the backfill
      expect(
        (await old.collection(COLLECTIONS.stockLedgerSeq).find({}).toArray()).map((m) => m._id).sort(),
      ).toEqual(['WH-A|MRK-2#3', 'WH-A|MRK-2#base', 'meta:backfilled']);
      expect(await upgraded.position(key)).toMatchObject({ onHand: '6', seq: 3 });
      const next = await upgraded.applyMovement({
        ...key,
        opId: 'old-4',
        onHandDelta: '2',
        heldDelta: '0',
        at,
      });
      expect(next).toMatchObject({ onHand: '8', seq: 4 });
      expect(await createStockLedger(old).position(key)).toMatchObject({ onHand: '8', seq: 4 });
    } finally {
      await old.dropDatabase();
    }
    expect(await markers().countDocuments({ _id: /^WH-A\|MRK-2#/ })).toBe(37);
  });
});
