import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowHandle } from '@temporalio/client';
import type { Db, MongoClient } from 'mongodb';
import type { SalesOrder } from '../../canonical-model/generated/index';
import { createCanonicalValidator } from '../../canonical-model/validate';
import { createLogger } from '../../monitoring/logger';
import type { ConnectorRuntime } from '../../platform/connector-runtime';
import type { EdiDeps } from '../../platform/edi/deps';
import { LIFECYCLE_MARKS_COLLECTION } from '../../platform/lifecycle-events/publisher';
import { openLifecycleTopic } from '../../platform/lifecycle-events/testing';
import type { LifecycleTopic, ReadEvent } from '../../platform/lifecycle-events/testing';
import { createOrderStore } from '../../platform/orders/order-store';
import type { OrderStore } from '../../platform/orders/order-store';
import type { StockLedger } from '../../platform/orders/stock-types';
import { openTestDatabase } from '../../test/support/database';
import {
  createOrderWorld,
  orderInput,
  shipmentOf,
  testOrder,
  testPolicy,
} from '../../test/support/order-world';
import { startOrderWorkflowEnv, waitForView } from '../../test/support/order-workflow-env';
import type { OrderWorkflowEnv } from '../../test/support/order-workflow-env';
import { decideHoldUpdate, shipmentConfirmedSignal } from '../../workflows/order-to-cash/messages';
import type { OrderHold } from '../../workflows/order-to-cash/types';
import { createOrderActivities } from '.';
import type { OrderActivities } from './types';

// The order's lifecycle events end to end: the real order-to-cash workflow (time-skipping server) over the
// in-memory world, except that saveOrderView is the real activity — the real order store on the MongoDB-wire
// server and the real publisher on a Kafka topic of this test's own.
const logger = createLogger('test', 'silent');
const validator = createCanonicalValidator();
let t: OrderWorkflowEnv;
let client: MongoClient;
let db: Db;
let lc: LifecycleTopic;
let store: OrderStore;
let activities: OrderActivities;

beforeAll(async () => {
  t = await startOrderWorkflowEnv();
  ({ client, db } = await openTestDatabase('hub_o2c_lifecycle'));
  lc = await openLifecycleTopic('o2c', db, logger);
  store = createOrderStore(db);
  await store.ensureIndexes();
  activities = createOrderActivities({
    runtime: {} as ConnectorRuntime,
    ledger: {} as StockLedger,
    orders: store,
    edi: {} as EdiDeps,
    producer: lc.producer,
    logger,
    lifecycle: lc.publisher,
  });
}, 120_000);

afterAll(async () => {
  await t?.stop();
  await lc?.close();
  await db?.dropDatabase();
  await client?.close();
});

const started: WorkflowHandle[] = [];
afterEach(async () => {
  for (const h of started.splice(0)) await h.terminate('test over').catch(() => undefined);
});

/** Starts the order's workflow in a world with stock at loc_a, whose saveOrderView is the real activity. */
async function start(order: SalesOrder, holds: OrderHold[] = []): Promise<WorkflowHandle> {
  const world = t.use(createOrderWorld({ 'loc_a|WID-1001': 50, 'loc_a|WID-1002': 50 }));
  world.holds.set(order.id, holds);
  world.activities.saveOrderView = (view) => activities.saveOrderView(view);
  const handle = await t.env.client.workflow.start('orderToCashWorkflow', {
    workflowId: `o2c-${order.id}`,
    taskQueue: t.taskQueue,
    args: [orderInput(order, testPolicy(), 'webhook')],
  });
  started.push(handle);
  return handle;
}

/** The order's events read so far, up to a sentinel sent now on its key (same partition: all before it are in). */
async function settledEventsOf(order: SalesOrder): Promise<ReadEvent[]> {
  const sentinel = `sentinel-${lc.read.length}-${Date.now()}`;
  await lc.producer.send(lc.topic, order.id, Buffer.from(JSON.stringify({ sentinel })));
  const read = await lc.waitFor('the sentinel', (r) =>
    r.some((e) => (e.event as unknown as { sentinel?: string }).sentinel === sentinel),
  );
  return read.filter((e) => e.key === order.id && e.event.documentType === 'lifecycle-event');
}

const typesOf = (events: ReadEvent[]) => events.map((e) => e.event.eventType);

/** Waits until the workflow has closed (its last save done). */
async function closed(handle: WorkflowHandle): Promise<void> {
  const deadline = Date.now() + 30_000;
  while ((await handle.describe()).status.name === 'RUNNING') {
    if (Date.now() > deadline) throw new Error(`${handle.workflowId} did not end`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('order-to-cash lifecycle events (real saveOrderView, real Kafka)', () => {
  it('a held order, approved, released, shipped and invoiced publishes each step once, with its numbers', async () => {
    const order = testOrder();
    const handle = await start(order, [{ kind: 'credit', path: '/customerId', message: 'over the limit' }]);
    await waitForView(handle, (v) => v.status === 'on-hold');
    await handle.executeUpdate(decideHoldUpdate, {
      args: [{ decision: 'approve', by: 'ana', reason: 'paid up' }],
    });
    await waitForView(handle, (v) => v.status === 'released');
    await handle.signal(shipmentConfirmedSignal, {
      shipment: shipmentOf(order, `${order.id}.r1`, 'loc_a', { 1: 10, 2: 5 }, `${order.id}.s1`),
      connectorId: 'wms-1',
    });
    await closed(handle);

    const events = await settledEventsOf(order);
    expect(typesOf(events)).toEqual([
      'sales-order.accepted',
      'sales-order.held',
      'sales-order.released',
      'sales-order.shipped',
      'sales-order.invoiced',
    ]);
    expect(lc.invalid.size).toBe(0);
    for (const { event, key, eventId, schema, correlationId } of events) {
      expect(validator.validate('lifecycle-event', event).valid, event.eventType).toBe(true);
      expect(key).toBe(order.id);
      expect(eventId).toBe(event.id);
      expect(schema).toBe('lifecycle-event/1');
      expect(correlationId).toBe(event.correlationId);
      expect(event).toMatchObject({
        legalEntityId: order.legalEntityId,
        flow: 'order-to-cash',
        workflowId: `o2c-${order.id}`,
        salesOrderId: order.id,
        orderNumber: order.orderNumber,
        customerPoNumber: order.customerPoNumber,
      });
    }
    expect(new Set(events.map((e) => e.event.id)).size).toBe(5);
    const [accepted, held, released, shipped, invoiced] = events.map((e) => e.event);
    expect(accepted?.detail).toMatchObject({ capturedVia: 'webhook', connectorId: 'shop-1' });
    expect(held?.detail.holds).toEqual([{ kind: 'credit', path: '/customerId', message: 'over the limit' }]);
    expect(released?.detail).toMatchObject({
      releaseId: `${order.id}.r1`,
      locationId: 'loc_a',
      lines: [
        { lineNumber: 1, sku: 'WID-1001', quantity: '10', uom: 'EA' },
        { lineNumber: 2, sku: 'WID-1002', quantity: '5', uom: 'EA' },
      ],
    });
    expect(shipped).toMatchObject({
      shipmentNumber: `${order.id}.s1`,
      occurredAt: '2026-12-01T12:00:00Z',
      detail: {
        shipmentId: `${order.id}.s1`,
        trackingNumbers: [`1Z${order.id}.s1`],
        lines: [
          { lineNumber: 1, quantity: '10', quantityShort: '0' },
          { lineNumber: 2, quantity: '5', quantityShort: '0' },
        ],
      },
    });
    expect(invoiced).toMatchObject({
      invoiceNumber: `${order.orderNumber}-1`,
      detail: {
        invoiceId: `${order.id}.i1`,
        shipmentId: `${order.id}.s1`,
        total: { amount: '15', currency: order.currency },
      },
    });
  });

  it('a retried save publishes the same ids: nothing new once marked, the same events when the mark was lost', async () => {
    const order = testOrder();
    const handle = await start(order);
    await waitForView(handle, (v) => v.status === 'released');
    await lc.waitFor('accepted and released', (r) =>
      r.some((e) => e.key === order.id && e.event.eventType === 'sales-order.released'),
    );
    const view = await store.get(order.id);
    if (!view) throw new Error('the order view was not stored');
    const before = await settledEventsOf(order);
    expect(typesOf(before)).toEqual(['sales-order.accepted', 'sales-order.released']);

    // The retry of a save whose first attempt published and marked: nothing goes out again.
    await activities.saveOrderView(view);
    expect(typesOf(await settledEventsOf(order))).toEqual(typesOf(before));

    // The first attempt published, then died before marking: the retry sends the very same events again.
    await db.collection(LIFECYCLE_MARKS_COLLECTION).deleteOne({ _id: order.id } as never);
    await activities.saveOrderView(view);
    const after = await settledEventsOf(order);
    expect(after).toHaveLength(4);
    expect(after.slice(2).map((e) => e.event)).toEqual(before.map((e) => e.event));
  });
});
