/**
 * What the hub reads from a Shopify order, whichever shape it came in (a REST-shaped webhook or a GraphQL node):
 * exact decimal strings, ids as strings, lower-case REST status words. Readers record every unmappable vendor
 * field on a MappingProblems under its own JSON pointer; `toSalesOrder` builds the canonical document.
 */

/** A postal address as Shopify has it. */
export interface AddressFacts {
  name?: string;
  company?: string;
  lines: string[];
  city?: string;
  region?: string;
  postalCode?: string;
  countryCode?: string;
  phone?: string;
}

/** One order line. Quantities are whole numbers as text. */
export interface LineFacts {
  id: string;
  sku: string;
  title?: string;
  quantity: string;
  currentQuantity: string;
  unfulfilledQuantity: string;
  price: string;
  taxes: { title?: string; amount: string }[];
}

/** One Shopify order in the terms the canonical mapping needs. */
export interface OrderFacts {
  /** The numeric order id as exact text (often above 2^53). */
  externalId: string;
  gid: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  cancelledAt?: string;
  currency: string;
  email?: string;
  customerExternalId?: string;
  note?: string;
  /** REST words: paid, pending, authorized, partially_paid, refunded, partially_refunded, voided. */
  financialStatus?: string;
  /** REST words: fulfilled, partial, or undefined when nothing shipped. */
  fulfillmentStatus?: string;
  subtotal: string;
  totalTax: string;
  total: string;
  totalDiscounts?: string;
  shippingAddress?: AddressFacts;
  billingAddress?: AddressFacts;
  shippingLines: { title?: string; price: string }[];
  lines: LineFacts[];
}

/** A non-empty trimmed string, or undefined. */
export function optionalText(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim()) return value.trim();
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return undefined;
}

/** A whole, non-negative quantity as text, or undefined when the value is not one. */
export function wholeNumber(value: unknown): string | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  return /^\d{1,9}$/.test(text) ? String(Number(text)) : undefined;
}
