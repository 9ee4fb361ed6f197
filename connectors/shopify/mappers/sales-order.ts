/**
 * OrderFacts → canonical SalesOrder: channel web-store, orderNumber from the order name ("#1001"), the exact
 * numeric id as source.externalId and updated_at as source.version, money as exact decimal strings in the order
 * currency, one line per line item identified by SKU, shipping lines as freight charges.
 */
import type { Address, Party, SalesOrder, SalesOrderLine } from '../../../canonical-model/generated/index';
import { MappingProblems, provisionalId } from '../../sdk/mapping';
import type { AddressFacts, LineFacts, OrderFacts } from './order-facts';

/** Who the document is for: the connector instance and the legal entity that sells through the shop. */
export interface SalesOrderContext {
  connectorId: string;
  legalEntityId: string;
}

/** Where a reader found the fields this mapper checks (REST and GraphQL spell them differently). */
export interface FactPaths {
  currency: string;
  createdAt: string;
  updatedAt: string;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const PAYMENT_STATUS: Record<string, SalesOrder['paymentStatus']> = {
  paid: 'paid',
  pending: 'unpaid',
  expired: 'unpaid',
  authorized: 'authorized',
  partially_paid: 'partially-paid',
  refunded: 'refunded',
  partially_refunded: 'refunded',
};

function canonicalAddress(a: AddressFacts | undefined): Address | undefined {
  if (!a || !a.lines.length || !a.city || !a.countryCode || !/^[A-Z]{2}$/.test(a.countryCode))
    return undefined;
  const out: Address = {
    lines: a.lines.map((l) => l.slice(0, 128)),
    city: a.city.slice(0, 128),
    countryCode: a.countryCode,
  };
  if (a.name) out.name = a.name.slice(0, 256);
  if (a.company) out.company = a.company.slice(0, 256);
  if (a.region) out.region = a.region.slice(0, 64);
  if (a.postalCode) out.postalCode = a.postalCode.slice(0, 16);
  if (a.phone) out.phone = a.phone.slice(0, 40);
  return out;
}

function party(a: AddressFacts | undefined): Party | undefined {
  const address = canonicalAddress(a);
  if (!address) return undefined;
  return { ...(address.name ? { name: address.name } : {}), address };
}

function lineStatus(l: LineFacts, cancelled: boolean): SalesOrderLine['status'] {
  const current = Number(l.currentQuantity);
  const unfulfilled = Number(l.unfulfilledQuantity);
  if (cancelled || current === 0) return 'cancelled';
  if (unfulfilled === 0) return 'shipped';
  return unfulfilled < current ? 'partially-shipped' : 'open';
}

function salesLine(l: LineFacts, index: number, currency: string, cancelled: boolean): SalesOrderLine {
  const money = (amount: string) => ({ amount, currency });
  const quantity = (value: number) => ({ value: String(value), uom: 'EA' as const });
  const shipped = Number(l.currentQuantity) - Number(l.unfulfilledQuantity);
  const cancelledQty = Number(l.quantity) - Number(l.currentQuantity);
  const out: SalesOrderLine = {
    lineNumber: index + 1,
    externalLineId: l.id.slice(0, 64),
    item: {
      identifiers: [{ qualifier: 'SKU', value: l.sku.slice(0, 64) }],
      ...(l.title ? { description: l.title.slice(0, 256) } : {}),
    },
    quantity: quantity(Number(l.quantity)),
    unitPrice: money(l.price),
    status: lineStatus(l, cancelled),
  };
  if (shipped > 0) out.quantityShipped = quantity(shipped);
  if (cancelledQty > 0) out.quantityCancelled = quantity(cancelledQty);
  if (l.taxes.length) {
    out.taxes = l.taxes.map((t) => ({
      type: 'sales',
      ...(t.title ? { jurisdiction: t.title.slice(0, 256) } : {}),
      amount: money(t.amount),
    }));
  }
  return out;
}

/** The canonical SalesOrder of an order; throws a `data` HubError naming the vendor fields that do not map. */
export function toSalesOrder(
  facts: OrderFacts,
  context: SalesOrderContext,
  m: MappingProblems,
  paths: FactPaths,
): SalesOrder {
  if (facts.currency && !/^[A-Z]{3}$/.test(facts.currency))
    m.add(paths.currency, `${JSON.stringify(facts.currency)} is not an ISO 4217 currency code`);
  if (facts.createdAt && !INSTANT.test(facts.createdAt))
    m.add(paths.createdAt, `${JSON.stringify(facts.createdAt)} is not an instant with an offset`);
  if (facts.updatedAt && !INSTANT.test(facts.updatedAt))
    m.add(paths.updatedAt, `${JSON.stringify(facts.updatedAt)} is not an instant with an offset`);
  const orderDate = m.date(facts.createdAt, paths.createdAt);
  m.throwIfAny(`order ${facts.name || facts.externalId}`);

  const { currency } = facts;
  const money = (amount: string) => ({ amount, currency });
  const cancelled = facts.cancelledAt !== undefined;
  const status: SalesOrder['status'] = cancelled
    ? 'cancelled'
    : facts.fulfillmentStatus === 'fulfilled'
      ? 'fulfilled'
      : facts.fulfillmentStatus === 'partial'
        ? 'partially-fulfilled'
        : 'open';
  const customerKey = facts.customerExternalId ?? `guest-${facts.email ?? facts.externalId}`;
  const order: SalesOrder = {
    schemaVersion: '1',
    documentType: 'sales-order',
    id: provisionalId(context.connectorId, 'sales-order', facts.externalId),
    legalEntityId: context.legalEntityId,
    source: {
      connectorId: context.connectorId,
      system: 'shopify',
      externalId: facts.externalId,
      version: facts.updatedAt,
    },
    updatedAt: facts.updatedAt,
    orderNumber: facts.name.slice(0, 64),
    customerId: provisionalId(context.connectorId, 'customer', customerKey),
    channel: 'web-store',
    status,
    orderDate,
    placedAt: facts.createdAt,
    currency,
    shipTo: party(facts.shippingAddress) ?? party(facts.billingAddress) ?? { code: 'NO-SHIPPING-ADDRESS' },
    lines: facts.lines.map((l, i) => salesLine(l, i, currency, cancelled)),
    charges: facts.shippingLines.map((s) => ({
      kind: 'charge' as const,
      type: 'freight' as const,
      ...(s.title ? { description: s.title.slice(0, 256) } : {}),
      amount: money(s.price),
    })),
    totals: {
      subtotal: money(facts.subtotal),
      taxTotal: money(facts.totalTax),
      total: money(facts.total),
      ...(facts.totalDiscounts && Number(facts.totalDiscounts) !== 0
        ? { allowanceTotal: money(facts.totalDiscounts) }
        : {}),
    },
    attributes: {
      shopify_gid: facts.gid.slice(0, 1024),
      ...(facts.financialStatus ? { financial_status: facts.financialStatus } : {}),
      ...(facts.fulfillmentStatus ? { fulfillment_status: facts.fulfillmentStatus } : {}),
    },
  };
  const billTo = party(facts.billingAddress);
  if (billTo) order.billTo = billTo;
  const payment = PAYMENT_STATUS[facts.financialStatus ?? ''];
  if (payment) order.paymentStatus = payment;
  if (facts.note) order.notes = [{ type: 'customer', text: facts.note.slice(0, 4000) }];
  if (!order.charges?.length) delete order.charges;
  return order;
}

/** Problems collector for one Shopify order. */
export function orderProblems(): MappingProblems {
  return new MappingProblems('Shopify');
}
