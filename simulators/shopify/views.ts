/**
 * REST-shaped records seen through the GraphQL schema: gids instead of numbers, `*Set` money bags, upper-case
 * enums, and connections with opaque cursors. Connection fields are functions, which graphql-js calls with the
 * field's arguments.
 */
import type { Simulator } from '../kit/simulator';
import { COLLECTIONS, gid } from './records';
import type {
  RestAddress,
  RestLineItem,
  RestOrder,
  SimFulfillment,
  SimFulfillmentOrder,
  SimLocation,
  SimVariant,
} from './records';
import type { ShopifySimSettings } from './settings';

type ShopifySim = Simulator<ShopifySimSettings>;

/** Connection arguments every paginated field takes. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** A page of `items` after the cursor `after`; `keyOf` gives each item's stable cursor key. */
export function connection<T, V>(
  items: T[],
  args: PageArgs,
  keyOf: (item: T) => string,
  view: (item: T) => V,
) {
  const first = Math.min(Math.max(args.first ?? 50, 1), 250);
  const afterKey = args.after ? Buffer.from(args.after, 'base64url').toString('utf8') : undefined;
  const start = afterKey === undefined ? 0 : items.findIndex((i) => keyOf(i) === afterKey) + 1;
  const page = items.slice(start, start + first);
  const cursor = (item: T | undefined) =>
    item === undefined ? null : Buffer.from(keyOf(item)).toString('base64url');
  return {
    nodes: page.map(view),
    pageInfo: {
      hasNextPage: start + first < items.length,
      hasPreviousPage: start > 0,
      startCursor: cursor(page[0]),
      endCursor: cursor(page.at(-1)),
    },
  };
}

function bag(amount: string, currency: string) {
  const money = { amount, currencyCode: currency };
  return { shopMoney: money, presentmentMoney: money };
}

function addressView(a: RestAddress | null) {
  if (!a) return null;
  return {
    name: a.name ?? null,
    firstName: a.first_name ?? null,
    lastName: a.last_name ?? null,
    company: a.company ?? null,
    address1: a.address1 ?? null,
    address2: a.address2 ?? null,
    city: a.city ?? null,
    provinceCode: a.province_code ?? null,
    zip: a.zip ?? null,
    countryCodeV2: a.country_code ?? null,
    phone: a.phone ?? null,
  };
}

/** A product variant with its inventory item. */
export function variantView(v: SimVariant) {
  return {
    id: gid('ProductVariant', v.id),
    legacyResourceId: String(v.id),
    sku: v.sku,
    title: v.title,
    inventoryItem: { id: gid('InventoryItem', v.inventory_item_id), sku: v.sku },
  };
}

/** A location. */
export function locationView(l: SimLocation) {
  return { id: gid('Location', l.id), legacyResourceId: String(l.id), name: l.name };
}

function lineItemView(sim: ShopifySim, order: RestOrder, line: RestLineItem) {
  const variant =
    line.variant_id === null
      ? undefined
      : sim.store.collection<SimVariant>(COLLECTIONS.variants).get(String(line.variant_id));
  return {
    id: gid('LineItem', line.id),
    sku: line.sku,
    name: line.title,
    quantity: line.quantity,
    currentQuantity: line.current_quantity,
    unfulfilledQuantity: line.fulfillable_quantity,
    requiresShipping: line.requires_shipping,
    originalUnitPriceSet: bag(line.price, order.currency),
    variant: variant ? variantView(variant) : null,
  };
}

/** A fulfilment with its tracking. */
export function fulfillmentView(f: SimFulfillment) {
  return {
    id: gid('Fulfillment', f.id),
    legacyResourceId: String(f.id),
    name: f.name,
    status: f.status.toUpperCase(),
    createdAt: f.created_at,
    trackingInfo: () =>
      f.tracking_numbers.map((number, i) => ({
        company: f.tracking_company,
        number,
        url: f.tracking_urls[i] ?? null,
      })),
  };
}

function fulfillmentOrderView(sim: ShopifySim, order: RestOrder, fo: SimFulfillmentOrder) {
  const location = sim.store
    .collection<SimLocation>(COLLECTIONS.locations)
    .get(String(fo.assigned_location_id));
  return {
    id: gid('FulfillmentOrder', fo.id),
    status: fo.status.toUpperCase(),
    assignedLocation: { location: location ? locationView(location) : null },
    lineItems: (args: PageArgs) =>
      connection(
        fo.line_items,
        args,
        (l) => String(l.id),
        (l) => {
          const line = order.line_items.find((li) => String(li.id) === l.line_item_id);
          return {
            id: gid('FulfillmentOrderLineItem', l.id),
            totalQuantity: l.quantity,
            remainingQuantity: l.remaining,
            lineItem: line ? lineItemView(sim, order, line) : null,
          };
        },
      ),
  };
}

const FULFILLMENT_STATUS: Record<string, string> = { fulfilled: 'FULFILLED', partial: 'PARTIALLY_FULFILLED' };

/** An order as the GraphQL Admin API shows it. */
export function orderView(sim: ShopifySim, order: RestOrder) {
  const id = String(order.id);
  return {
    id: order.admin_graphql_api_id,
    legacyResourceId: id,
    name: order.name,
    email: order.email,
    note: order.note,
    createdAt: order.created_at,
    updatedAt: order.updated_at,
    cancelledAt: order.cancelled_at,
    cancelReason: order.cancel_reason?.toUpperCase() ?? null,
    currencyCode: order.currency,
    displayFinancialStatus: order.financial_status.toUpperCase(),
    displayFulfillmentStatus: FULFILLMENT_STATUS[order.fulfillment_status ?? ''] ?? 'UNFULFILLED',
    subtotalPriceSet: bag(order.subtotal_price, order.currency),
    totalTaxSet: bag(order.total_tax, order.currency),
    totalPriceSet: bag(order.total_price, order.currency),
    totalDiscountsSet: bag(order.total_discounts, order.currency),
    customer: order.customer
      ? {
          id: gid('Customer', order.customer.id),
          email: order.customer.email,
          firstName: order.customer.first_name,
          lastName: order.customer.last_name,
        }
      : null,
    shippingAddress: addressView(order.shipping_address),
    billingAddress: addressView(order.billing_address),
    shippingLines: (args: PageArgs) =>
      connection(
        order.shipping_lines,
        args,
        (s) => String(s.id),
        (s) => ({ title: s.title, code: s.code, originalPriceSet: bag(s.price, order.currency) }),
      ),
    lineItems: (args: PageArgs) =>
      connection(
        order.line_items,
        args,
        (l) => String(l.id),
        (l) => lineItemView(sim, order, l),
      ),
    fulfillments: () =>
      sim.store
        .collection<SimFulfillment>(COLLECTIONS.fulfillments)
        .filter((f) => f.order_id === id)
        .map(fulfillmentView),
    fulfillmentOrders: (args: PageArgs) =>
      connection(
        sim.store
          .collection<SimFulfillmentOrder>(COLLECTIONS.fulfillmentOrders)
          .filter((f) => f.order_id === id),
        args,
        (f) => String(f.id),
        (f) => fulfillmentOrderView(sim, order, f),
      ),
  };
}
