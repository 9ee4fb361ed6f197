/**
 * The end of a PO. It closes when every line still bought is received (within the quantity tolerance), every
 * billable unit is billed and nothing waits for a person. A buyer's short-close cancels what has not been received
 * (its supply settled cancelled) and the PO then closes once what was received is billed. A cancellation, refused
 * once anything shipped or was received, cancels every line and settles all supply.
 */
import { addDecimal, compareDecimal, subtractDecimal } from '../../canonical-model/decimal';
import { billable, complete, max, positive, target } from './lines';
import type { PoState } from './state';
import { save } from './steps';
import { settleAllSupply } from './supply';
import type { PurchaseClosure } from './types';

/** Every line received or cancelled, everything billable billed, no exception or invoice waiting for a person. */
export function readyToClose(s: PoState): boolean {
  const tolerance = s.input.policy.quantityTolerancePercent;
  return (
    s.book.every(
      (l) => complete(l, tolerance, s.shortClosed) && compareDecimal(l.billed, billable(l)) >= 0,
    ) &&
    !s.exceptions.some((e) => e.status === 'open') &&
    !s.invoices.some(
      (i) => i.status === 'held' || i.status === 'waiting-for-receipt' || i.status === 'matched',
    )
  );
}

/** Closes the PO: closed, short-closed, or cancelled when nothing was ever received. */
export async function closePurchaseOrder(s: PoState): Promise<void> {
  await settleAllSupply(s, 'purchase order closed');
  s.finished = true;
  if (s.shortClosed) s.setStatus('short-closed', 'short-closed: what was received is billed');
  else if (s.book.every((l) => !positive(l.received)))
    s.setStatus('cancelled', 'nothing left to receive: every line was cancelled, rejected or re-sourced');
  else s.setStatus('closed', 'every line received and billed');
  await save(s);
}

/** Records a closure decision. */
function decide(s: PoState, closure: PurchaseClosure, what: string): void {
  s.decisions.push({ ...closure, kind: 'closure', at: s.now() });
  s.note({
    kind: 'decision',
    step: what,
    message: `${what} by ${closure.by}: ${closure.reason}`,
    by: closure.by,
  });
}

/** Resolves the open exceptions about lines a closure stopped buying. */
function resolveLineExceptions(s: PoState, closure: PurchaseClosure, kinds: string[]): void {
  for (const e of s.exceptions.filter((x) => x.status === 'open' && kinds.includes(x.kind)))
    s.resolve(e, {
      exceptionId: e.exceptionId,
      action: 'cancel-line',
      by: closure.by,
      reason: closure.reason,
    });
}

/** Short-close: stops buying what has not been received; the PO closes once what was received is billed. */
export async function shortClose(s: PoState, closure: PurchaseClosure): Promise<void> {
  decide(s, closure, 'short-close');
  s.shortClosed = true;
  for (const l of s.book) {
    const cut = max('0', subtractDecimal(target(l), subtractDecimal(l.received, l.returned)));
    if (!positive(cut)) continue;
    l.cancelled = addDecimal(l.cancelled, cut);
    s.note({
      kind: 'step',
      step: 'short-close',
      message: `line ${l.lineNumber}: ${cut} ${l.uom} no longer expected`,
    });
  }
  resolveLineExceptions(s, closure, ['short-receipt', 'price-change', 'line-rejected', 'ack-overdue']);
  await settleAllSupply(s, 'short-closed');
  await save(s);
}

/** Cancels the PO: every line, all supply, and the exceptions about what will now never come. */
export async function cancelPurchaseOrder(s: PoState, closure: PurchaseClosure): Promise<void> {
  decide(s, closure, 'cancel');
  for (const l of s.book) l.cancelled = l.ordered;
  resolveLineExceptions(s, closure, ['price-change', 'line-rejected', 'ack-overdue', 'approval-overdue']);
  await settleAllSupply(s, 'purchase order cancelled');
  s.finished = true;
  s.setStatus('cancelled', `cancelled by ${closure.by}: ${closure.reason}`);
  await save(s);
}
