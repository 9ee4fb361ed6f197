/**
 * The canonical purchase order of a proposal (pure): a draft PO to the chosen supplier, priced from its sourcing
 * entry, delivered to the warehouse no earlier than the supplier's lead time allows.
 */
import { addDecimal, multiplyDecimal, toPlaces } from '../../canonical-model/decimal';
import type { PurchaseOrder, PurchaseOrderLine } from '../../canonical-model/generated/index';
import type { SupplierSource } from '../../platform/purchasing/policy';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The canonical id of the PO with this (hub-unique) number. */
export function purchaseOrderIdOf(poNumber: string): string {
  const safe = poNumber.replace(/[^A-Za-z0-9_.:-]/g, (c) => `-${c.charCodeAt(0).toString(16)}`);
  return `po_${safe}`.slice(0, 128);
}

/** `date` (YYYY-MM-DD) plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The later of two business dates (either may be absent). */
export function laterDate(a: string | undefined, b: string): string {
  return a !== undefined && a > b ? a : b;
}

/** One line to buy. */
export interface ProposedLine {
  sku: string;
  quantity: string;
  /** Business date the stock is needed by (the supplier's lead time may push it later). */
  needBy?: string;
}

/** What a PO is built from. */
export interface ProposalArgs {
  poNumber: string;
  legalEntityId: string;
  locationId: string;
  supplier: SupplierSource;
  /** Today (workflow time), YYYY-MM-DD. */
  orderDate: string;
  lines: ProposedLine[];
}

/** The extended amount of a line, to the cent. */
export function lineAmount(quantity: string, unitPrice: string): string {
  return toPlaces(multiplyDecimal(quantity, unitPrice), 2);
}

/** The draft PO (status draft, schemaVersion 1, one line per proposed line, numbered from 1). */
export function buildPurchaseOrder(args: ProposalArgs): PurchaseOrder {
  const { supplier } = args;
  const earliest = addDays(args.orderDate, supplier.leadTimeDays);
  const lines = args.lines.map((l, i) => ({
    lineNumber: i + 1,
    item: { identifiers: [{ qualifier: 'SKU' as const, value: l.sku }] },
    quantity: { value: l.quantity, uom: supplier.uom as PurchaseOrderLine['quantity']['uom'] },
    unitPrice: { amount: supplier.unitPrice, currency: supplier.currency },
    amount: { amount: lineAmount(l.quantity, supplier.unitPrice), currency: supplier.currency },
    status: 'open' as const,
    requestedDeliveryDate: laterDate(l.needBy, earliest),
  }));
  const requestedDeliveryDate = lines
    .map((l) => l.requestedDeliveryDate)
    .reduce((a, b) => (compareDates(a, b) >= 0 ? a : b), earliest);
  const subtotal = lines.reduce((t, l) => addDecimal(t, l.amount.amount), '0');
  const money = { amount: toPlaces(subtotal, 2), currency: supplier.currency };
  const id = purchaseOrderIdOf(args.poNumber);
  return {
    schemaVersion: '1',
    documentType: 'purchase-order',
    id,
    legalEntityId: args.legalEntityId,
    source: { connectorId: 'hub', system: 'hub', externalId: id },
    poNumber: args.poNumber,
    supplierId: supplier.supplierId,
    type: 'standard',
    status: 'draft',
    orderDate: args.orderDate,
    requestedDeliveryDate,
    currency: supplier.currency,
    // X12 N1 needs a name, code or GLN: the supplier knows our warehouse by its id.
    shipTo: { locationId: args.locationId, code: args.locationId },
    shipToLocationId: args.locationId,
    lines,
    totals: { subtotal: money, total: money },
  };
}

/** Business dates compare as strings; this keeps the intent readable. */
function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
