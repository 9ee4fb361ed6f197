/**
 * Three-way match (pure): a supplier invoice against the PO (prices) and its receipts (quantities). Each invoice
 * line is matched to a PO line by its order line number (when that line has the same SKU or the invoice names
 * none), else by SKU. Per PO line, the quantity billed on the invoice must fit in what was received good and not
 * billed yet — billable × (1 + quantity tolerance) − already billed; the unit price must be within the price
 * tolerance of the PO line's price. An invoice line that is on no PO line differs in `item`.
 *
 * Outcomes: `match` (bill it); `wait` when the only differences are quantities that units still expected on the
 * PO could cover (waiting-for-receipt, matched again after every receipt); `mismatch` otherwise (held).
 * Differences name the PO line (the invoice line for `item`).
 */
import { addDecimal, compareDecimal, subtractDecimal } from '../../canonical-model/decimal';
import type { Invoice } from '../../canonical-model/generated/index';
import { max, percentOf, positive, skuOf } from './lines';
import type { SupplierInvoiceView } from './types';

/** A PO line as the match sees it. */
export interface MatchLine {
  lineNumber: number;
  sku: string;
  unitPrice: string;
  /** Received good (plus refused units the buyer accepted). */
  billable: string;
  billed: string;
  /** Units the PO still waits for on the line. */
  stillExpected: string;
}

/** What the match is given. */
export interface MatchInput {
  invoice: Pick<Invoice, 'lines'>;
  lines: MatchLine[];
  quantityTolerancePercent: number;
  priceTolerancePercent: number;
}

/** The match's answer. */
export interface MatchResult {
  outcome: 'match' | 'wait' | 'mismatch';
  differences: SupplierInvoiceView['differences'];
  /** Quantity the invoice bills per PO line. */
  billed: { lineNumber: number; quantity: string }[];
}

/** Within `percent` of `base`: |value − base| ≤ base × percent / 100. */
export function withinPercent(value: string, base: string, percent: number): boolean {
  const diff = subtractDecimal(value, base);
  const abs = compareDecimal(diff, '0') < 0 ? subtractDecimal('0', diff) : diff;
  return compareDecimal(abs, percentOf(base, percent)) <= 0;
}

/** Matches one invoice. */
export function threeWayMatch(input: MatchInput): MatchResult {
  const differences: SupplierInvoiceView['differences'] = [];
  const billed = new Map<number, string>();
  let mismatch = false;
  for (const il of input.invoice.lines) {
    if (!positive(il.quantity.value)) continue;
    const sku = skuOf(il.item);
    const byNumber =
      il.orderLineNumber === undefined
        ? undefined
        : input.lines.find((l) => l.lineNumber === il.orderLineNumber);
    const line =
      byNumber && (!sku || byNumber.sku === sku) ? byNumber : input.lines.find((l) => !!sku && l.sku === sku);
    if (!line) {
      mismatch = true;
      differences.push({
        lineNumber: il.lineNumber,
        field: 'item',
        expected: 'a line of the PO',
        actual: sku || il.description,
      });
      continue;
    }
    billed.set(line.lineNumber, addDecimal(billed.get(line.lineNumber) ?? '0', il.quantity.value));
    if (!withinPercent(il.unitPrice.amount, line.unitPrice, input.priceTolerancePercent)) {
      mismatch = true;
      differences.push({
        lineNumber: line.lineNumber,
        field: 'unitPrice',
        expected: line.unitPrice,
        actual: il.unitPrice.amount,
      });
    }
  }
  let wait = false;
  for (const [lineNumber, quantity] of billed) {
    const line = input.lines.find((l) => l.lineNumber === lineNumber) as MatchLine;
    const withTolerance = (q: string) => addDecimal(q, percentOf(q, input.quantityTolerancePercent));
    const now = subtractDecimal(withTolerance(line.billable), line.billed);
    if (compareDecimal(quantity, now) <= 0) continue;
    const ever = subtractDecimal(withTolerance(addDecimal(line.billable, line.stillExpected)), line.billed);
    if (compareDecimal(quantity, ever) <= 0) wait = true;
    else mismatch = true;
    differences.push({
      lineNumber,
      field: 'quantity',
      expected: max('0', subtractDecimal(line.billable, line.billed)),
      actual: quantity,
    });
  }
  return {
    outcome: mismatch ? 'mismatch' : wait ? 'wait' : 'match',
    differences,
    billed: [...billed.entries()].map(([lineNumber, quantity]) => ({ lineNumber, quantity })),
  };
}
