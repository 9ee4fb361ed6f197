/**
 * The order's line book inside the workflow: per line what was ordered, cancelled, shipped and invoiced, and the
 * allocations (reservations) made for it, each released to a warehouse or not. Pure and deterministic; quantities
 * are decimal strings in the line's own unit.
 */
import { addDecimal, compareDecimal, subtractDecimal } from '../../canonical-model/decimal';
import type { SalesOrder } from '../../canonical-model/generated/index';
import type { OrderLineView } from './types';

/** One reservation made for a line, and where it is now. */
export interface LineAllocation {
  reservationId: string;
  locationId: string;
  /** The SKU reserved (a substitute's when substituteFor is set). */
  sku: string;
  substituteFor?: string;
  quantity: string;
  /** Set once the allocation went to a warehouse. */
  releaseId?: string;
  state: 'reserved' | 'released' | 'shipped' | 'returned';
}

/** One line of the book. */
export interface BookLine {
  lineNumber: number;
  sku: string;
  uom: string;
  ordered: string;
  cancelled: string;
  shipped: string;
  invoiced: string;
  backordered: string;
  allocations: LineAllocation[];
}

/** Sum of decimal strings. */
export const sum = (values: string[]): string => values.reduce((a, b) => addDecimal(a, b), '0');

/** The larger of a and b. */
export const max = (a: string, b: string): string => (compareDecimal(a, b) >= 0 ? a : b);

/** The smaller of a and b. */
export const min = (a: string, b: string): string => (compareDecimal(a, b) <= 0 ? a : b);

/** True when the decimal is greater than zero. */
export const positive = (value: string): boolean => compareDecimal(value, '0') > 0;

/** Quantity held by allocations not yet shipped or given back. */
export function outstanding(line: BookLine): string {
  return sum(
    line.allocations.filter((a) => a.state === 'reserved' || a.state === 'released').map((a) => a.quantity),
  );
}

/** What the line still needs allocated: ordered − cancelled − shipped − outstanding allocations. */
export function need(line: BookLine): string {
  return max(
    '0',
    subtractDecimal(
      subtractDecimal(subtractDecimal(line.ordered, line.cancelled), line.shipped),
      outstanding(line),
    ),
  );
}

/** What is left to ship or cancel: ordered − cancelled − shipped. */
export function open(line: BookLine): string {
  return max('0', subtractDecimal(subtractDecimal(line.ordered, line.cancelled), line.shipped));
}

/** The book of a fresh order; SKUs come from validation. */
export function openBook(order: SalesOrder, skus: Map<number, string>): BookLine[] {
  return order.lines.map((l) => ({
    lineNumber: l.lineNumber,
    sku: skus.get(l.lineNumber) ?? l.item.identifiers[0]?.value ?? `line-${l.lineNumber}`,
    uom: l.quantity.uom,
    ordered: l.quantity.value,
    cancelled: '0',
    shipped: '0',
    invoiced: '0',
    backordered: '0',
    allocations: [],
  }));
}

function lineStatus(line: BookLine): OrderLineView['status'] {
  const remaining = open(line);
  if (!positive(remaining)) {
    if (positive(line.shipped))
      return compareDecimal(line.invoiced, line.shipped) >= 0 ? 'invoiced' : 'shipped';
    return 'cancelled';
  }
  if (line.allocations.some((a) => a.state === 'released')) return 'released';
  if (positive(outstanding(line))) return 'allocated';
  if (positive(line.backordered)) return 'backordered';
  return 'open';
}

/** The line as people see it. */
export function lineView(line: BookLine): OrderLineView {
  const substitute = line.allocations.find((a) => a.substituteFor !== undefined && a.state !== 'returned');
  return {
    lineNumber: line.lineNumber,
    sku: line.sku,
    uom: line.uom,
    ordered: line.ordered,
    allocated: outstanding(line),
    shipped: line.shipped,
    invoiced: line.invoiced,
    cancelled: line.cancelled,
    backordered: line.backordered,
    ...(substitute ? { substituteSku: substitute.sku } : {}),
    status: lineStatus(line),
  };
}

/** True when every line is shipped or cancelled (nothing left open). */
export function allSettled(book: BookLine[]): boolean {
  return book.every((l) => !positive(open(l)));
}
