/**
 * What the Shopify simulator holds, shaped like Shopify's REST resources (the shape its webhooks carry): orders
 * with int64 ids kept as bigint so they leave the simulator as exact JSON numbers, variants with their inventory
 * items, locations, inventory levels per item and location, fulfillment orders and fulfillments.
 */

/** A money amount in the shop currency, as REST `*_set` fields carry it. */
export interface RestMoneySet {
  shop_money: { amount: string; currency_code: string };
  presentment_money: { amount: string; currency_code: string };
}

/** A postal address on an order. */
export interface RestAddress {
  first_name?: string;
  last_name?: string;
  name?: string;
  company?: string | null;
  address1?: string;
  address2?: string | null;
  city?: string;
  province_code?: string | null;
  zip?: string;
  country_code?: string;
  phone?: string | null;
}

/** One line of an order. `sku` may be null and `price` anything, so tests can send unmappable orders. */
export interface RestLineItem {
  id: bigint;
  variant_id: number | null;
  product_id: number | null;
  sku: string | null;
  title: string;
  quantity: number;
  current_quantity: number;
  fulfillable_quantity: number;
  price: string;
  price_set: RestMoneySet;
  requires_shipping: boolean;
  fulfillment_service: string;
  tax_lines: { title: string; price: string; rate: number }[];
}

/** An order as the REST API and the order webhooks show it. */
export interface RestOrder {
  id: bigint;
  admin_graphql_api_id: string;
  name: string;
  order_number: number;
  email: string;
  created_at: string;
  updated_at: string;
  cancelled_at: string | null;
  cancel_reason: string | null;
  currency: string;
  subtotal_price: string;
  total_tax: string;
  total_price: string;
  total_discounts: string;
  financial_status: string;
  fulfillment_status: string | null;
  note: string | null;
  line_items: RestLineItem[];
  shipping_address: RestAddress | null;
  billing_address: RestAddress | null;
  shipping_lines: { id: number; title: string; price: string; code: string }[];
  customer: { id: number; email: string; first_name: string; last_name: string } | null;
}

/** A product variant and the inventory item behind it (1:1 in Shopify). */
export interface SimVariant {
  id: number;
  product_id: number;
  sku: string;
  title: string;
  price: string;
  inventory_item_id: number;
}

/** A location stock is held at. */
export interface SimLocation {
  id: number;
  name: string;
}

/** The available quantity of one inventory item at one location. */
export interface SimInventoryLevel {
  inventory_item_id: number;
  location_id: number;
  sku: string;
  available: number;
  updated_at: string;
  /** The referenceDocumentUri of the last change. */
  last_reference: string | null;
}

/** The part of an order one location is to fulfil. */
export interface SimFulfillmentOrder {
  id: number;
  order_id: string;
  assigned_location_id: number;
  status: 'open' | 'in_progress' | 'closed' | 'cancelled';
  line_items: { id: number; line_item_id: string; sku: string | null; quantity: number; remaining: number }[];
}

/** A fulfilment made through fulfillmentCreate. */
export interface SimFulfillment {
  id: number;
  order_id: string;
  name: string;
  status: 'success';
  created_at: string;
  tracking_company: string | null;
  tracking_numbers: string[];
  tracking_urls: string[];
  notify_customer: boolean;
  line_items: { fulfillment_order_line_item_id: number; line_item_id: string; quantity: number }[];
}

/** Collection names, as `/_sim/records/{name}` serves them. */
export const COLLECTIONS = {
  orders: 'orders',
  variants: 'variants',
  locations: 'locations',
  inventoryLevels: 'inventoryLevels',
  fulfillmentOrders: 'fulfillmentOrders',
  fulfillments: 'fulfillments',
} as const;

/** "gid://shopify/Order/820982911946154508" for a resource type and id. */
export function gid(type: string, id: bigint | number | string): string {
  return `gid://shopify/${type}/${String(id)}`;
}

/** The numeric id at the end of a gid (or the id itself when it is not a gid); undefined when malformed. */
export function idOfGid(value: unknown, type: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = new RegExp(`^(?:gid://shopify/${type}/)?(\\d+)$`).exec(value);
  return match?.[1];
}

/** An instant written the way Shopify writes it: second precision with the shop's offset ("…-05:00"). */
export function shopTime(at: Date, offsetMinutes: number): string {
  const local = new Date(at.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}
