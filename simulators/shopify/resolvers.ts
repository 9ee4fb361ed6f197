/**
 * The root resolvers of the simulated Admin GraphQL API: shop, order(s) with the `updated_at` search syntax,
 * product variants by SKU, locations, and the two mutations a distributor's app uses — inventorySetQuantities and
 * fulfillmentCreate — answering problems as `userErrors` the way Shopify does. Scopes are enforced per field.
 */
import { GraphQLError } from 'graphql';
import type { Simulator } from '../kit/simulator';
import { markFulfilled } from './orders';
import { COLLECTIONS, gid, idOfGid, shopTime } from './records';
import type {
  RestOrder,
  SimFulfillment,
  SimFulfillmentOrder,
  SimInventoryLevel,
  SimLocation,
  SimVariant,
} from './records';
import type { ShopifySimSettings } from './settings';
import { connection, fulfillmentView, locationView, orderView, variantView } from './views';
import type { PageArgs } from './views';

type ShopifySim = Simulator<ShopifySimSettings>;
type UserError = { field: string[]; message: string; code?: string };

/** Reasons inventorySetQuantities accepts. */
const INVENTORY_REASONS = new Set([
  'correction',
  'cycle_count_available',
  'damaged',
  'movement_created',
  'received',
  'restock',
  'other',
]);

function requireScope(sim: ShopifySim, scope: string): void {
  if (!sim.settings.scopes.includes(scope)) {
    throw new GraphQLError(`Access denied. Required access: \`${scope}\` access scope.`, {
      extensions: { code: 'ACCESS_DENIED', requiredAccess: `\`${scope}\` access scope.` },
    });
  }
}

/** The instants an order search like "updated_at:>='2025-03-01T00:00:00Z'" keeps. */
function searchFilter(query: string | null | undefined): (order: RestOrder) => boolean {
  const terms = [...(query ?? '').matchAll(/(updated_at|created_at):(>=|<=|>|<)?['"]?([^'"\s]+)['"]?/g)];
  return (order) =>
    terms.every(([, field, op = '=', value = '']) => {
      const at = Date.parse(field === 'created_at' ? order.created_at : order.updated_at);
      const bound = Date.parse(value);
      if (Number.isNaN(bound)) return false;
      return op === '>='
        ? at >= bound
        : op === '>'
          ? at > bound
          : op === '<='
            ? at <= bound
            : op === '<'
              ? at < bound
              : at === bound;
    });
}

function setQuantities(
  sim: ShopifySim,
  input: {
    name: string;
    reason: string;
    referenceDocumentUri?: string | null;
    ignoreCompareQuantity?: boolean | null;
    quantities: {
      inventoryItemId: string;
      locationId: string;
      quantity: number;
      compareQuantity?: number | null;
    }[];
  },
) {
  requireScope(sim, 'write_inventory');
  const levels = sim.store.collection<SimInventoryLevel>(COLLECTIONS.inventoryLevels);
  const errors: UserError[] = [];
  if (input.name !== 'available')
    errors.push({
      field: ['input', 'name'],
      message: 'The quantity name must be available.',
      code: 'INVALID_NAME',
    });
  if (!INVENTORY_REASONS.has(input.reason))
    errors.push({
      field: ['input', 'reason'],
      message: 'The specified reason is invalid.',
      code: 'INVALID_REASON',
    });
  const found = input.quantities.map((q, i) => {
    const item = idOfGid(q.inventoryItemId, 'InventoryItem');
    const location = idOfGid(q.locationId, 'Location');
    const at = (name: string) => ['input', 'quantities', String(i), name];
    const level = item && location ? levels.get(`${item}:${location}`) : undefined;
    if (
      !item ||
      !sim.store
        .collection<SimVariant>(COLLECTIONS.variants)
        .find((v) => String(v.inventory_item_id) === item)
    ) {
      errors.push({
        field: at('inventoryItemId'),
        message: 'The specified inventory item could not be found.',
        code: 'INVALID_INVENTORY_ITEM',
      });
    } else if (!location || !sim.store.collection<SimLocation>(COLLECTIONS.locations).get(location)) {
      errors.push({
        field: at('locationId'),
        message: 'The specified location could not be found.',
        code: 'INVALID_LOCATION',
      });
    } else if (!level) {
      errors.push({
        field: at('locationId'),
        message: 'The item is not stocked at the location.',
        code: 'ITEM_NOT_STOCKED_AT_LOCATION',
      });
    } else if (!input.ignoreCompareQuantity && q.compareQuantity !== level.available) {
      errors.push({
        field: at('compareQuantity'),
        message: 'The compareQuantity argument no longer matches the persisted quantity.',
        code: 'COMPARE_QUANTITY_STALE',
      });
    }
    return { q, level };
  });
  if (errors.length) return { inventoryAdjustmentGroup: null, userErrors: errors };
  const now = shopTime(new Date(), sim.settings.utcOffsetMinutes);
  const changes = found.flatMap(({ q, level }) => {
    if (!level || level.available === q.quantity) return [];
    const delta = q.quantity - level.available;
    level.available = q.quantity;
    level.updated_at = now;
    level.last_reference = input.referenceDocumentUri ?? null;
    return [
      {
        name: 'available',
        delta,
        quantityAfterChange: null,
        item: { id: q.inventoryItemId, sku: level.sku },
        location: { id: q.locationId },
      },
    ];
  });
  return {
    inventoryAdjustmentGroup: {
      id: gid('InventoryAdjustmentGroup', sim.store.next('adjustment-group', 1000000001)),
      createdAt: now,
      reason: input.reason,
      referenceDocumentUri: input.referenceDocumentUri ?? null,
      changes,
    },
    userErrors: [],
  };
}

interface FulfillmentInput {
  lineItemsByFulfillmentOrder: {
    fulfillmentOrderId: string;
    fulfillmentOrderLineItems?: { id: string; quantity: number }[] | null;
  }[];
  trackingInfo?: {
    company?: string | null;
    number?: string | null;
    numbers?: string[] | null;
    url?: string | null;
    urls?: string[] | null;
  } | null;
  notifyCustomer?: boolean | null;
}

function createFulfillment(sim: ShopifySim, input: FulfillmentInput) {
  requireScope(sim, 'write_merchant_managed_fulfillment_orders');
  const errors: UserError[] = [];
  const fos = sim.store.collection<SimFulfillmentOrder>(COLLECTIONS.fulfillmentOrders);
  const picks: {
    fo: SimFulfillmentOrder;
    line: SimFulfillmentOrder['line_items'][number];
    quantity: number;
  }[] = [];
  input.lineItemsByFulfillmentOrder.forEach((group, i) => {
    const path = ['fulfillment', 'lineItemsByFulfillmentOrder', String(i)];
    const fo = fos.get(idOfGid(group.fulfillmentOrderId, 'FulfillmentOrder') ?? '');
    if (!fo || fo.status === 'closed' || fo.status === 'cancelled') {
      errors.push({
        field: [...path, 'fulfillmentOrderId'],
        message: 'Fulfillment order does not exist or cannot be fulfilled.',
      });
      return;
    }
    const wanted =
      group.fulfillmentOrderLineItems ??
      fo.line_items.map((l) => ({ id: gid('FulfillmentOrderLineItem', l.id), quantity: l.remaining }));
    wanted.forEach((w, j) => {
      const line = fo.line_items.find((l) => String(l.id) === idOfGid(w.id, 'FulfillmentOrderLineItem'));
      if (!line || w.quantity < 1 || w.quantity > line.remaining) {
        errors.push({
          field: [...path, 'fulfillmentOrderLineItems', String(j), 'quantity'],
          message: 'Invalid fulfillment order line item quantity requested.',
        });
      } else picks.push({ fo, line, quantity: w.quantity });
    });
  });
  const orderIds = new Set(picks.map((p) => p.fo.order_id));
  if (orderIds.size > 1)
    errors.push({
      field: ['fulfillment', 'lineItemsByFulfillmentOrder'],
      message: 'All fulfillment orders must belong to the same order.',
    });
  if (errors.length || !picks.length) {
    return {
      fulfillment: null,
      userErrors: errors.length ? errors : [{ field: ['fulfillment'], message: 'Nothing to fulfill.' }],
    };
  }
  const orderId = picks[0]!.fo.order_id;
  const order = sim.store.collection<RestOrder>(COLLECTIONS.orders).get(orderId);
  const fulfillments = sim.store.collection<SimFulfillment>(COLLECTIONS.fulfillments);
  const count = fulfillments.filter((f) => f.order_id === orderId).length;
  const tracking = input.trackingInfo ?? {};
  const id = sim.store.next('fulfillment', 255858046);
  const fulfillment = fulfillments.put(String(id), {
    id,
    order_id: orderId,
    name: `${order?.name ?? '#0'}.${count + 1}`,
    status: 'success',
    created_at: shopTime(new Date(), sim.settings.utcOffsetMinutes),
    tracking_company: tracking.company ?? null,
    tracking_numbers: tracking.numbers ?? (tracking.number ? [tracking.number] : []),
    tracking_urls: tracking.urls ?? (tracking.url ? [tracking.url] : []),
    notify_customer: input.notifyCustomer ?? false,
    line_items: picks.map((p) => ({
      fulfillment_order_line_item_id: p.line.id,
      line_item_id: p.line.line_item_id,
      quantity: p.quantity,
    })),
  });
  for (const p of picks) p.line.remaining -= p.quantity;
  for (const fo of new Set(picks.map((p) => p.fo))) {
    fo.status = fo.line_items.every((l) => l.remaining === 0) ? 'closed' : 'in_progress';
  }
  markFulfilled(sim, orderId);
  return { fulfillment: fulfillmentView(fulfillment), userErrors: [] };
}

/** The root value passed to graphql(): one resolver per Query and Mutation field. */
export function rootResolvers(sim: ShopifySim) {
  const orders = () => sim.store.collection<RestOrder>(COLLECTIONS.orders);
  return {
    shop: () => ({
      name: sim.settings.shopName,
      myshopifyDomain: sim.settings.shopDomain,
      currencyCode: sim.settings.currency,
    }),
    order: ({ id }: { id: string }) => {
      requireScope(sim, 'read_orders');
      const order = orders().get(idOfGid(id, 'Order') ?? '');
      return order ? orderView(sim, order) : null;
    },
    orders: (
      args: PageArgs & { query?: string | null; sortKey?: string | null; reverse?: boolean | null },
    ) => {
      requireScope(sim, 'read_orders');
      const keyOf = (o: RestOrder) =>
        args.sortKey === 'UPDATED_AT'
          ? `${Date.parse(o.updated_at)}:${o.id}`
          : args.sortKey === 'CREATED_AT'
            ? `${Date.parse(o.created_at)}:${o.id}`
            : String(o.id);
      const ms = (o: RestOrder) => Date.parse(args.sortKey === 'UPDATED_AT' ? o.updated_at : o.created_at);
      const sorted = orders()
        .filter(searchFilter(args.query))
        .sort((a, b) =>
          args.sortKey === 'ID' || !args.sortKey
            ? a.id < b.id
              ? -1
              : a.id > b.id
                ? 1
                : 0
            : ms(a) - ms(b) || (a.id < b.id ? -1 : 1),
        );
      if (args.reverse) sorted.reverse();
      return connection(sorted, args, keyOf, (o) => orderView(sim, o));
    },
    productVariants: (args: PageArgs & { query?: string | null }) => {
      requireScope(sim, 'read_products');
      const skus = [...(args.query ?? '').matchAll(/sku:(?:'([^']*)'|"([^"]*)"|(\S+))/g)].map(
        (m) => m[1] ?? m[2] ?? m[3] ?? '',
      );
      const variants = sim.store
        .collection<SimVariant>(COLLECTIONS.variants)
        .filter((v) => !skus.length || skus.includes(v.sku));
      return connection(variants, args, (v) => String(v.id), variantView);
    },
    locations: (args: PageArgs) => {
      requireScope(sim, 'read_locations');
      return connection(
        sim.store.collection<SimLocation>(COLLECTIONS.locations).all(),
        args,
        (l) => String(l.id),
        locationView,
      );
    },
    inventorySetQuantities: ({ input }: { input: Parameters<typeof setQuantities>[1] }) =>
      setQuantities(sim, input),
    fulfillmentCreate: ({ fulfillment }: { fulfillment: FulfillmentInput }) =>
      createFulfillment(sim, fulfillment),
  };
}
