/**
 * ShipHero returns in the simulator: `return_create` against the shipped lines of an order (idempotent by the
 * caller's `partner_id`: the same partner_id answers the existing return, never a second one), the GraphQL view of a
 * return, and the "Return Update" webhook ShipHero sends whenever a return is created or changes.
 *
 * Beyond ShipHero's documented webhook body, the simulator writes the return's `partner_id`, each item's
 * `condition` and `receipts` (one per received batch, as ShipHero's ReturnedLineItem), and lets a return line carry
 * the caller's `partner_line_item_id` (ShipHero echoes the order line's).
 */
import type { Simulator } from '../kit/simulator';
import { fail } from './errors';
import { warehouseTimestamp, shipheroId } from './ids';
import { COLLECTIONS } from './records';
import type { SimOrder, SimReturn, SimReturnLine, SimWarehouse } from './records';
import type { WmsSimSettings } from './settings';
import { send } from './warehouse';

type WmsSim = Simulator<WmsSimSettings>;

/** The conditions a returned unit can be received in (only `good` units go back to stock). */
export const RETURN_CONDITIONS = [
  'good',
  'damaged',
  'defective',
  'expired',
  'wrong_item',
  'quarantine',
] as const;

/** One line of `return_create`'s input. */
export interface ReturnLineInput {
  sku: string;
  quantity: number;
  return_reason: string;
  condition?: string | null;
  partner_line_item_id?: string | null;
}

/** The part of ShipHero's CreateReturnInput the simulator keeps. */
export interface ReturnInput {
  order_id: string;
  warehouse_id: string;
  return_reason: string;
  label_type: string;
  label_cost: string;
  address: Record<string, unknown>;
  shipping_carrier: string;
  shipping_method: string;
  line_items: ReturnLineInput[];
  tracking_number?: string | null;
  partner_id?: string | null;
}

/** A condition as the simulator stores it ("Wrong item" → "wrong_item"), or undefined when it is not one. */
export function conditionOf(value: unknown): (typeof RETURN_CONDITIONS)[number] | undefined {
  const text =
    typeof value === 'string'
      ? value
          .trim()
          .toLowerCase()
          .replace(/[\s-]+/g, '_')
      : '';
  return RETURN_CONDITIONS.find((c) => c === text);
}

const returnsOf = (sim: WmsSim) => sim.store.collection<SimReturn>(COLLECTIONS.returns);

/** Units of `sku` of order `orderId` already on returns. */
function alreadyReturned(sim: WmsSim, orderId: string, sku: string): number {
  return returnsOf(sim)
    .filter((r) => r.order_id === orderId)
    .flatMap((r) => r.line_items)
    .filter((l) => l.sku === sku)
    .reduce((sum, l) => sum + l.quantity, 0);
}

function lineOf(
  sim: WmsSim,
  order: SimOrder,
  warehouseId: string,
  l: ReturnLineInput,
  i: number,
): SimReturnLine {
  const orderLine = order.line_items.find((o) => o.sku === l.sku);
  if (!orderLine) fail(`line_items.${i}.sku: ${l.sku} is not a line item of order ${order.order_number}`, 5);
  if (l.quantity <= 0) fail(`line_items.${i}.quantity must be greater than 0`, 3);
  const before = alreadyReturned(sim, order.id, l.sku);
  if (before + l.quantity > orderLine.quantity_shipped) {
    fail(
      `line_items.${i}.quantity: cannot return ${l.quantity} of ${l.sku}: order ${order.order_number} shipped ` +
        `${orderLine.quantity_shipped}${before ? ` and ${before} are on other returns` : ''}`,
      3,
    );
  }
  if (l.condition && !conditionOf(l.condition)) {
    fail(`line_items.${i}.condition must be one of ${RETURN_CONDITIONS.join(', ')}`, 3);
  }
  const legacyId = sim.store.next('return-line', 5370000);
  return {
    id: shipheroId('ReturnItem', legacyId),
    legacy_id: legacyId,
    line_item_id: orderLine.id,
    partner_line_item_id: l.partner_line_item_id || orderLine.partner_line_item_id,
    sku: l.sku,
    warehouse_id: warehouseId,
    quantity: l.quantity,
    quantity_received: 0,
    restock: 0,
    condition: l.condition ? (conditionOf(l.condition) ?? null) : null,
    reason: l.return_reason,
    receipts: [],
  };
}

/** `return_create`: a pending return of shipped units; the same `partner_id` answers the existing return. */
export function createReturn(sim: WmsSim, data: ReturnInput): SimReturn {
  const existing = data.partner_id ? returnsOf(sim).find((r) => r.partner_id === data.partner_id) : undefined;
  if (existing) return existing;
  const order = sim.store.collection<SimOrder>(COLLECTIONS.orders).get(data.order_id);
  if (!order) fail(`Order ${data.order_id} not found`, 5);
  if (!sim.store.collection<SimWarehouse>(COLLECTIONS.warehouses).get(data.warehouse_id)) {
    fail(`Warehouse ${data.warehouse_id} not found`, 5);
  }
  if (!data.line_items.length) fail('line_items: at least one line item is required', 3);
  data.line_items.forEach((l, i) => {
    if (data.line_items.findIndex((o) => o.sku === l.sku) < i) {
      fail(`line_items.${i}.sku: ${l.sku} is already on an earlier line of this return`, 3);
    }
  });
  const lines = data.line_items.map((l, i) => lineOf(sim, order, data.warehouse_id, l, i));
  const legacyId = sim.store.next('return', 3394300);
  const ret: SimReturn = {
    id: shipheroId('Return', legacyId),
    legacy_id: legacyId,
    order_id: order.id,
    partner_id: data.partner_id || null,
    reason: data.return_reason,
    status: 'pending',
    warehouse_id: data.warehouse_id,
    label_type: data.label_type,
    label_cost: data.label_cost,
    shipping_carrier: data.shipping_carrier,
    shipping_method: data.shipping_method,
    tracking_number: data.tracking_number || null,
    address: data.address,
    line_items: lines,
    created_at: new Date().toISOString(),
  };
  returnsOf(sim).put(ret.id, ret);
  sendReturnUpdate(sim, ret);
  return ret;
}

/** A return as the GraphQL API serves it (products and totals filled in). */
export function returnView(ret: SimReturn) {
  const total = (f: (l: SimReturnLine) => number) => ret.line_items.reduce((sum, l) => sum + f(l), 0);
  return {
    ...ret,
    line_items: ret.line_items.map((l) => ({
      ...l,
      return_id: ret.id,
      product: { sku: l.sku, name: l.sku },
    })),
    total_items_expected: total((l) => l.quantity),
    total_items_received: total((l) => l.quantity_received),
    total_items_restocked: total((l) => l.restock),
  };
}

/** Sends "Return Update" for the return as it now is. */
export function sendReturnUpdate(sim: WmsSim, ret: SimReturn): void {
  const order = sim.store.collection<SimOrder>(COLLECTIONS.orders).get(ret.order_id);
  send(sim, 'Return Update', {
    test: '0',
    return_id: ret.legacy_id,
    return_uuid: ret.id,
    partner_id: ret.partner_id,
    status: ret.status,
    reason: ret.reason,
    items: ret.line_items.map((l) => ({
      id: l.legacy_id,
      uuid: l.id,
      quantity: l.quantity,
      quantity_received: l.quantity_received,
      sku: l.sku,
      item_reason: l.reason,
      restock: l.restock,
      condition: l.condition,
      partner_line_item_id: l.partner_line_item_id,
      warehouse_id: l.warehouse_id,
      receipts: l.receipts.map((r) => ({ ...r })),
    })),
    order_id: order?.legacy_id ?? null,
    order_uuid: ret.order_id,
    partner_order_id: order?.partner_order_id ?? null,
    order_number: order?.order_number ?? null,
    created_at: warehouseTimestamp(sim.settings, ret.warehouse_id, new Date(ret.created_at)),
    label_type: ret.label_type,
    label_cost: ret.label_cost,
    picked_up: false,
    tracking_number: ret.tracking_number,
    date_used: null,
  });
}
