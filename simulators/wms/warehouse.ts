/**
 * What the simulated warehouse does on its own: ships released orders after `shipDelayMs` (short-picking some
 * lines), counts stock on request, and sends a signed ShipHero-shaped webhook for each of these and for every stock
 * change (receiving purchase orders: purchase-receipt.ts; returns: returns.ts).
 */
import { randomUUID } from 'node:crypto';
import { seededRandom } from '../kit/faults';
import type { Simulator } from '../kit/simulator';
import { warehouseTimestamp, shipheroId } from './ids';
import { COLLECTIONS, productKey } from './records';
import type { SimOrder, SimWarehouseProduct } from './records';
import type { WmsSimSettings } from './settings';

type WmsSim = Simulator<WmsSimSettings>;

const randoms = new WeakMap<WmsSim, { seed: number; next: () => number }>();

function random(sim: WmsSim): number {
  let r = randoms.get(sim);
  if (!r || r.seed !== sim.settings.seed) {
    r = { seed: sim.settings.seed, next: seededRandom(sim.settings.seed) };
    randoms.set(sim, r);
  }
  return r.next();
}

/** Restarts the short-pick random source from the seed (on start and on reset, so a run is reproducible). */
export function resetRandom(sim: WmsSim): void {
  randoms.delete(sim);
}

/** Sends a signed ShipHero webhook: `webhook_type` and a fresh `webhook_id` ahead of `body`. */
export function send(sim: WmsSim, webhookType: string, body: Record<string, unknown>): void {
  const webhookId = randomUUID();
  sim.webhooks.send(webhookType, webhookId, { webhook_type: webhookType, webhook_id: webhookId, ...body });
}

/** The stock record of a SKU in a warehouse, created empty when the warehouse has never held it. */
export function stockOf(sim: WmsSim, warehouseId: string, sku: string): SimWarehouseProduct {
  const products = sim.store.collection<SimWarehouseProduct>(COLLECTIONS.products);
  const key = productKey(warehouseId, sku);
  return (
    products.get(key) ??
    products.put(key, {
      id: shipheroId('WarehouseProduct', sim.store.next('warehouse-product', 70000)),
      sku,
      name: sku,
      warehouse_id: warehouseId,
      on_hand: 0,
      allocated: 0,
      non_sellable_quantity: 0,
      backorder: 0,
      updated_at: new Date().toISOString(),
    })
  );
}

/** Changes on-hand stock and sends the "Inventory Change" webhook (a delta, local time without zone). */
export function changeOnHand(sim: WmsSim, stock: SimWarehouseProduct, delta: number, reason: string): void {
  if (delta === 0) return;
  const previous = stock.on_hand;
  stock.on_hand += delta;
  stock.updated_at = new Date().toISOString();
  send(sim, 'Inventory Change', {
    account_id: shipheroId('Account', 1),
    inventory_change_id: shipheroId('InventoryChange', sim.store.next('inventory-change', 77000)),
    warehouse_id: stock.warehouse_id,
    sku: stock.sku,
    quantity: String(delta),
    previous_on_hand: String(previous),
    old_quantity: String(previous),
    location_name: 'Bin A-01',
    reason,
    source: 'simulator',
    timestamp: warehouseTimestamp(sim.settings, stock.warehouse_id),
  });
}

/** Ships the order (unless cancelled by then) after the configured delay. */
export function scheduleShipment(sim: WmsSim, order: SimOrder): void {
  sim.schedule(sim.settings.shipDelayMs, () => ship(sim, order.id));
}

function ship(sim: WmsSim, orderId: string): void {
  const order = sim.store.collection<SimOrder>(COLLECTIONS.orders).get(orderId);
  if (!order || order.fulfillment_status !== 'pending') return;
  const { shortPickSkus, shortPickRate } = sim.settings;
  for (const line of order.line_items) {
    const stock = stockOf(sim, order.warehouse_id, line.sku);
    const short = shortPickSkus.includes(line.sku) || (shortPickRate > 0 && random(sim) < shortPickRate);
    const wanted = short ? Math.floor(line.quantity / 2) : line.quantity;
    line.quantity_shipped = Math.max(0, Math.min(wanted, stock.on_hand));
    stock.allocated = Math.max(0, stock.allocated - line.quantity);
    changeOnHand(sim, stock, -line.quantity_shipped, `Order ${order.order_number} shipped`);
  }
  order.fulfillment_status = 'fulfilled';
  const legacyId = sim.store.next('shipment', 55000);
  const shipmentId = shipheroId('Shipment', legacyId);
  const tracking = `1Z999AA1${String(legacyId).padStart(10, '0')}`;
  const shipped = order.line_items.map((l) => ({
    id: l.id,
    shiphero_id: l.id,
    sku: l.sku,
    partner_line_item_id: l.partner_line_item_id,
    quantity: l.quantity_shipped,
    quantity_ordered: l.quantity,
    serial_numbers: [],
  }));
  const fulfillment = {
    shipment_id: shipmentId,
    shipment_uuid: randomUUID(),
    warehouse: 'Primary',
    warehouse_id: order.warehouse_id,
    order_id: order.id,
    partner_order_id: order.partner_order_id,
    order_number: order.order_number,
    shipping_carrier: 'ups',
    shipping_method: 'ground',
    tracking_number: tracking,
    shipping_address: order.shipping_address,
    created_at: warehouseTimestamp(sim.settings, order.warehouse_id),
    line_items: shipped,
    packages: [
      {
        name: 'Package 1',
        tracking_number: tracking,
        shipping_carrier: 'ups',
        shipping_method: 'ground',
        weight_in_oz: '32',
        line_items: shipped.filter((l) => l.quantity > 0).map((l) => ({ sku: l.sku, quantity: l.quantity })),
      },
    ],
  };
  sim.store.collection(COLLECTIONS.shipments).put(shipmentId, { id: shipmentId, ...fulfillment });
  send(sim, 'Shipment Update', { test: '0', fulfillment });
}

/** A completed cycle count of one SKU: on hand becomes `counted` and a "Cycle Count" webhook is sent. */
export function cycleCount(sim: WmsSim, warehouseId: string, sku: string, counted: number): void {
  const stock = stockOf(sim, warehouseId, sku);
  const previous = stock.on_hand;
  stock.on_hand = counted;
  stock.updated_at = new Date().toISOString();
  send(sim, 'Cycle Count', {
    count_id: shipheroId('CycleCount', sim.store.next('cycle-count', 3000)),
    warehouse_id: warehouseId,
    sku,
    location_name: 'Bin A-01',
    previous_on_hand: String(previous),
    counted_quantity: String(counted),
    timestamp: warehouseTimestamp(sim.settings, warehouseId),
  });
}
