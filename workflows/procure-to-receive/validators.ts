/**
 * Whether a buyer's decision can be taken now (pure): each answers the reason it is refused, or undefined. They
 * look at the PO as it stands and at decisions already queued, so two decisions on one thing are never both taken.
 */
import type { Request } from './inbox';
import type { PoState } from './state';
import type {
  ExceptionResolution,
  InvoiceDecision,
  ProposalDecision,
  PurchaseClosure,
  PurchaseException,
} from './types';

/** The resolutions each kind of exception takes (escalations and invoice mismatches are decided elsewhere). */
export const RESOLUTIONS: Record<PurchaseException['kind'], ExceptionResolution['action'][]> = {
  'price-change': ['accept', 'cancel-line', 're-source'],
  'line-rejected': ['accept', 'cancel-line', 're-source'],
  'short-receipt': ['accept', 'request-credit', 'cancel-line'],
  'over-receipt': ['accept', 'return-to-vendor', 'request-credit'],
  damaged: ['accept', 'return-to-vendor', 'request-credit'],
  'wrong-item': ['accept', 'return-to-vendor', 'request-credit'],
  'invoice-mismatch': [],
  'ack-overdue': [],
  'approval-overdue': [],
};

const why = (reason: string | undefined): string | undefined =>
  reason?.trim() ? undefined : '/reason must say why';

/** Refuses a proposal decision unless the PO waits for one. */
export function refuseProposal(s: PoState, queued: Request[], d: ProposalDecision): string | undefined {
  if (s.status !== 'pending-approval' && s.status !== 'approval-escalated')
    return `purchase order is ${s.status}; no proposal waits for a decision`;
  if (queued.some((r) => r.kind === 'proposal' || r.kind === 'cancel')) return 'a decision was already made';
  if (d.decision !== 'approve' && d.decision !== 'reject') return '/decision must be approve or reject';
  return why(d.reason);
}

/** Refuses a resolution of an exception that is not open, or an action its kind does not take. */
export function refuseException(s: PoState, queued: Request[], r: ExceptionResolution): string | undefined {
  const e = s.exceptions.find((x) => x.exceptionId === r.exceptionId);
  if (!e) return `no exception ${r.exceptionId} on this purchase order`;
  if (e.status !== 'open') return `exception ${r.exceptionId} is already resolved`;
  if (queued.some((q) => q.kind === 'exception' && q.resolution.exceptionId === r.exceptionId))
    return `exception ${r.exceptionId} is already being resolved`;
  if (e.kind === 'invoice-mismatch') return 'an invoice mismatch is decided with decideInvoice';
  if (e.kind === 'ack-overdue' || e.kind === 'approval-overdue')
    return `${e.kind} is resolved by the ${e.kind === 'ack-overdue' ? 'acknowledgement' : 'approval decision'}`;
  if (!RESOLUTIONS[e.kind].includes(r.action))
    return `/action: a ${e.kind} takes ${RESOLUTIONS[e.kind].join(', ')}`;
  if (r.action === 're-source' && !s.input.alternates.length)
    return 'no alternate supplier is left to re-source the line to';
  return why(r.reason);
}

/** Refuses a decision on an invoice that is not held. */
export function refuseInvoice(s: PoState, queued: Request[], d: InvoiceDecision): string | undefined {
  const inv = s.invoices.find((i) => i.invoiceId === d.invoiceId);
  if (!inv) return `no invoice ${d.invoiceId} on this purchase order`;
  if (inv.status !== 'held' && inv.status !== 'matched')
    return `invoice ${d.invoiceId} is ${inv.status}; nothing to decide`;
  if (queued.some((q) => q.kind === 'invoice' && q.decision.invoiceId === d.invoiceId))
    return `invoice ${d.invoiceId} is already being decided`;
  if (d.decision !== 'approve' && d.decision !== 'reject') return '/decision must be approve or reject';
  return why(d.reason);
}

/** Refuses a short-close of a PO that is not open, or not issued yet. */
export function refuseShortClose(s: PoState, queued: Request[], c: PurchaseClosure): string | undefined {
  if (s.finished) return `purchase order is ${s.status}`;
  if (s.status === 'pending-approval' || s.status === 'approval-escalated')
    return 'purchase order is not issued yet; reject or cancel it instead';
  if (s.shortClosed || queued.some((q) => q.kind === 'short-close' || q.kind === 'cancel'))
    return 'purchase order is already being closed';
  return why(c.reason);
}

/** Refuses a cancellation once the supplier shipped anything or anything was received. */
export function refuseCancel(s: PoState, queued: Request[], c: PurchaseClosure): string | undefined {
  if (s.finished) return `purchase order is ${s.status}`;
  if (s.asns.length || s.receipts.length)
    return `the supplier has already shipped (${s.asns.length} ASN(s), ${s.receipts.length} receipt(s)); short-close it instead`;
  if (s.shortClosed || queued.some((q) => q.kind === 'cancel' || q.kind === 'short-close'))
    return 'purchase order is already being closed';
  return why(c.reason);
}
