/**
 * The order life cycle of the simulated store: create, update and cancel an order (each firing the webhook Shopify
 * fires), and record a fulfilment against its fulfillment orders. Ids are int64 values above 2^53, as a real
 * store's are, so they test every JSON reader on the way.
 */
import { randomUUID } from 'node:crypto';
import { stringify } from 'lossless-json';
import type { Simulator } from '../kit/simulator';
import { COLLECTIONS, gid, shopTime } from './records';
import type {
  RestAddress,
  RestLineItem,
  RestOrder,
  SimFulfillmentOrder,
  SimLocation,
  SimVariant,
} from './records';
import type { ShopifySimSettings } from './settings';

/** Order ids made through the test routes start here (Shopify's documented sample id); seeded ones elsewhere. */
export const FIRST_ORDER_ID = 820982911946154508n;
const FIRST_SEEDED_ORDER_ID = 450789469000000000n;
const FIRST_LINE_ITEM_ID = 866550311766439020n;

/** One line of an order to create; `sku: null` and a price like "ten dollars" are passed through as given. */
export interface NewOrderLine {
  sku?: string | null;
  quantity?: number;
  price?: string;
  title?: string;
}

/** What the test route (or the seed) creates an order from. */
export interface NewOrderInput {
  lines: NewOrderLine[];
  email?: string;
  note?: string;
  shippingAddress?: RestAddress | null;
  /** The creation instant (the seed backdates its orders); now when absent. */
  createdAt?: string;
}

type ShopifySim = Simulator<ShopifySimSettings>;

const DEFAULT_ADDRESS: RestAddress = {
  first_name: 'Bob',
  last_name: 'Norman',
  name: 'Bob Norman',
  company: null,
  address1: '123 Elm St.',
  address2: null,
  city: 'Chicago',
  province_code: 'IL',
  zip: '60601',
  country_code: 'US',
  phone: '+13125550100',
};

/** Exact cents of a two-decimal price, or undefined for text that is not one. */
function cents(price: string): bigint | undefined {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(price.trim());
  return match ? BigInt(match[1]!) * 100n + BigInt((match[2] ?? '').padEnd(2, '0')) : undefined;
}

function money(c: bigint): string {
  return `${c / 100n}.${String(c % 100n).padStart(2, '0')}`;
}

function moneySet(amount: string, currency: string) {
  return {
    shop_money: { amount, currency_code: currency },
    presentment_money: { amount, currency_code: currency },
  };
}

/** The current instant as the shop writes it, never earlier than `after` plus a second (updated_at moves on). */
function stamp(sim: ShopifySim, after?: string): string {
  const now = Date.now();
  const at = after === undefined ? now : Math.max(now, Date.parse(after) + 1000);
  return shopTime(new Date(at), sim.settings.utcOffsetMinutes);
}

/** Sends an order webhook with the order's int64 ids as bare JSON numbers. */
export function sendOrderWebhook(sim: ShopifySim, topic: string, order: RestOrder): void {
  sim.webhooks.send(topic, randomUUID(), undefined, stringify(order) ?? 'null');
}

/** Creates an order with its fulfillment order at the first location; fires orders/create unless seeding. */
export function createOrder(
  sim: ShopifySim,
  input: NewOrderInput,
  options: { seeded?: boolean } = {},
): RestOrder {
  const { store, settings } = sim;
  const sequence = options.seeded ? 'seeded-order' : 'order';
  const id = (options.seeded ? FIRST_SEEDED_ORDER_ID : FIRST_ORDER_ID) + BigInt(store.next(sequence) - 1);
  const number = store.next('order-number', 1001);
  const createdAt = input.createdAt ?? stamp(sim);
  const variants = store.collection<SimVariant>(COLLECTIONS.variants);
  const currency = settings.currency;
  let subtotal = 0n;
  const lineItems: RestLineItem[] = input.lines.map((line) => {
    const variant = line.sku ? variants.find((v) => v.sku === line.sku) : undefined;
    const price = line.price ?? variant?.price ?? '1.00';
    const quantity = line.quantity ?? 1;
    subtotal += (cents(price) ?? 0n) * BigInt(quantity);
    return {
      id: FIRST_LINE_ITEM_ID + BigInt(store.next('line-item') - 1),
      variant_id: variant?.id ?? null,
      product_id: variant?.product_id ?? null,
      sku: line.sku === undefined ? (variant?.sku ?? null) : line.sku,
      title: line.title ?? variant?.title ?? 'Custom item',
      quantity,
      current_quantity: quantity,
      fulfillable_quantity: quantity,
      price,
      price_set: moneySet(price, currency),
      requires_shipping: true,
      fulfillment_service: 'manual',
      tax_lines: [],
    };
  });
  const shipping = 500n;
  const address = input.shippingAddress === undefined ? DEFAULT_ADDRESS : input.shippingAddress;
  const order: RestOrder = {
    id,
    admin_graphql_api_id: gid('Order', id),
    name: `#${number}`,
    order_number: number,
    email: input.email ?? `customer${number}@example.com`,
    created_at: createdAt,
    updated_at: createdAt,
    cancelled_at: null,
    cancel_reason: null,
    currency,
    subtotal_price: money(subtotal),
    total_tax: '0.00',
    total_price: money(subtotal + shipping),
    total_discounts: '0.00',
    financial_status: 'paid',
    fulfillment_status: null,
    note: input.note ?? null,
    line_items: lineItems,
    shipping_address: address,
    billing_address: address,
    shipping_lines: [
      { id: store.next('shipping-line', 271878346), title: 'Standard', price: money(shipping), code: 'STD' },
    ],
    customer: {
      id: 115310627 + number,
      email: input.email ?? `customer${number}@example.com`,
      first_name: 'Bob',
      last_name: 'Norman',
    },
  };
  store.collection<RestOrder>(COLLECTIONS.orders).put(String(id), order);
  const location = store.collection<SimLocation>(COLLECTIONS.locations).all()[0];
  const fulfillmentOrderId = store.next('fulfillment-order', 1046000818);
  store.collection<SimFulfillmentOrder>(COLLECTIONS.fulfillmentOrders).put(String(fulfillmentOrderId), {
    id: fulfillmentOrderId,
    order_id: String(id),
    assigned_location_id: location?.id ?? 0,
    status: 'open',
    line_items: lineItems.map((l) => ({
      id: store.next('fulfillment-order-line', 1058737482),
      line_item_id: String(l.id),
      sku: l.sku,
      quantity: l.quantity,
      remaining: l.quantity,
    })),
  });
  if (!options.seeded) sendOrderWebhook(sim, 'orders/create', order);
  return order;
}

/** Changes an order's note or e-mail (what a merchant edits) and fires orders/updated. */
export function updateOrder(
  sim: ShopifySim,
  id: string,
  change: { note?: string; email?: string },
): RestOrder | undefined {
  const order = sim.store.collection<RestOrder>(COLLECTIONS.orders).get(id);
  if (!order) return undefined;
  if (change.note !== undefined) order.note = change.note;
  if (change.email !== undefined) order.email = change.email;
  order.updated_at = stamp(sim, order.updated_at);
  sendOrderWebhook(sim, 'orders/updated', order);
  return order;
}

/** Cancels an order: nothing left to fulfil, payment voided; fires orders/cancelled. */
export function cancelOrder(sim: ShopifySim, id: string, reason = 'customer'): RestOrder | undefined {
  const order = sim.store.collection<RestOrder>(COLLECTIONS.orders).get(id);
  if (!order) return undefined;
  order.updated_at = stamp(sim, order.updated_at);
  order.cancelled_at = order.updated_at;
  order.cancel_reason = reason;
  order.financial_status = 'voided';
  for (const line of order.line_items) {
    line.current_quantity = 0;
    line.fulfillable_quantity = 0;
  }
  for (const fo of sim.store
    .collection<SimFulfillmentOrder>(COLLECTIONS.fulfillmentOrders)
    .filter((f) => f.order_id === id)) {
    fo.status = 'cancelled';
    for (const l of fo.line_items) l.remaining = 0;
  }
  sendOrderWebhook(sim, 'orders/cancelled', order);
  return order;
}

/** After a fulfilment: each line's fulfillable quantity and the order's fulfillment status; fires orders/updated. */
export function markFulfilled(sim: ShopifySim, id: string): void {
  const order = sim.store.collection<RestOrder>(COLLECTIONS.orders).get(id);
  if (!order) return;
  const lines = sim.store
    .collection<SimFulfillmentOrder>(COLLECTIONS.fulfillmentOrders)
    .filter((f) => f.order_id === id)
    .flatMap((f) => f.line_items);
  for (const line of order.line_items) {
    line.fulfillable_quantity = lines
      .filter((l) => l.line_item_id === String(line.id))
      .reduce((n, l) => n + l.remaining, 0);
  }
  const left = order.line_items.reduce((n, l) => n + l.fulfillable_quantity, 0);
  const total = order.line_items.reduce((n, l) => n + l.current_quantity, 0);
  order.fulfillment_status = left === 0 ? 'fulfilled' : left < total ? 'partial' : null;
  order.updated_at = stamp(sim, order.updated_at);
  sendOrderWebhook(sim, 'orders/updated', order);
}
