/**
 * Representative runs of the order-to-cash workflow, recorded as histories by scripts/record-order-histories.ts
 * and replayed by workflows/order-to-cash/replay.test.ts. Each scenario sets up an in-memory world, starts one
 * order with a fixed id, drives it (signals, updates, skipped time) to its end and says whether the run ended as
 * intended, so a broken run is never recorded.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { SalesOrder } from '../../canonical-model/generated/index';
import type { OrderPolicy } from '../../platform/orders/policy';
import {
  cancelOrderUpdate,
  changeOrderUpdate,
  decideHoldUpdate,
  orderCapturedSignal,
  retryAllocationSignal,
  shipmentConfirmedSignal,
} from '../../workflows/order-to-cash/messages';
import type { OrderView } from '../../workflows/order-to-cash/types';
import { parkedStepsQuery, replayStepSignal } from '../../workflows/signals';
import { waitForView } from './order-workflow-env';
import { createOrderWorld, shipmentOf, testOrder, testPolicy } from './order-world';
import type { OrderWorld } from './order-world';

/** What a scenario's driver acts with. */
export interface ScenarioRun {
  handle: WorkflowHandle;
  env: TestWorkflowEnvironment;
  world: OrderWorld;
  order: SalesOrder;
}

/** One recorded run. */
export interface OrderScenario {
  /** File name of the history (without `.json`); also names the order. */
  name: string;
  /** What the run goes through (for the histories README). */
  summary: string;
  /** The world the order runs in (stock, holds the validation reports). */
  world: (order: SalesOrder) => OrderWorld;
  policy: () => OrderPolicy;
  via: 'api' | 'webhook' | 'edi';
  order?: Partial<SalesOrder>;
  /** Drives the order to its end and returns its final view. */
  drive: (run: ScenarioRun) => Promise<OrderView>;
  /** Why the final view is not what the scenario means to record; undefined when it is. */
  check: (view: OrderView, world: OrderWorld) => string | undefined;
}

/** The workflow id of a scenario's order (the replay test replays under the same id). */
export const scenarioWorkflowId = (name: string): string => `o2c-so_replay_${name}`;

/** Optional order fields the flow only carries along; left out so the recorded histories stay small. */
const CARRIED_ONLY = [
  'updatedAt',
  'placedAt',
  'requestedDeliveryDate',
  'cancelAfter',
  'billTo',
  'carrier',
  'freightTerms',
  'paymentTerms',
  'paymentStatus',
  'charges',
  'totals',
  'notes',
  'attributes',
] as const;

/** The fixed order of a scenario: the two-line test order under a stable id and PO number, slimmed. */
export function scenarioOrder(scenario: OrderScenario): SalesOrder {
  const order = testOrder({
    id: `so_replay_${scenario.name}`,
    customerPoNumber: `PO-replay-${scenario.name}`,
    ...scenario.order,
  });
  for (const field of CARRIED_ONLY) delete order[field];
  return order;
}

/** Confirms a shipment of release `releaseNo` of the order. */
const ship = (
  { handle, order }: ScenarioRun,
  releaseNo: number,
  location: string,
  lines: Record<number, number>,
  id: string,
) =>
  handle.signal(shipmentConfirmedSignal, {
    shipment: shipmentOf(order, `${order.id}.r${releaseNo}`, location, lines, id),
    connectorId: 'wms-1',
  });

const result = (run: ScenarioRun) => run.handle.result() as Promise<OrderView>;
const released = (run: ScenarioRun, count = 1) =>
  waitForView(run.handle, (v) => v.releases.filter((r) => r.status === 'released').length >= count);
const plenty = () => createOrderWorld({ 'loc_a|WID-1001': 50, 'loc_a|WID-1002': 50 });
/** Polls (real time) until `done` holds. */
async function until(done: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await done().catch(() => false)) return; // a query before the workflow's first task fails
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const line = (view: OrderView, n: number) => view.lines.find((l) => l.lineNumber === n);
const expectStatus = (view: OrderView, status: OrderView['status']) =>
  view.status === status ? undefined : `ended ${view.status}, expected ${status}`;

/** Every recorded scenario, in recording order. */
export const ORDER_SCENARIOS: OrderScenario[] = [
  {
    name: 'full-order',
    summary:
      'web order: reserve, one release, the warehouse resends its shipment webhook, invoice, fulfilment',
    world: plenty,
    policy: () => testPolicy(),
    via: 'webhook',
    async drive(run) {
      await released(run);
      await ship(run, 1, 'loc_a', { 1: 10, 2: 5 }, 'shp-1');
      await ship(run, 1, 'loc_a', { 1: 10, 2: 5 }, 'shp-1');
      return result(run);
    },
    check: (view, world) =>
      expectStatus(view, 'completed') ??
      (world.callsOf('invoiceShipment').length === 1 ? undefined : 'the duplicate shipment was invoiced'),
  },
  {
    name: 'split-warehouses',
    summary: 'line 1 split across warehouses A and B: two releases, two shipments, two invoices',
    world: () => createOrderWorld({ 'loc_a|WID-1001': 6, 'loc_b|WID-1001': 10, 'loc_a|WID-1002': 5 }),
    policy: () => testPolicy(),
    via: 'api',
    async drive(run) {
      await released(run, 2);
      await ship(run, 1, 'loc_a', { 1: 6, 2: 5 }, 'shp-a');
      await ship(run, 2, 'loc_b', { 1: 4 }, 'shp-b');
      return result(run);
    },
    check: (view) =>
      expectStatus(view, 'completed') ?? (view.invoices.length === 2 ? undefined : 'expected two invoices'),
  },
  {
    name: 'backorder-then-stock',
    summary: 'short by 6: backordered and replenishment raised, first shipment, stock arrives, retry, second',
    world: () => createOrderWorld({ 'loc_a|WID-1001': 4, 'loc_a|WID-1002': 5 }),
    policy: () => testPolicy({ allowSplitShipments: false }),
    via: 'api',
    async drive(run) {
      await released(run);
      await ship(run, 1, 'loc_a', { 1: 4, 2: 5 }, 'shp-1');
      await waitForView(run.handle, (v) => v.status === 'partially-shipped');
      run.world.stock.set('loc_a|WID-1001', 6);
      await run.handle.signal(retryAllocationSignal, { reason: 'receipt' });
      await waitForView(run.handle, (v) => v.releases.length === 2);
      await ship(run, 2, 'loc_a', { 1: 6 }, 'shp-2');
      return result(run);
    },
    check: (view) =>
      expectStatus(view, 'completed') ??
      (view.releases.length === 2 ? undefined : 'expected a second release after the stock arrived'),
  },
  {
    name: 'hold-escalated-approved',
    summary: 'price hold, nobody decides within 2 hours: escalated, then approved by a person, shipped',
    world: (order) => {
      const world = plenty();
      world.holds.set(order.id, [
        { kind: 'price', path: '/lines/0/unitPrice', message: 'too far from contract' },
      ]);
      return world;
    },
    policy: () => testPolicy({ holdTimeoutMinutes: 120 }),
    via: 'api',
    async drive(run) {
      await waitForView(run.handle, (v) => v.status === 'on-hold');
      await run.env.sleep('3 hours');
      await waitForView(run.handle, (v) => v.status === 'escalated');
      await run.handle.executeUpdate(decideHoldUpdate, {
        args: [{ decision: 'approve', by: 'ana', reason: 'agreed promo price' }],
      });
      await released(run);
      await ship(run, 1, 'loc_a', { 1: 10, 2: 5 }, 'shp-1');
      return result(run);
    },
    check: (view, world) =>
      expectStatus(view, 'completed') ??
      (world.callsOf('escalateOrder').length === 1 ? undefined : 'the hold was not escalated'),
  },
  {
    name: 'cancel-after-release',
    summary: 'released, then cancelled: the warehouse stops the release, reservations back, ERP order closed',
    world: plenty,
    policy: () => testPolicy(),
    via: 'api',
    async drive(run) {
      await released(run);
      await run.handle.executeUpdate(cancelOrderUpdate, { args: [{ by: 'cs', reason: 'customer called' }] });
      return result(run);
    },
    check: (view, world) =>
      expectStatus(view, 'cancelled') ??
      (world.reservations.size === 0 ? undefined : 'reservations were not given back'),
  },
  {
    name: 'short-pick',
    summary: 'the warehouse ships 7 of 10: the rest of the reservation is given back and cancelled by policy',
    world: plenty,
    policy: () => testPolicy({ shortPickAction: 'cancel' }),
    via: 'api',
    async drive(run) {
      await released(run);
      await ship(run, 1, 'loc_a', { 1: 7, 2: 5 }, 'shp-short');
      return result(run);
    },
    check: (view) =>
      expectStatus(view, 'completed') ??
      (line(view, 1)?.cancelled === '3' ? undefined : 'the short-picked 3 were not cancelled'),
  },
  {
    name: 'change-before-release',
    summary: 'item hold; line 1 cut from 10 to 4 while held, then approved: the release carries 4, shipped',
    world: (order) => {
      const world = plenty();
      world.holds.set(order.id, [{ kind: 'item', message: 'check unit' }]);
      return world;
    },
    policy: () => testPolicy(),
    via: 'api',
    async drive(run) {
      await waitForView(run.handle, (v) => v.status === 'on-hold');
      await run.handle.executeUpdate(changeOrderUpdate, {
        args: [{ by: 'cs', reason: 'fewer', lines: [{ lineNumber: 1, quantity: '4' }] }],
      });
      await run.handle.executeUpdate(decideHoldUpdate, {
        args: [{ decision: 'approve', by: 'ana', reason: 'ok' }],
      });
      await released(run);
      await ship(run, 1, 'loc_a', { 1: 4, 2: 5 }, 'shp-1');
      return result(run);
    },
    check: (view) =>
      expectStatus(view, 'completed') ??
      (line(view, 1)?.shipped === '4' ? undefined : 'the change did not reach the release'),
  },
  {
    name: 'duplicate-capture-edi',
    summary: 'EDI order arrives twice (the second attaches); 855 on allocation, 810 and 856 on shipment',
    world: plenty,
    policy: () => testPolicy(),
    via: 'edi',
    order: { channel: 'edi' },
    async drive(run) {
      await released(run);
      await run.handle.signal(orderCapturedSignal, {
        via: 'edi',
        connectorId: 'edi-1',
        reference: 'ISA 2',
        receivedAt: '2026-12-01T10:05:00Z',
      });
      await waitForView(run.handle, (v) => v.captures.length === 2);
      await ship(run, 1, 'loc_a', { 1: 10, 2: 5 }, 'shp-edi');
      return result(run);
    },
    check: (view) =>
      expectStatus(view, 'completed') ??
      (view.documents.map((d) => d.documentType).join() === 'erp-sales-order,ack,invoice,asn'
        ? undefined
        : `documents ${view.documents.map((d) => d.documentType).join()}`),
  },
  {
    name: 'release-dead-lettered-replayed',
    summary:
      'the WMS refuses the release (data error): dead-lettered and parked, replayed by a person, shipped',
    world: () => {
      const world = plenty();
      const release = world.activities.releaseToWarehouse.bind(world.activities);
      let refused = false;
      world.activities.releaseToWarehouse = async (args) => {
        if (refused) return release(args);
        refused = true;
        throw ApplicationFailure.nonRetryable('ship-to address rejected by the WMS', 'hub.data');
      };
      return world;
    },
    policy: () => testPolicy(),
    via: 'api',
    async drive(run) {
      await until(async () => (await run.handle.query(parkedStepsQuery)).length === 1, 'the parked release');
      await run.handle.signal(replayStepSignal, { by: 'ops' });
      await released(run);
      await ship(run, 1, 'loc_a', { 1: 10, 2: 5 }, 'shp-1');
      return result(run);
    },
    check: (view, world) =>
      expectStatus(view, 'completed') ??
      (world.callsOf('resolveDeadLetter').length === 1 ? undefined : 'the dead letter was not resolved'),
  },
];
