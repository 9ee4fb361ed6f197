/**
 * Receipt variances against the PO (pure state changes; the exceptions are owned by the policy's exception owner):
 * over-receipt — good units above ordered − cancelled plus the quantity tolerance, the excess held out of stock
 * until a person decides; short-receipt — raised once per line, only once nothing more is expected on it (see
 * checkShortReceipts).
 */
import { addDecimal, compareDecimal, subtractDecimal } from '../../canonical-model/decimal';
import { cancelledLine, complete, max, min, percentOf, target } from './lines';
import type { PoLine } from './lines';
import type { PoState } from './state';

/** Good units of a line: stocked up to the allowance, the excess held with an over-receipt exception. */
export function stockGood(
  s: PoState,
  l: PoLine,
  good: string,
  subject: { receiptId: string; receiptLineNumber: number; locationId: string },
): string {
  const allowance = addDecimal(target(l), percentOf(target(l), s.input.policy.quantityTolerancePercent));
  const kept = addDecimal(l.stocked, l.held);
  if (compareDecimal(addDecimal(kept, good), allowance) <= 0) return good;
  const now = min(good, max('0', subtractDecimal(target(l), kept)));
  const excess = subtractDecimal(good, now);
  l.held = addDecimal(l.held, excess);
  s.raise(
    {
      kind: 'over-receipt',
      lineNumber: l.lineNumber,
      expected: target(l),
      actual: addDecimal(kept, good),
      documentId: subject.receiptId,
      message: `line ${l.lineNumber}: ${addDecimal(kept, good)} ${l.uom} received against ${target(l)} ordered; ${excess} held out of stock`,
    },
    { ...subject, quantity: excess, sku: l.sku },
  );
  return now;
}

/**
 * Raises short-receipt (once per line) for a line with nothing more expected that arrived short: no ASN naming the
 * line is still in transit and the ASNs together shipped the whole line (within tolerance), yet fewer units than
 * ordered (within tolerance) arrived. While the supplier has not shipped it all, more may come and nothing is
 * raised; a buyer who stops waiting short-closes the PO. An open short-receipt whose line a later receipt completes is
 * resolved by the hub.
 */
export function checkShortReceipts(s: PoState): void {
  const tolerance = s.input.policy.quantityTolerancePercent;
  // A line reported short whose rest arrived after all (a second receipt against the same ASN) is short no more.
  for (const e of s.open('short-receipt')) {
    const l = s.book.find((x) => x.lineNumber === e.lineNumber);
    if (!l || !complete(l, tolerance, s.shortClosed)) continue;
    s.resolve(e, {
      exceptionId: e.exceptionId,
      action: 'accept',
      by: 'hub',
      reason: `the rest arrived: ${l.received} of ${target(l)} ${l.uom}`,
    });
  }
  for (const l of s.book) {
    if (l.shortRaised || cancelledLine(l) || complete(l, tolerance, s.shortClosed)) continue;
    const floor = subtractDecimal(target(l), percentOf(target(l), tolerance));
    const inTransit = s.asns.some((a) => !a.received && a.lines.some((x) => x.lineNumber === l.lineNumber));
    if (inTransit || compareDecimal(l.shipped, floor) < 0 || compareDecimal(l.received, floor) >= 0) continue;
    l.shortRaised = true;
    s.raise({
      kind: 'short-receipt',
      lineNumber: l.lineNumber,
      expected: target(l),
      actual: l.received,
      message: `line ${l.lineNumber}: shipped in full but only ${l.received} of ${target(l)} ${l.uom} arrived`,
    });
  }
}
