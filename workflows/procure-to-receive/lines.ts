/**
 * The PO's line book inside the workflow (pure): per line what was ordered, acknowledged, cancelled, shipped,
 * received (good, refused, held for a decision) and billed, and the line's open inbound supply. Quantities are
 * decimal strings in the line's unit.
 *
 * - target: ordered − cancelled (what is still bought).
 * - settled: what counts as received for closing: stocked + refused units the buyer accepted or asked a credit for.
 * - billable: what may be billed: stocked + refused units the buyer accepted.
 * - pending: refused units and over-received units nobody has decided on yet.
 */
import { addDecimal, compareDecimal, multiplyDecimal, subtractDecimal } from '../../canonical-model/decimal';
import type { PurchaseOrder } from '../../canonical-model/generated/index';
import type { PurchaseLineView } from './types';

/** One line of the book. */
export interface PoLine {
  lineNumber: number;
  sku: string;
  uom: string;
  ordered: string;
  acknowledged: string;
  cancelled: string;
  shipped: string;
  /** Every unit that arrived against the line, refused ones included. */
  received: string;
  /** Units refused on receipt (damaged, expired, quarantined, wrong item). */
  rejected: string;
  /** Good units put into stock. */
  stocked: string;
  /** Good units above the order, kept out of stock until a person decides. */
  held: string;
  /** Refused units the buyer accepted (billable, counted as received; not stocked). */
  acceptedRejected: string;
  /** Refused units the buyer asked a credit for (counted as received; not billable). */
  creditedRejected: string;
  /** Refused units sent back to the supplier (still expected: the supplier replaces them). */
  returned: string;
  billed: string;
  unitPrice: string;
  requestedDate: string;
  promisedDate?: string;
  ack: 'open' | 'acknowledged' | 'price-review' | 'rejected';
  /** The line's open PO-line supply (what ATP sees as due in), if any. */
  supply?: { id: string; quantity: string; dueDate: string };
  /** How many supply records the line has had (the first is `<poId>/<line>`, then `<poId>/<line>/a<n>`). */
  supplyCount: number;
  /** A short receipt was raised for the line (once). */
  shortRaised: boolean;
}

/** Sum of decimal strings. */
export const sum = (values: string[]): string => values.reduce((a, b) => addDecimal(a, b), '0');
/** The larger of a and b. */
export const max = (a: string, b: string): string => (compareDecimal(a, b) >= 0 ? a : b);
/** The smaller of a and b. */
export const min = (a: string, b: string): string => (compareDecimal(a, b) <= 0 ? a : b);
/** True when the decimal is greater than zero. */
export const positive = (value: string): boolean => compareDecimal(value, '0') > 0;
/** `value` × `percent` / 100, exact. */
export const percentOf = (value: string, percent: number): string =>
  multiplyDecimal(value, multiplyDecimal(String(percent), '0.01'));

/** The SKU an item reference names (its SKU identifier, else its first identifier). */
export function skuOf(item: { identifiers: { qualifier: string; value: string }[] } | undefined): string {
  return item?.identifiers.find((i) => i.qualifier === 'SKU')?.value ?? item?.identifiers[0]?.value ?? '';
}

/** The book of a draft PO. */
export function openBook(order: PurchaseOrder): PoLine[] {
  return order.lines.map((l) => ({
    lineNumber: l.lineNumber,
    sku: skuOf(l.item),
    uom: l.quantity.uom,
    ordered: l.quantity.value,
    acknowledged: '0',
    cancelled: '0',
    shipped: '0',
    received: '0',
    rejected: '0',
    stocked: '0',
    held: '0',
    acceptedRejected: '0',
    creditedRejected: '0',
    returned: '0',
    billed: '0',
    unitPrice: l.unitPrice.amount,
    requestedDate: l.requestedDeliveryDate ?? order.requestedDeliveryDate ?? order.orderDate,
    ack: 'open',
    supplyCount: 0,
    shortRaised: false,
  }));
}

/** What is still bought on the line. */
export const target = (l: PoLine): string => max('0', subtractDecimal(l.ordered, l.cancelled));
/** What counts as received for closing. */
export const settled = (l: PoLine): string => sum([l.stocked, l.acceptedRejected, l.creditedRejected]);
/** What may be billed. */
export const billable = (l: PoLine): string => addDecimal(l.stocked, l.acceptedRejected);
/** What the line still waits for. */
export const stillExpected = (l: PoLine): string => max('0', subtractDecimal(target(l), settled(l)));
/** Nothing is bought on the line any more. */
export const cancelledLine = (l: PoLine): boolean => !positive(target(l));
/** Not yet shipped nor received: what a cut, a cancellation or a re-source can still take off the line. */
export const unshipped = (l: PoLine): string =>
  max('0', subtractDecimal(target(l), max(l.shipped, l.received)));

/** Refused units nobody has decided on yet. */
export const pendingRefused = (l: PoLine): string =>
  max('0', subtractDecimal(l.rejected, sum([l.acceptedRejected, l.creditedRejected, l.returned])));

/**
 * Received in full: settled reaches the target less the quantity tolerance, or nothing is bought any more. After
 * a short-close a line is complete once nothing on it waits for a decision.
 */
export function complete(l: PoLine, tolerancePercent: number, shortClosed = false): boolean {
  if (cancelledLine(l)) return true;
  if (shortClosed) return !positive(l.held) && !positive(pendingRefused(l));
  const floor = subtractDecimal(target(l), percentOf(target(l), tolerancePercent));
  return compareDecimal(settled(l), floor) >= 0;
}

/** The line as people see it. */
export function lineView(
  l: PoLine,
  tolerancePercent: number,
  closed: boolean,
  shortClosed: boolean,
): PurchaseLineView {
  const status: PurchaseLineView['status'] =
    l.ack === 'rejected' && !positive(l.received)
      ? 'rejected'
      : cancelledLine(l) && !positive(l.received)
        ? 'cancelled'
        : closed
          ? 'closed'
          : positive(l.received)
            ? complete(l, tolerancePercent, shortClosed)
              ? 'received'
              : 'partially-received'
            : positive(l.shipped)
              ? 'shipped'
              : l.ack === 'acknowledged'
                ? 'acknowledged'
                : 'open';
  return {
    lineNumber: l.lineNumber,
    sku: l.sku,
    uom: l.uom,
    ordered: l.ordered,
    acknowledged: l.acknowledged,
    shipped: l.shipped,
    received: l.received,
    rejected: l.rejected,
    billed: l.billed,
    cancelled: l.cancelled,
    unitPrice: l.unitPrice,
    ...(l.promisedDate ? { promisedDate: l.promisedDate } : {}),
    status,
  };
}
