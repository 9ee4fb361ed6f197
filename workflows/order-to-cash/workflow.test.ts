import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowHandle } from '@temporalio/client';
import { startOrderWorkflowEnv, waitForView } from '../../test/support/order-workflow-env';
import type { OrderWorkflowEnv } from '../../test/support/order-workflow-env';
import {
  createOrderWorld,
  orderInput,
  shipmentOf,
  testOrder,
  testPolicy,
} from '../../test/support/order-world';
import type { OrderPolicy } from '../../platform/orders/policy';
import type { SalesOrder } from '../../canonical-model/generated/index';
import {
  cancelOrderUpdate,
  changeOrderUpdate,
  decideHoldUpdate,
  orderCapturedSignal,
  retryAllocationSignal,
  shipmentConfirmedSignal,
} from './messages';
import type { OrderView } from './types';

let t: OrderWorkflowEnv;

beforeAll(async () => {
  t = await startOrderWorkflowEnv();
}, 120_000);

afterAll(async () => {
  await t?.stop();
});

// A workflow a test leaves running must not act on the next test's world.
const started: WorkflowHandle[] = [];
afterEach(async () => {
  for (const h of started.splice(0)) await h.terminate('test over').catch(() => undefined);
});

async function start(order: SalesOrder, policy: OrderPolicy, via: 'api' | 'webhook' | 'edi' = 'api') {
  return track(
    await t.env.client.workflow.start('orderToCashWorkflow', {
      workflowId: `o2c-${order.id}`,
      taskQueue: t.taskQueue,
      args: [orderInput(order, policy, via)],
    }),
  );
}

function track(handle: WorkflowHandle): WorkflowHandle {
  started.push(handle);
  return handle;
}

const ship = (
  handle: WorkflowHandle,
  order: SalesOrder,
  releaseNo: number,
  location: string,
  lines: Record<number, number>,
  id: string,
) =>
  handle.signal(shipmentConfirmedSignal, {
    shipment: shipmentOf(order, `${order.id}.r${releaseNo}`, location, lines, id),
    connectorId: 'wms-1',
  });

const line = (view: OrderView, n: number) => view.lines.find((l) => l.lineNumber === n);

describe('order-to-cash workflow (time-skipping server, in-memory world)', () => {
  it('a full order: reserves, releases once, invoices exactly what shipped and completes', async () => {
    const world = t.use(createOrderWorld({ 'loc_a|WID-1001': 50, 'loc_a|WID-1002': 50 }));
    const order = testOrder();
    const handle = await start(order, testPolicy(), 'webhook');
    await waitForView(handle, (v) => v.status === 'released');
    expect(world.callsOf('releaseToWarehouse')).toEqual([
      {
        releaseId: `${order.id}.r1`,
        locationId: 'loc_a',
        lines: [
          { lineNumber: 1, sku: 'WID-1001', quantity: '10' },
          { lineNumber: 2, sku: 'WID-1002', quantity: '5' },
        ],
      },
    ]);
    await ship(handle, order, 1, 'loc_a', { 1: 10, 2: 5 }, 'shp-1');
    await ship(handle, order, 1, 'loc_a', { 1: 10, 2: 5 }, 'shp-1'); // the warehouse resends its webhook
    const view = (await handle.result()) as OrderView;
    expect(view.status).toBe('completed');
    expect(view.lines.map((l) => [l.shipped, l.invoiced, l.status])).toEqual([
      ['10', '10', 'invoiced'],
      ['5', '5', 'invoiced'],
    ]);
    expect(world.callsOf('invoiceShipment')).toHaveLength(1);
    expect(world.callsOf('createCommerceFulfillment')).toEqual([{ shipmentId: 'shp-1' }]);
    expect(world.stock.get('loc_a|WID-1001')).toBe(40);
    expect(world.reservations.size).toBe(0);
    expect(view.timeline.some((e) => e.message.includes('already handled'))).toBe(true);
  });

  it('splits across warehouses: two releases, two shipments, two invoices', async () => {
    const world = t.use(createOrderWorld({ 'loc_a|WID-1001': 6, 'loc_b|WID-1001': 10, 'loc_a|WID-1002': 5 }));
    const order = testOrder();
    const handle = await start(order, testPolicy());
    const released = await waitForView(handle, (v) => v.releases.length === 2);
    expect(released.releases.map((r) => [r.locationId, r.lines])).toEqual([
      [
        'loc_a',
        [
          { lineNumber: 1, sku: 'WID-1001', quantity: '6' },
          { lineNumber: 2, sku: 'WID-1002', quantity: '5' },
        ],
      ],
      ['loc_b', [{ lineNumber: 1, sku: 'WID-1001', quantity: '4' }]],
    ]);
    await ship(handle, order, 1, 'loc_a', { 1: 6, 2: 5 }, 'shp-a');
    await ship(handle, order, 2, 'loc_b', { 1: 4 }, 'shp-b');
    const view = (await handle.result()) as OrderView;
    expect(view.status).toBe('completed');
    expect(view.invoices.map((i) => i.shipmentId)).toEqual(['shp-a', 'shp-b']);
    expect(world.invoices.size).toBe(2);
  });

  it('backorders a shortage, signals replenishment, and ships the rest when stock arrives', async () => {
    const world = t.use(createOrderWorld({ 'loc_a|WID-1001': 4, 'loc_a|WID-1002': 5 }));
    const order = testOrder();
    const handle = await start(order, testPolicy({ allowSplitShipments: false }));
    const first = await waitForView(handle, (v) => v.releases.length === 1);
    expect(line(first, 1)).toMatchObject({ allocated: '4', backordered: '6' });
    expect(world.callsOf('raiseReplenishment')).toEqual([
      [{ lineNumber: 1, sku: 'WID-1001', quantity: '6' }],
    ]);
    await ship(handle, order, 1, 'loc_a', { 1: 4, 2: 5 }, 'shp-1');
    const partly = await waitForView(handle, (v) => v.status === 'partially-shipped');
    expect(line(partly, 1)).toMatchObject({ shipped: '4', backordered: '6', allocated: '0' });
    world.stock.set('loc_a|WID-1001', 6); // 4 shipped, 6 received
    await handle.signal(retryAllocationSignal, { reason: 'receipt' });
    await waitForView(handle, (v) => v.releases.length === 2);
    await ship(handle, order, 2, 'loc_a', { 1: 6 }, 'shp-2');
    const view = (await handle.result()) as OrderView;
    expect(view.status).toBe('completed');
    expect(line(view, 1)).toMatchObject({ shipped: '10', invoiced: '10', backordered: '0' });
  });

  it('a short pick gives back the unshipped reservation and backorders it by policy', async () => {
    const world = t.use(createOrderWorld({ 'loc_a|WID-1001': 50, 'loc_a|WID-1002': 50 }));
    const order = testOrder();
    const handle = await start(order, testPolicy({ shortPickAction: 'cancel' }));
    await waitForView(handle, (v) => v.status === 'released');
    await ship(handle, order, 1, 'loc_a', { 1: 7, 2: 5 }, 'shp-short');
    const view = (await handle.result()) as OrderView;
    expect(line(view, 1)).toMatchObject({ shipped: '7', invoiced: '7', cancelled: '3' });
    expect(world.callsOf('releaseReservations').flat()).toEqual([expect.objectContaining({ quantity: '3' })]);
    expect(world.reservations.size).toBe(0);
    expect(view.status).toBe('completed');
  });

  it('a price hold escalates after the time-out, then an approval (who and why) releases the order', async () => {
    const world = t.use(createOrderWorld({ 'loc_a|WID-1001': 50, 'loc_a|WID-1002': 50 }));
    const order = testOrder();
    world.holds.set(order.id, [
      { kind: 'price', path: '/lines/0/unitPrice', message: 'too far from contract' },
    ]);
    const handle = await start(order, testPolicy({ holdTimeoutMinutes: 120 }));
    await waitForView(handle, (v) => v.status === 'on-hold');
    expect(world.callsOf('allocateStock')).toHaveLength(0);
    await t.env.sleep('3 hours');
    await waitForView(handle, (v) => v.status === 'escalated');
    expect(world.callsOf('escalateOrder')).toEqual([{ reason: 'hold not decided in time' }]);
    const decided = await handle.executeUpdate(decideHoldUpdate, {
      args: [{ decision: 'approve', by: 'ana', reason: 'agreed promo price' }],
    });
    expect(decided.decisions).toEqual([
      expect.objectContaining({ decision: 'approve', by: 'ana', reason: 'agreed promo price' }),
    ]);
    await waitForView(handle, (v) => v.status === 'released');
    await expect(
      handle.executeUpdate(decideHoldUpdate, { args: [{ decision: 'reject', by: 'bo', reason: 'late' }] }),
    ).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/not on hold/) as unknown },
    });
  });

  it('an unanswered escalation is rejected automatically; nothing was reserved or sent', async () => {
    const world = t.use(createOrderWorld({ 'loc_a|WID-1001': 50 }));
    const order = testOrder();
    world.holds.set(order.id, [{ kind: 'credit', path: '/customerId', message: 'over the limit' }]);
    const handle = await start(
      order,
      testPolicy({ holdTimeoutMinutes: 60, autoRejectAfterMinutes: 60 }),
      'edi',
    );
    const view = (await handle.result()) as OrderView;
    expect(view.status).toBe('rejected');
    expect(view.decisions[0]).toMatchObject({ decision: 'reject', by: 'hub' });
    expect(world.names()).not.toContain('allocateStock');
    expect(world.names()).not.toContain('recordErpOrder');
    expect(world.callsOf('sendCustomerEdi')).toEqual([expect.objectContaining({ kind: 'ack' })]);
  });

  it('cancel after release: the warehouse stops it, reservations are given back and the ERP order is closed', async () => {
    const world = t.use(createOrderWorld({ 'loc_a|WID-1001': 50, 'loc_a|WID-1002': 50 }));
    const order = testOrder();
    const handle = await start(order, testPolicy());
    await waitForView(handle, (v) => v.status === 'released');
    expect(world.reservations.size).toBe(2);
    const outcome = await handle.executeUpdate(cancelOrderUpdate, {
      args: [{ by: 'cs', reason: 'customer called' }],
    });
    expect(outcome.accepted).toBe(true);
    const view = (await handle.result()) as OrderView;
    expect(view.status).toBe('cancelled');
    expect(world.callsOf('cancelWarehouseRelease')).toEqual([{ releaseId: `${order.id}.r1` }]);
    expect(world.reservations.size).toBe(0);
    expect(world.callsOf('recordErpOrder').at(-1)).toMatchObject({ status: 'cancelled', lines: ['10', '5'] });
    expect(world.invoices.size).toBe(0);
  });

  it('cancel refused by the warehouse: the shipment still comes and is invoiced; nothing else is', async () => {
    const world = t.use(createOrderWorld({ 'loc_a|WID-1001': 50, 'loc_a|WID-1002': 50 }));
    world.canCancel = () => false;
    const order = testOrder();
    const handle = await start(order, testPolicy());
    await waitForView(handle, (v) => v.status === 'released');
    const outcome = await handle.executeUpdate(cancelOrderUpdate, {
      args: [{ by: 'cs', reason: 'too late?' }],
    });
    expect(outcome.accepted).toBe(false);
    expect(outcome.message).toMatch(/not stoppable/);
    await ship(handle, order, 1, 'loc_a', { 1: 10, 2: 5 }, 'shp-late');
    const view = (await handle.result()) as OrderView;
    expect(view.status).toBe('completed');
    expect(world.invoices.size).toBe(1);
  });

  it('a quantity change before release is applied; a change of an unknown line is refused', async () => {
    const world = t.use(createOrderWorld({ 'loc_a|WID-1001': 50, 'loc_a|WID-1002': 50 }));
    const order = testOrder();
    world.holds.set(order.id, [{ kind: 'item', message: 'check unit' }]);
    const handle = await start(order, testPolicy());
    await waitForView(handle, (v) => v.status === 'on-hold');
    const changed = await handle.executeUpdate(changeOrderUpdate, {
      args: [
        {
          by: 'cs',
          reason: 'fewer',
          lines: [
            { lineNumber: 1, quantity: '4' },
            { lineNumber: 9, quantity: '1' },
          ],
        },
      ],
    });
    expect(changed.accepted).toBe(false);
    expect(changed.message).toMatch(/line 9 is not on the order/);
    await handle.executeUpdate(decideHoldUpdate, {
      args: [{ decision: 'approve', by: 'ana', reason: 'ok' }],
    });
    const view = await waitForView(handle, (v) => v.status === 'released');
    expect(world.callsOf('releaseToWarehouse')).toEqual([
      expect.objectContaining({
        lines: [
          { lineNumber: 1, sku: 'WID-1001', quantity: '4' },
          { lineNumber: 2, sku: 'WID-1002', quantity: '5' },
        ],
      }),
    ]);
    expect(line(view, 1)).toMatchObject({ ordered: '10', cancelled: '6' });
  });

  it('a duplicate capture attaches to the running order; an EDI order gets 855, 856 and 810', async () => {
    const world = t.use(createOrderWorld({ 'loc_a|WID-1001': 50, 'loc_a|WID-1002': 50 }));
    const order = testOrder({ channel: 'edi' });
    const handle = await start(order, testPolicy(), 'edi');
    await waitForView(handle, (v) => v.status === 'released');
    await handle.signal(orderCapturedSignal, {
      via: 'edi',
      connectorId: 'edi-1',
      reference: 'ISA 2',
      receivedAt: '2026-12-01T10:05:00Z',
    });
    await ship(handle, order, 1, 'loc_a', { 1: 10, 2: 5 }, 'shp-edi');
    const view = (await handle.result()) as OrderView;
    expect(view.captures).toHaveLength(2);
    expect(world.callsOf('sendCustomerEdi').map((c) => (c as { kind: string }).kind)).toEqual([
      'ack',
      'invoice',
      'asn',
    ]);
    expect(view.documents.map((d) => d.documentType)).toEqual(['erp-sales-order', 'ack', 'invoice', 'asn']);
  });

  it('with shortage action cancel, the unallocatable quantity is cancelled and the order completes', async () => {
    t.use(createOrderWorld({ 'loc_a|WID-1001': 3, 'loc_a|WID-1002': 5 }));
    const order = testOrder();
    const handle = await start(order, testPolicy({ shortageAction: 'cancel' }));
    await waitForView(handle, (v) => v.status === 'released');
    await ship(handle, order, 1, 'loc_a', { 1: 3, 2: 5 }, 'shp-c');
    const view = (await handle.result()) as OrderView;
    expect(line(view, 1)).toMatchObject({ shipped: '3', cancelled: '7', invoiced: '3' });
    expect(view.status).toBe('completed');
  });
});
