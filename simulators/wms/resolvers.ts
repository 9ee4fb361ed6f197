/** The root value of the simulated ShipHero GraphQL API: its queries and mutations over the simulator's store. */
import { randomUUID } from 'node:crypto';
import type { Simulator } from '../kit/simulator';
import { connection } from './connection';
import { fail } from './errors';
import { shipheroId } from './ids';
import { COLLECTIONS } from './records';
import type { SimOrder, SimPurchaseOrder, SimReturn, SimWarehouse, SimWarehouseProduct } from './records';
import { createReturn, returnView } from './returns';
import type { ReturnInput } from './returns';
import type { WmsSimSettings } from './settings';
import { scheduleReceipt } from './purchase-receipt';
import { scheduleShipment, stockOf } from './warehouse';

type WmsSim = Simulator<WmsSimSettings>;
type PageArgs = { first?: number; after?: string };

interface OrderInput {
  order_number?: string;
  partner_order_id?: string;
  shipping_address?: Record<string, unknown>;
  line_items?: {
    sku: string;
    partner_line_item_id: string;
    quantity: number;
    product_name?: string;
    warehouse_id?: string;
  }[];
}

interface PurchaseOrderInput {
  po_number: string;
  partner_order_number?: string;
  warehouse_id: string;
  tracking_number?: string;
  line_items: { sku: string; quantity: number }[];
}

const result = <T>(complexity: number, data: T) => ({ request_id: randomUUID(), complexity, ...data });

function warehouseOf(sim: WmsSim, id: string | undefined): string {
  const warehouses = sim.store.collection<SimWarehouse>(COLLECTIONS.warehouses);
  const found = id ? warehouses.get(id) : warehouses.all()[0];
  if (!found) fail(`Warehouse ${id ?? ''} not found`, 5);
  return found.id;
}

function available(p: SimWarehouseProduct): number {
  return Math.max(0, p.on_hand - p.allocated - p.non_sellable_quantity);
}

/** Builds the root value for one simulator. */
export function wmsResolvers(sim: WmsSim) {
  const orders = () => sim.store.collection<SimOrder>(COLLECTIONS.orders);
  const pos = () => sim.store.collection<SimPurchaseOrder>(COLLECTIONS.purchaseOrders);
  const products = () => sim.store.collection<SimWarehouseProduct>(COLLECTIONS.products);

  return {
    account: () =>
      result(1, {
        data: {
          id: shipheroId('Account', 1),
          warehouses: sim.store.collection<SimWarehouse>(COLLECTIONS.warehouses).all(),
        },
      }),

    order: ({ id }: { id: string }) => result(1, { data: orders().get(id) ?? null }),

    orders: (args: { partner_order_id?: string; order_number?: string }) => {
      const found = orders().filter(
        (o) =>
          (args.partner_order_id === undefined || o.partner_order_id === args.partner_order_id) &&
          (args.order_number === undefined || o.order_number === args.order_number),
      );
      return result(11, { data: ({ first, after }: PageArgs) => connection(found, first, after) });
    },

    purchase_orders: (args: { partner_order_number?: string; po_number?: string }) => {
      const found = pos().filter(
        (p) =>
          (args.partner_order_number === undefined || p.partner_order_number === args.partner_order_number) &&
          (args.po_number === undefined || p.po_number === args.po_number),
      );
      return result(11, { data: ({ first, after }: PageArgs) => connection(found, first, after) });
    },

    warehouse_products: (args: { sku?: string; warehouse_id?: string }) => {
      const found = products()
        .filter(
          (p) =>
            (args.sku === undefined || p.sku === args.sku) &&
            (args.warehouse_id === undefined || p.warehouse_id === args.warehouse_id),
        )
        .map((p) => ({ ...p, available: available(p), product: { sku: p.sku, name: p.name } }));
      return result(21, { data: ({ first, after }: PageArgs) => connection(found, first, after) });
    },

    return: ({ id }: { id: string }) => {
      const found = sim.store.collection<SimReturn>(COLLECTIONS.returns).get(id);
      return result(1, { data: found ? returnView(found) : null });
    },

    returns: (args: { order_id?: string }) => {
      const found = sim.store
        .collection<SimReturn>(COLLECTIONS.returns)
        .filter((r) => args.order_id === undefined || r.order_id === args.order_id)
        .map(returnView);
      return result(11, { data: ({ first, after }: PageArgs) => connection(found, first, after) });
    },

    order_create: ({ data }: { data: OrderInput }) => {
      const partnerId = data.partner_order_id;
      if (partnerId && orders().find((o) => o.partner_order_id === partnerId)) {
        fail(`Order with partner_order_id ${partnerId} already exists`, 6);
      }
      const lines = data.line_items ?? [];
      if (!lines.length) fail('line_items: at least one line item is required', 3);
      const warehouseId = warehouseOf(sim, lines[0]?.warehouse_id);
      lines.forEach((l, i) => {
        if (l.quantity <= 0) fail(`line_items.${i}.quantity must be greater than 0`, 3);
        if (!products().get(`${warehouseId}|${l.sku}`)) fail(`Product with sku ${l.sku} does not exist`, 5);
      });
      const legacyId = sim.store.next('order', 100000);
      const order: SimOrder = {
        id: shipheroId('Order', legacyId),
        legacy_id: legacyId,
        order_number: data.order_number ?? `SIM-${legacyId}`,
        partner_order_id: partnerId ?? `sim-${legacyId}`,
        warehouse_id: warehouseId,
        fulfillment_status: 'pending',
        shipping_address: data.shipping_address ?? {},
        line_items: lines.map((l) => ({
          id: shipheroId('LineItem', sim.store.next('line-item', 900000)),
          sku: l.sku,
          partner_line_item_id: l.partner_line_item_id,
          quantity: l.quantity,
          quantity_shipped: 0,
          ...(l.product_name ? { product_name: l.product_name } : {}),
        })),
        created_at: new Date().toISOString(),
      };
      for (const line of order.line_items) stockOf(sim, warehouseId, line.sku).allocated += line.quantity;
      orders().put(order.id, order);
      scheduleShipment(sim, order);
      return result(10, { order });
    },

    order_cancel: ({ data }: { data: { order_id: string } }) => {
      const order = orders().get(data.order_id);
      if (!order) fail(`Order ${data.order_id} not found`, 5);
      if (order.fulfillment_status === 'fulfilled') {
        fail(`Order ${order.order_number} cannot be canceled: it has already been fulfilled`, 9);
      }
      if (order.fulfillment_status === 'pending') {
        for (const line of order.line_items) {
          const stock = stockOf(sim, order.warehouse_id, line.sku);
          stock.allocated = Math.max(0, stock.allocated - line.quantity);
        }
        order.fulfillment_status = 'canceled';
      }
      return result(10, { order });
    },

    purchase_order_create: ({ data }: { data: PurchaseOrderInput }) => {
      const warehouseId = warehouseOf(sim, data.warehouse_id);
      if (!data.line_items.length) fail('line_items: at least one line item is required', 3);
      const legacyId = sim.store.next('purchase-order', 9900);
      const po: SimPurchaseOrder = {
        id: shipheroId('PurchaseOrder', legacyId),
        legacy_id: legacyId,
        po_number: data.po_number,
        partner_order_number: data.partner_order_number ?? '',
        warehouse_id: warehouseId,
        fulfillment_status: 'pending',
        ...(data.tracking_number ? { tracking_number: data.tracking_number } : {}),
        line_items: data.line_items.map((l) => ({
          id: shipheroId('PurchaseOrderLineItem', sim.store.next('po-line', 500000)),
          sku: l.sku,
          quantity: l.quantity,
          quantity_received: 0,
          quantity_rejected: 0,
          receipts: [],
        })),
        created_at: new Date().toISOString(),
      };
      pos().put(po.id, po);
      scheduleReceipt(sim, po);
      return result(10, { purchase_order: po });
    },

    return_create: ({ data }: { data: ReturnInput }) =>
      result(10, { return: returnView(createReturn(sim, data)) }),
  };
}
