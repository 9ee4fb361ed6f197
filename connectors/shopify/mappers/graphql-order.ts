/** Reads an Admin GraphQL Order node (selected with ORDER_FIELDS) into OrderFacts. */
import type { MappingProblems } from '../../sdk/mapping';
import { legacyId } from '../ids';
import { optionalText, wholeNumber } from './order-facts';
import type { AddressFacts, LineFacts, OrderFacts } from './order-facts';

/** The Order selection every read uses; lines beyond 250 per order are not read. */
export const ORDER_FIELDS = /* GraphQL */ `
  id
  legacyResourceId
  name
  email
  note
  createdAt
  updatedAt
  cancelledAt
  currencyCode
  displayFinancialStatus
  displayFulfillmentStatus
  subtotalPriceSet { shopMoney { amount currencyCode } }
  totalTaxSet { shopMoney { amount currencyCode } }
  totalPriceSet { shopMoney { amount currencyCode } }
  totalDiscountsSet { shopMoney { amount currencyCode } }
  customer { id email }
  shippingAddress { name company address1 address2 city provinceCode zip countryCodeV2 phone }
  billingAddress { name company address1 address2 city provinceCode zip countryCodeV2 phone }
  shippingLines(first: 20) { nodes { title originalPriceSet { shopMoney { amount currencyCode } } } }
  lineItems(first: 250) {
    nodes {
      id sku name quantity currentQuantity unfulfilledQuantity
      originalUnitPriceSet { shopMoney { amount currencyCode } }
    }
  }
`;

type Json = Record<string, unknown>;
const obj = (value: unknown): Json => (typeof value === 'object' && value !== null ? (value as Json) : {});
const nodes = (value: unknown): unknown[] => {
  const list = obj(value).nodes;
  return Array.isArray(list) ? list : [];
};
const amountOf = (set: unknown): unknown => obj(obj(set).shopMoney).amount;

function address(value: unknown): AddressFacts | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const a = obj(value);
  const facts: AddressFacts = {
    lines: [optionalText(a.address1), optionalText(a.address2)].filter((l): l is string => !!l),
  };
  const pairs: [Exclude<keyof AddressFacts, 'lines'>, unknown][] = [
    ['name', a.name],
    ['company', a.company],
    ['city', a.city],
    ['region', a.provinceCode],
    ['postalCode', a.zip],
    ['countryCode', a.countryCodeV2],
    ['phone', a.phone],
  ];
  for (const [key, v] of pairs) {
    const text = optionalText(v);
    if (text) facts[key] = text;
  }
  return facts;
}

function line(value: unknown, path: string, m: MappingProblems): LineFacts {
  const l = obj(value);
  const quantity = wholeNumber(l.quantity);
  if (quantity === undefined)
    m.add(`${path}/quantity`, `${JSON.stringify(l.quantity) ?? 'nothing'} is not a whole quantity`);
  const facts: LineFacts = {
    id: legacyId(m.text(l.id, `${path}/id`)),
    sku: m.text(l.sku, `${path}/sku`),
    quantity: quantity ?? '0',
    currentQuantity: wholeNumber(l.currentQuantity) ?? quantity ?? '0',
    unfulfilledQuantity: wholeNumber(l.unfulfilledQuantity) ?? quantity ?? '0',
    price: m.decimal(amountOf(l.originalUnitPriceSet), `${path}/originalUnitPriceSet/shopMoney/amount`, {
      nonNegative: true,
    }),
    taxes: [],
  };
  const title = optionalText(l.name);
  if (title) facts.title = title;
  return facts;
}

const FULFILLMENT: Record<string, string> = { FULFILLED: 'fulfilled', PARTIALLY_FULFILLED: 'partial' };

/** The facts of a GraphQL Order node; every unmappable field is recorded on `m` under its GraphQL path. */
export function readGraphqlOrder(node: unknown, m: MappingProblems): OrderFacts {
  const o = obj(node);
  const gid = m.text(o.id, '/id');
  const lines = nodes(o.lineItems);
  if (!lines.length) m.add('/lineItems/nodes', 'has no lines');
  const facts: OrderFacts = {
    externalId: optionalText(o.legacyResourceId) ?? legacyId(gid),
    gid,
    name: m.text(o.name, '/name'),
    createdAt: m.text(o.createdAt, '/createdAt'),
    updatedAt: m.text(o.updatedAt, '/updatedAt'),
    currency: m.text(o.currencyCode, '/currencyCode'),
    subtotal: m.decimal(amountOf(o.subtotalPriceSet) ?? '0', '/subtotalPriceSet/shopMoney/amount'),
    totalTax: m.decimal(amountOf(o.totalTaxSet) ?? '0', '/totalTaxSet/shopMoney/amount'),
    total: m.decimal(amountOf(o.totalPriceSet), '/totalPriceSet/shopMoney/amount'),
    shippingLines: nodes(o.shippingLines).map((s, i) => {
      const title = optionalText(obj(s).title);
      return {
        ...(title ? { title } : {}),
        price: m.decimal(
          amountOf(obj(s).originalPriceSet),
          `/shippingLines/nodes/${i}/originalPriceSet/shopMoney/amount`,
        ),
      };
    }),
    lines: lines.map((l, i) => line(l, `/lineItems/nodes/${i}`, m)),
  };
  const cancelledAt = optionalText(o.cancelledAt);
  const email = optionalText(o.email);
  const customer = optionalText(obj(o.customer).id);
  const note = optionalText(o.note);
  const financial = optionalText(o.displayFinancialStatus)?.toLowerCase();
  const fulfillment = FULFILLMENT[optionalText(o.displayFulfillmentStatus) ?? ''];
  const discounts = amountOf(o.totalDiscountsSet);
  if (cancelledAt) facts.cancelledAt = cancelledAt;
  if (email) facts.email = email;
  if (customer) facts.customerExternalId = legacyId(customer);
  if (note) facts.note = note;
  if (financial) facts.financialStatus = financial;
  if (fulfillment) facts.fulfillmentStatus = fulfillment;
  if (discounts !== undefined)
    facts.totalDiscounts = m.decimal(discounts, '/totalDiscountsSet/shopMoney/amount');
  const shipping = address(o.shippingAddress);
  const billing = address(o.billingAddress);
  if (shipping) facts.shippingAddress = shipping;
  if (billing) facts.billingAddress = billing;
  return facts;
}
