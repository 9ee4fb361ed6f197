/** Reads a REST-shaped Shopify order (the payload of the orders/* webhooks) into OrderFacts. */
import type { MappingProblems } from '../../sdk/mapping';
import { optionalText, wholeNumber } from './order-facts';
import type { AddressFacts, LineFacts, OrderFacts } from './order-facts';

type Json = Record<string, unknown>;

const asObject = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;

function address(value: unknown): AddressFacts | undefined {
  const a = asObject(value);
  if (!a) return undefined;
  const name =
    optionalText(a.name) ??
    ([optionalText(a.first_name), optionalText(a.last_name)].filter(Boolean).join(' ') || undefined);
  const facts: AddressFacts = {
    lines: [optionalText(a.address1), optionalText(a.address2)].filter((l): l is string => !!l),
  };
  const set = (key: Exclude<keyof AddressFacts, 'lines'>, v: unknown) => {
    const text = optionalText(v);
    if (text) facts[key] = text;
  };
  set('name', name);
  set('company', a.company);
  set('city', a.city);
  set('region', a.province_code);
  set('postalCode', a.zip);
  set('countryCode', a.country_code);
  set('phone', a.phone);
  return facts;
}

function line(value: unknown, path: string, m: MappingProblems): LineFacts {
  const l = asObject(value) ?? {};
  const quantity = wholeNumber(l.quantity);
  if (quantity === undefined)
    m.add(`${path}/quantity`, `${JSON.stringify(l.quantity) ?? 'nothing'} is not a whole quantity`);
  const taxes = Array.isArray(l.tax_lines) ? l.tax_lines : [];
  const facts: LineFacts = {
    id: m.text(l.id, `${path}/id`),
    sku: m.text(l.sku, `${path}/sku`),
    quantity: quantity ?? '0',
    currentQuantity: wholeNumber(l.current_quantity) ?? quantity ?? '0',
    unfulfilledQuantity: wholeNumber(l.fulfillable_quantity) ?? quantity ?? '0',
    price: m.decimal(l.price, `${path}/price`, { nonNegative: true }),
    taxes: taxes.map((t, i) => {
      const tax = asObject(t) ?? {};
      const title = optionalText(tax.title);
      return { ...(title ? { title } : {}), amount: m.decimal(tax.price, `${path}/tax_lines/${i}/price`) };
    }),
  };
  const title = optionalText(l.title) ?? optionalText(l.name);
  if (title) facts.title = title;
  return facts;
}

/** The facts of a REST order payload; every unmappable field is recorded on `m` under its REST path. */
export function readRestOrder(payload: unknown, m: MappingProblems): OrderFacts {
  const o = asObject(payload) ?? {};
  const externalId = m.text(o.id, '/id');
  const lines = Array.isArray(o.line_items) ? o.line_items : [];
  if (!lines.length) m.add('/line_items', 'has no lines');
  const shippingLines = Array.isArray(o.shipping_lines) ? o.shipping_lines : [];
  const facts: OrderFacts = {
    externalId,
    gid: optionalText(o.admin_graphql_api_id) ?? `gid://shopify/Order/${externalId}`,
    name: m.text(o.name, '/name'),
    createdAt: m.text(o.created_at, '/created_at'),
    updatedAt: m.text(o.updated_at, '/updated_at'),
    currency: m.text(o.currency, '/currency'),
    subtotal: m.decimal(o.subtotal_price, '/subtotal_price'),
    totalTax: m.decimal(o.total_tax ?? '0', '/total_tax'),
    total: m.decimal(o.total_price, '/total_price'),
    shippingLines: shippingLines.map((s, i) => {
      const title = optionalText(asObject(s)?.title);
      return {
        ...(title ? { title } : {}),
        price: m.decimal(asObject(s)?.price, `/shipping_lines/${i}/price`),
      };
    }),
    lines: lines.map((l, i) => line(l, `/line_items/${i}`, m)),
  };
  const optional: [keyof OrderFacts, unknown][] = [
    ['cancelledAt', o.cancelled_at],
    ['email', o.email],
    ['customerExternalId', asObject(o.customer)?.id],
    ['note', o.note],
    ['financialStatus', o.financial_status],
    ['fulfillmentStatus', o.fulfillment_status],
  ];
  for (const [key, value] of optional) {
    const text = optionalText(value);
    if (text) (facts as unknown as Record<string, unknown>)[key] = text;
  }
  if (o.total_discounts !== undefined && o.total_discounts !== null) {
    facts.totalDiscounts = m.decimal(o.total_discounts, '/total_discounts');
  }
  const shipping = address(o.shipping_address);
  const billing = address(o.billing_address);
  if (shipping) facts.shippingAddress = shipping;
  if (billing) facts.billingAddress = billing;
  return facts;
}
