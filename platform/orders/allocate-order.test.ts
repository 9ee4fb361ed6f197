import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import type { Db } from 'mongodb';
import { openTestDatabase } from '../../test/support/database';
import { addDecimal } from '../../canonical-model/decimal';
import { allocateOrder } from './allocate-order';
import type { AllocationRequest } from './allocate-order';
import { defaultOrderPolicy } from './policy';
import type { OrderPolicy } from './policy';
import { createStockLedger } from './stock-ledger';
import type { StockLedger } from './stock-types';

// Runs against the stack's real MongoDB-wire server (FerretDB v1 locally), in a database of its own.
let client: MongoClient;
let second: MongoClient;
let db: Db;
let ledger: StockLedger;
let otherLedger: StockLedger;

beforeAll(async () => {
  ({ client, db } = await openTestDatabase('hub_allocate_order'));
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
/** SKU names of a test's own, so tests never share stock. */
function skus<T extends string>(...names: T[]): Record<T, string> {
  n += 1;
  return Object.fromEntries(names.map((name) => [name, `${name}-${n}`])) as Record<T, string>;
}

async function stock(sku: string, locationId: string, onHand: string) {
  await ledger.setStock({
    sku,
    locationId,
    opId: `count/${locationId}/${sku}`,
    onHand,
    held: '0',
    asOf: '2025-05-01T08:00:00Z',
  });
}

function request(
  orderId: string,
  lines: [string, string][],
  policy: Partial<OrderPolicy> = {},
  extra: Partial<AllocationRequest> = {},
): AllocationRequest {
  return {
    orderId,
    round: 1,
    lines: lines.map(([sku, quantity], i) => ({ lineNumber: i + 1, sku, quantity })),
    warehouseOrder: ['A', 'B'],
    policy: { ...defaultOrderPolicy('LE-1'), ...policy },
    isPriorityCustomer: false,
    ...extra,
  };
}

const reservedAt = async (sku: string, locationId: string) =>
  (await ledger.position({ sku, locationId }))?.reserved;

describe('allocateOrder', () => {
  it('reserves a line in full from the nearest warehouse', async () => {
    const { X } = skus('X');
    await stock(X, 'A', '10');
    const result = await allocateOrder(ledger, request(`so-full-${X}`, [[X, '4']]));
    expect(result).toEqual({
      allocations: [
        { lineNumber: 1, sku: X, locationId: 'A', quantity: '4', reservationId: `so-full-${X}/1/1/A/${X}` },
      ],
      shortages: [],
    });
    expect(await reservedAt(X, 'A')).toBe('4');
  });

  it('splits a line across two warehouses', async () => {
    const { X } = skus('X');
    await stock(X, 'A', '3');
    await stock(X, 'B', '10');
    const result = await allocateOrder(ledger, request(`so-split-${X}`, [[X, '8']]));
    expect(result.allocations.map((a) => [a.locationId, a.quantity])).toEqual([
      ['A', '3'],
      ['B', '5'],
    ]);
    expect([await reservedAt(X, 'A'), await reservedAt(X, 'B')]).toEqual(['3', '5']);
  });

  it('leaves the rest short when splits are not allowed', async () => {
    const { X } = skus('X');
    await stock(X, 'A', '3');
    await stock(X, 'B', '4');
    const result = await allocateOrder(
      ledger,
      request(`so-short-${X}`, [[X, '6']], { allowSplitShipments: false }),
    );
    expect(result.allocations.map((a) => [a.locationId, a.quantity])).toEqual([['B', '4']]);
    expect(result.shortages).toEqual([{ lineNumber: 1, sku: X, quantity: '2' }]);
    expect(await reservedAt(X, 'A')).toBe('0');
  });

  it('uses a substitute when the ordered SKU is out', async () => {
    const { X, Y } = skus('X', 'Y');
    await stock(Y, 'B', '10');
    const result = await allocateOrder(
      ledger,
      request(`so-sub-${X}`, [[X, '5']], { substitutes: { [X]: [Y] } }),
    );
    expect(result.allocations).toEqual([
      {
        lineNumber: 1,
        sku: Y,
        locationId: 'B',
        quantity: '5',
        reservationId: `so-sub-${X}/1/1/B/${Y}`,
        substituteFor: X,
      },
    ]);
    expect(result.shortages).toEqual([]);
  });

  it('keeps the protected share from ordinary customers under customer-priority', async () => {
    const { X } = skus('X');
    await stock(X, 'A', '20');
    const policy = { strategy: 'customer-priority' as const, protectedStockPercent: 25 };
    const ordinary = await allocateOrder(ledger, request(`so-ord-${X}`, [[X, '20']], policy));
    expect(ordinary.allocations.map((a) => a.quantity)).toEqual(['15']);
    const priority = await allocateOrder(
      ledger,
      request(`so-prio-${X}`, [[X, '20']], policy, { isPriorityCustomer: true }),
    );
    expect(priority.allocations.map((a) => a.quantity)).toEqual(['5']);
  });

  it('a retried round answers the same and reserves nothing more', async () => {
    const { X, Y } = skus('X', 'Y');
    await stock(X, 'A', '5');
    await stock(Y, 'A', '2');
    const req = request(`so-retry-${X}`, [
      [X, '5'],
      [Y, '3'],
    ]);
    const first = await allocateOrder(ledger, req);
    const again = await allocateOrder(otherLedger, req);
    expect(again).toEqual(first);
    expect([await reservedAt(X, 'A'), await reservedAt(Y, 'A')]).toEqual(['5', '2']);
    expect(first.shortages).toEqual([{ lineNumber: 2, sku: Y, quantity: '1' }]);
    // The next round is a new allocation: it may take what arrived since.
    await ledger.setStock({
      sku: Y,
      locationId: 'A',
      opId: `recount-${Y}`,
      onHand: '10',
      held: '0',
      asOf: '2025-05-02T08:00:00Z',
    });
    const next = await allocateOrder(ledger, {
      ...req,
      round: 2,
      lines: [{ lineNumber: 2, sku: Y, quantity: '1' }],
    });
    expect(next.allocations.map((a) => a.reservationId)).toEqual([`so-retry-${X}/2/2/A/${Y}`]);
  });

  it('a retry after a crash part-way keeps what the first try reserved', async () => {
    const { X, Y } = skus('X', 'Y');
    await stock(X, 'A', '10');
    await stock(Y, 'A', '10');
    const orderId = `so-crash-${X}`;
    // The first try reserved line 1 and died before line 2.
    await ledger.reserve({
      sku: X,
      locationId: 'A',
      reservationId: `${orderId}/1/1/A/${X}`,
      quantity: '4',
      orderId,
      lineNumber: 1,
      allowPartial: true,
    });
    const result = await allocateOrder(
      ledger,
      request(orderId, [
        [X, '4'],
        [Y, '3'],
      ]),
    );
    expect(result.allocations.map((a) => [a.sku, a.quantity])).toEqual([
      [X, '4'],
      [Y, '3'],
    ]);
    expect([await reservedAt(X, 'A'), await reservedAt(Y, 'A')]).toEqual(['4', '3']);
  });

  it('20 concurrent orders for the same SKU never take more than there is', async () => {
    const { X } = skus('X');
    await stock(X, 'A', '30');
    await stock(X, 'B', '25');
    const wanted = Array.from({ length: 20 }, (_, i) => String(1 + ((i * 7) % 6))); // 1..6 each, 66 in all
    const results = await Promise.all(
      wanted.map((quantity, i) =>
        allocateOrder(i % 2 ? otherLedger : ledger, request(`so-race-${i}-${X}`, [[X, quantity]])),
      ),
    );
    const sum = (values: string[]) => values.reduce(addDecimal, '0');
    results.forEach((result, i) => {
      const got = sum([
        ...result.allocations.map((a) => a.quantity),
        ...result.shortages.map((s) => s.quantity),
      ]);
      expect(got).toBe(wanted[i]);
    });
    const at = (location: string) =>
      sum(
        results.flatMap((r) => r.allocations.filter((a) => a.locationId === location).map((a) => a.quantity)),
      );
    // 66 wanted, 55 there: losers of a race re-plan onto what is left, so every unit goes and none twice.
    expect([at('A'), at('B')]).toEqual(['30', '25']);
    expect([await reservedAt(X, 'A'), await reservedAt(X, 'B')]).toEqual([at('A'), at('B')]);
  });
});
