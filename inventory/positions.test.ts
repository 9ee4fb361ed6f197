import type { Message } from 'node-rdkafka';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoClient, Db } from 'mongodb';
import { loadFixture } from '../canonical-model/fixtures/load-fixture';
import type { InventoryMovement } from '../canonical-model/generated/index';
import { createCanonicalValidator } from '../canonical-model/validate';
import { handleInventoryMovements } from '../consumers/inventory-movements';
import { createLogger } from '../monitoring/logger';
import { createStockLedger } from '../platform/orders/stock-ledger';
import type { StockLedger } from '../platform/orders/stock-types';
import { openTestDatabase } from '../test/support/database';
import { readInventoryPositions, sellableUnits } from './positions';

const RENO = 'loc_dc_reno';
const CHICAGO = 'loc_dc_chicago';
const SKU = 'WID-1001';

let client: MongoClient;
let db: Db;
let ledger: StockLedger;

beforeAll(async () => {
  ({ client, db } = await openTestDatabase('positions'));
  ledger = createStockLedger(db);
  await ledger.ensureIndexes();
});
afterAll(async () => {
  await db.dropDatabase();
  await client.close();
});

let n = 0;
function movement(edit: Partial<InventoryMovement>): Message {
  n += 1;
  const body: InventoryMovement = {
    ...loadFixture('inventory-movement'),
    id: `mv_pos_${n}`,
    item: { identifiers: [{ qualifier: 'SKU', value: SKU }] },
    occurredAt: new Date(Date.UTC(2026, 0, 1, 8, n)).toISOString(),
    ...edit,
  };
  const value = Buffer.from(JSON.stringify(body));
  return {
    topic: 'hub.inventory-movements.v1',
    partition: 0,
    offset: n,
    key: `${SKU}@${body.locationId}`,
    value,
    size: value.length,
    timestamp: Date.now(),
  };
}

const qty = (value: string) => ({ value, uom: 'EA' }) as InventoryMovement['quantity'];

describe('inventory positions', () => {
  it('shows a transfer in transit between its two warehouses, then received at the other', async () => {
    const handle = handleInventoryMovements({
      ledger,
      validator: createCanonicalValidator(),
      deadLetters: { record: () => Promise.reject(new Error('nothing should be parked')) },
      producer: { send: () => Promise.reject(new Error('nothing should go to the DLQ')) },
      logger: createLogger('test', 'silent'),
    });
    const common = { legalEntityId: 'le_acme_us' };
    await handle(
      movement({ ...common, type: 'adjustment', direction: 'in', locationId: RENO, quantity: qty('50') }),
    );
    await handle(
      movement({ ...common, type: 'hold', direction: 'in', locationId: RENO, quantity: qty('5') }),
    );
    const out = movement({
      ...common,
      type: 'transfer',
      direction: 'out',
      locationId: RENO,
      counterpartLocationId: CHICAGO,
      quantity: qty('20'),
      movementNumber: 'TO-1001',
    });
    await handle(out);
    await handle(out); // redelivered: nothing moves twice

    const between = await readInventoryPositions(ledger, SKU);
    expect(
      between.locations.map((l) => [l.locationId, l.onHand, l.onHold, l.inTransit, l.availableToPromise]),
    ).toEqual([
      [CHICAGO, '0', '0', '20', '0'],
      [RENO, '30', '5', '0', '25'],
    ]);
    expect(between.totals).toMatchObject({ onHand: '30', inTransit: '20', availableToPromise: '25' });

    await handle(
      movement({
        ...common,
        type: 'transfer',
        direction: 'in',
        locationId: CHICAGO,
        counterpartLocationId: RENO,
        quantity: qty('20'),
        movementNumber: 'TO-1001',
      }),
    );
    const after = await readInventoryPositions(ledger, SKU);
    expect(after.locations.map((l) => [l.locationId, l.onHand, l.inTransit, l.legalEntityId])).toEqual([
      [CHICAGO, '20', '0', 'le_acme_us'],
      [RENO, '30', '0', 'le_acme_us'],
    ]);
    expect(after.totals).toMatchObject({
      onHand: '50',
      inTransit: '0',
      onHold: '5',
      availableToPromise: '45',
    });
  });

  it('lists inbound supply with due dates and counts it in ATP only when due by needBy', async () => {
    const sku = 'WID-2002';
    await ledger.setStock({
      sku,
      locationId: RENO,
      opId: 'count-1',
      onHand: '10',
      held: '0',
      asOf: '2026-01-01T00:00:00Z',
    });
    await ledger.reserve({
      sku,
      locationId: RENO,
      reservationId: 'res-1',
      quantity: '4',
      orderId: 'so_1',
      lineNumber: 1,
      allowPartial: false,
    });
    const source = { documentType: 'purchase-order', documentId: 'po_9' };
    await ledger.addInbound({
      id: 'po_9/2',
      sku,
      locationId: RENO,
      quantity: '30',
      dueDate: '2026-02-10',
      source,
      status: 'open',
    });
    await ledger.addInbound({
      id: 'po_9/1',
      sku,
      locationId: RENO,
      quantity: '12',
      dueDate: '2026-01-20',
      source,
      status: 'open',
    });

    const plain = await readInventoryPositions(ledger, sku, { locationIds: [RENO] });
    const reno = plain.locations[0]!;
    expect(reno).toMatchObject({ onHand: '10', reserved: '4', availableToPromise: '6' });
    expect(reno.inbound).toEqual({
      quantity: '42',
      nextDueDate: '2026-01-20',
      supplies: [
        { id: 'po_9/1', quantity: '12', dueDate: '2026-01-20', source },
        { id: 'po_9/2', quantity: '30', dueDate: '2026-02-10', source },
      ],
    });
    const dueByFeb1 = await readInventoryPositions(ledger, sku, {
      locationIds: [RENO],
      needBy: '2026-02-01',
    });
    expect(dueByFeb1.locations[0]!.availableToPromise).toBe('18');
    expect(sellableUnits({ onHand: '10.5', held: '0', reserved: '4' })).toBe('6');
    expect(sellableUnits({ onHand: '1', held: '2', reserved: '0' })).toBe('0');
  });

  it("reads a legal entity's locations: its order policy's warehouses and the locations its movements name", async () => {
    const byEntity = await readInventoryPositions(ledger, SKU, {
      legalEntityId: 'le_acme_us',
      policyLocations: () => Promise.resolve(['loc_dc_newark']),
    });
    expect(byEntity.locations.map((l) => l.locationId)).toEqual([CHICAGO, 'loc_dc_newark', RENO]);
    expect(byEntity.locations[1]).toMatchObject({ onHand: '0', seq: 0, updatedAt: null });
    const other = await readInventoryPositions(ledger, SKU, {
      legalEntityId: 'le_other',
      policyLocations: () => Promise.resolve([]),
    });
    expect(other.locations).toEqual([]);
  });
});
