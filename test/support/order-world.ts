/* eslint-disable @typescript-eslint/require-await -- in-memory fakes of async activities */
/**
 * A small in-memory world for order-to-cash workflow tests: the activities the workflow proxies, over a toy stock
 * book, recording every call so tests can assert side effects and their compensations. It models outcomes (what
 * the ERP holds, what the warehouse got), not the connectors — those have contract suites of their own.
 */
import type { Invoice, SalesOrder, Shipment } from '../../canonical-model/generated/index';
import { loadFixture } from '../../canonical-model/fixtures/load-fixture';
import { defaultOrderPolicy } from '../../platform/orders/policy';
import type { OrderPolicy } from '../../platform/orders/policy';
import type { OrderActivities } from '../../activities/order-to-cash/types';
import type { OrderHold, OrderToCashInput } from '../../workflows/order-to-cash/types';

/** One recorded activity call. */
export interface Call {
  name: string;
  args: unknown;
}

/** The world's state and its activities. */
export interface OrderWorld {
  activities: OrderActivities & Record<string, (...args: never[]) => Promise<unknown>>;
  calls: Call[];
  /** Units on hand per `location|sku`. */
  stock: Map<string, number>;
  /** Outstanding reservations by id. */
  reservations: Map<string, { key: string; quantity: number }>;
  /** Holds validation reports, by order id. */
  holds: Map<string, OrderHold[]>;
  /** Whether the warehouse can still stop a release (default true). */
  canCancel: (releaseId: string) => boolean;
  /** Invoices the "ERP" holds, by invoice id. */
  invoices: Map<string, Invoice>;
  /** Names of calls made, in order. */
  names(): string[];
  /** Calls of one activity. */
  callsOf(name: string): unknown[];
}

/** A world with `stock` (location|sku → units). */
export function createOrderWorld(stock: Record<string, number> = {}): OrderWorld {
  const calls: Call[] = [];
  const world: Omit<OrderWorld, 'activities'> = {
    calls,
    stock: new Map(Object.entries(stock)),
    reservations: new Map(),
    holds: new Map(),
    canCancel: () => true,
    invoices: new Map(),
    names: () => calls.map((c) => c.name),
    callsOf: (name) => calls.filter((c) => c.name === name).map((c) => c.args),
  };
  const record = (name: string, args: unknown) => calls.push({ name, args: structuredClone(args) });
  const reservedOf = (key: string) =>
    [...world.reservations.values()].filter((r) => r.key === key).reduce((t, r) => t + r.quantity, 0);
  const activities: OrderActivities = {
    validateOrder: async ({ order }) => {
      record('validateOrder', { orderId: order.id });
      return {
        lines: order.lines.map((l) => ({
          lineNumber: l.lineNumber,
          sku: l.item.identifiers[0]?.value ?? '',
          baseUnits: '1',
        })),
        holds: world.holds.get(order.id) ?? [],
        calls: ['ERP credit checked'],
        priorityCustomer: false,
      };
    },
    recordErpOrder: async (args) => {
      record('recordErpOrder', {
        status: args.order.status,
        key: args.idempotencyKey,
        lines: args.order.lines.map((l) => l.quantityCancelled?.value ?? '0'),
      });
      return {
        externalId: `erp-${args.order.id}`,
        documentNumber: `SO${args.order.orderNumber}`,
        created: true,
      };
    },
    allocateStock: async (args) => {
      record('allocateStock', { round: args.round, lines: args.lines });
      const allocations: Awaited<ReturnType<OrderActivities['allocateStock']>>['allocations'] = [];
      const shortages: { lineNumber: number; sku: string; quantity: string }[] = [];
      for (const line of args.lines) {
        let left = Number(line.quantity);
        for (const w of args.policy.warehouses) {
          if (!left) break;
          const key = `${w.locationId}|${line.sku}`;
          const free = (world.stock.get(key) ?? 0) - reservedOf(key);
          const take = Math.min(free, left);
          if (take <= 0) continue;
          const reservationId = `${args.orderId}/${args.round}/${line.lineNumber}/${w.locationId}`;
          world.reservations.set(reservationId, { key, quantity: take });
          allocations.push({
            lineNumber: line.lineNumber,
            sku: line.sku,
            locationId: w.locationId,
            quantity: String(take),
            reservationId,
          });
          left -= take;
          if (!args.policy.allowSplitShipments) break;
        }
        if (left) shortages.push({ lineNumber: line.lineNumber, sku: line.sku, quantity: String(left) });
      }
      return { allocations, shortages };
    },
    releaseReservations: async ({ reservations }) => {
      record('releaseReservations', reservations);
      for (const r of reservations) {
        const held = world.reservations.get(r.reservationId);
        if (!held) continue;
        held.quantity -= r.quantity === undefined ? held.quantity : Number(r.quantity);
        if (held.quantity <= 0) world.reservations.delete(r.reservationId);
      }
    },
    consumeReservations: async ({ consumptions }) => {
      record('consumeReservations', consumptions);
      for (const c of consumptions) {
        const held = world.reservations.get(c.reservationId);
        if (!held) continue;
        world.stock.set(held.key, (world.stock.get(held.key) ?? 0) - Number(c.quantity));
        held.quantity -= Number(c.quantity);
        if (held.quantity <= 0) world.reservations.delete(c.reservationId);
      }
    },
    releaseToWarehouse: async (args) => {
      record('releaseToWarehouse', {
        releaseId: args.releaseId,
        locationId: args.locationId,
        lines: args.lines,
      });
      return { externalId: `wms-${args.releaseId}`, created: true };
    },
    cancelWarehouseRelease: async (args) => {
      record('cancelWarehouseRelease', { releaseId: args.releaseId });
      return (world as OrderWorld).canCancel(args.releaseId)
        ? { cancelled: true }
        : { cancelled: false, reason: 'already picked' };
    },
    invoiceShipment: async (args) => {
      record('invoiceShipment', { invoiceId: args.invoiceId, shipmentId: args.shipment.id });
      const lines = args.shipment.lines
        .filter((l) => Number(l.quantityShipped.value) > 0)
        .map((l) => ({ orderLineNumber: l.salesOrderLineNumber, quantity: l.quantityShipped }));
      const invoice = { id: args.invoiceId, documentType: 'invoice', lines } as unknown as Invoice;
      world.invoices.set(args.invoiceId, invoice);
      return { invoice, total: String(lines.reduce((t, l) => t + Number(l.quantity.value), 0)) };
    },
    createCommerceFulfillment: async (args) => {
      record('createCommerceFulfillment', { shipmentId: args.shipment.id });
      return { externalId: `ful-${args.shipment.id}`, created: true };
    },
    sendCustomerEdi: async (args) => {
      record('sendCustomerEdi', {
        kind: args.kind,
        documentId: args.documentId,
        ...(args.kind === 'ack' ? { lines: args.lines } : {}),
      });
      return { interchangeId: `ic-${args.documentId}`, controlNumber: '000000001', documentType: args.kind };
    },
    saveOrderView: async (view) => {
      record('saveOrderView', { status: view.status, version: view.version });
    },
    raiseReplenishment: async (args) => {
      record('raiseReplenishment', args.shortages);
    },
    escalateOrder: async (args) => {
      record('escalateOrder', { reason: args.reason });
    },
  };
  // Dead-letter bookkeeping the workflow's runStep uses when a step fails for good.
  const deadLetters = {
    recordDeadLetter: async (args: { step: string }) => {
      record('recordDeadLetter', { step: args.step });
      return { deadLetterId: `dl-${args.step}` };
    },
    resolveDeadLetter: async (args: unknown) => void record('resolveDeadLetter', args),
    discardDeadLetter: async (args: unknown) => void record('discardDeadLetter', args),
  };
  return Object.assign(world, { activities: { ...activities, ...deadLetters } });
}

let sequence = 0;

/** A two-line order (10 × WID-1001, 5 × WID-1002) with a fresh id and PO number. */
export function testOrder(overrides: Partial<SalesOrder> = {}): SalesOrder {
  sequence += 1;
  const base = structuredClone(loadFixture('sales-order'));
  const line = base.lines[0] as SalesOrder['lines'][number];
  return {
    ...base,
    id: `so_test_${sequence}_${Date.now()}`,
    customerPoNumber: `PO-${sequence}-${Date.now()}`,
    lines: [
      {
        ...line,
        lineNumber: 1,
        item: { identifiers: [{ qualifier: 'SKU', value: 'WID-1001' }] },
        quantity: { value: '10', uom: 'EA' },
      },
      {
        ...line,
        lineNumber: 2,
        item: { identifiers: [{ qualifier: 'SKU', value: 'WID-1002' }] },
        quantity: { value: '5', uom: 'EA' },
      },
    ],
    ...overrides,
  };
}

/** A policy with two warehouses (A then B) and short time-outs. */
export function testPolicy(overrides: Partial<OrderPolicy> = {}): OrderPolicy {
  return {
    ...defaultOrderPolicy('le_acme_us'),
    erpConnectorId: 'erp-1',
    wmsConnectorId: 'wms-1',
    warehouses: [{ locationId: 'loc_a' }, { locationId: 'loc_b' }],
    holdTimeoutMinutes: 60,
    shipmentTimeoutMinutes: 600,
    backorderRecheckMinutes: 30,
    ...overrides,
  };
}

/** The workflow input of an order. */
export function orderInput(
  order: SalesOrder,
  policy: OrderPolicy,
  via: 'api' | 'webhook' | 'edi' = 'api',
): OrderToCashInput {
  return {
    order,
    businessKey: `${order.channel ?? 'api'}:${order.customerId}:${order.customerPoNumber ?? order.orderNumber}`,
    capture: {
      via,
      ...(via === 'api' ? {} : { connectorId: via === 'edi' ? 'edi-1' : 'shop-1' }),
      ...(via === 'edi' ? { partnerId: 'partner-1' } : {}),
      receivedAt: '2026-12-01T10:00:00Z',
    },
    policy,
    correlationId: `corr-${order.id}`,
  };
}

/** A shipment of a release: `lines` maps order line number → shipped quantity. */
export function shipmentOf(
  order: SalesOrder,
  releaseId: string,
  locationId: string,
  lines: Record<number, number>,
  shipmentId: string,
): Shipment {
  return {
    schemaVersion: '1',
    documentType: 'shipment',
    id: shipmentId,
    legalEntityId: order.legalEntityId,
    source: { connectorId: 'wms-1', system: 'shiphero', externalId: shipmentId },
    shipmentNumber: shipmentId,
    salesOrderId: releaseId,
    status: 'shipped',
    fromLocationId: locationId,
    shipTo: order.shipTo,
    shippedAt: '2026-12-01T12:00:00Z',
    packages: [{ trackingNumber: `1Z${shipmentId}` }],
    lines: Object.entries(lines).map(([n, q], i) => ({
      lineNumber: i + 1,
      salesOrderLineNumber: Number(n),
      item: { identifiers: [{ qualifier: 'SKU', value: `WID-100${n}` }] },
      quantityShipped: { value: String(q), uom: 'EA' },
    })),
  };
}
