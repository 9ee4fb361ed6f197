/** The PO's overall status as its lines, exceptions and documents add up to it (after it was issued). */
import { complete, positive } from './lines';
import type { PoState } from './state';
import type { PurchaseOrderStatusCode } from './types';

/** The status the PO's state adds up to (final states are left alone). */
export function statusOf(s: PoState): PurchaseOrderStatusCode {
  if (s.finished) return s.status;
  const tolerance = s.input.policy.quantityTolerancePercent;
  if (s.open('price-change').length) return 'price-review';
  if (s.book.some((l) => positive(l.received)))
    return s.book.every((l) => complete(l, tolerance, s.shortClosed)) ? 'received' : 'partially-received';
  if (s.book.some((l) => positive(l.shipped))) return 'shipped';
  if (s.acked) return 'acknowledged';
  if (s.ackEscalated) return 'ack-overdue';
  return 'issued';
}

/** Moves the PO to the status its state adds up to. */
export function refreshStatus(s: PoState): void {
  const next = statusOf(s);
  if (next !== s.status) s.setStatus(next, `now ${next}`);
}
