/**
 * Approval of a proposal worth more than the policy's threshold: the PO waits (pending-approval) for a buyer's
 * `decideProposal`. When nobody decides within `approvalTimeoutHours` it is escalated once (an approval-overdue
 * exception, status approval-escalated) and keeps waiting. A rejection ends the PO; a cancellation too.
 */
import { condition } from '@temporalio/workflow';
import { compareDecimal, toPlaces } from '../../canonical-model/decimal';
import { cancelPurchaseOrder } from './closing';
import { answer } from './inbox';
import type { Inbox } from './inbox';
import type { PoState } from './state';
import { bookkeeping, save, step } from './steps';

const HOUR_MS = 60 * 60 * 1000;

/** How the approval ended. */
export type ApprovalVerdict = 'approved' | 'rejected' | 'cancelled';

/** True when the proposal's value is above the policy's approval threshold. */
export function needsApproval(s: PoState): boolean {
  return compareDecimal(s.exactTotal(), s.input.policy.approvalThreshold) > 0;
}

/** Waits for the buyer's decision (or a cancellation), escalating once after the time-out. */
export async function awaitApproval(s: PoState, inbox: Inbox): Promise<ApprovalVerdict> {
  const { approvalThreshold, approvalTimeoutHours, currency } = s.input.policy;
  s.setStatus(
    'pending-approval',
    `total ${toPlaces(s.exactTotal(), 2)} ${s.input.purchaseOrder.currency} is above the approval threshold ${approvalThreshold} ${currency}`,
  );
  await save(s);
  const deadline = Date.now() + approvalTimeoutHours * HOUR_MS;
  const ready = () =>
    inbox.events.some(
      (e) =>
        e.kind === 'request' &&
        (e.pending.request.kind === 'proposal' || e.pending.request.kind === 'cancel'),
    );
  for (;;) {
    if (s.status === 'pending-approval') {
      const left = deadline - Date.now();
      if (left <= 0 || !(await condition(ready, left))) {
        await escalate(s, approvalTimeoutHours);
        continue;
      }
    } else await condition(ready);
    const event = inbox.take(
      (e) =>
        e.kind === 'request' &&
        (e.pending.request.kind === 'proposal' || e.pending.request.kind === 'cancel'),
    );
    if (event?.kind !== 'request') continue;
    const { request } = event.pending;
    if (request.kind === 'cancel') {
      await cancelPurchaseOrder(s, request.closure);
      answer(event.pending);
      return 'cancelled';
    }
    if (request.kind !== 'proposal') continue;
    const d = request.decision;
    s.decisions.push({ ...d, kind: 'proposal', at: s.now() });
    s.note({
      kind: 'decision',
      step: d.decision,
      message: `proposal ${d.decision === 'approve' ? 'approved' : 'rejected'} by ${d.by}: ${d.reason}`,
      by: d.by,
    });
    for (const e of s.open('approval-overdue'))
      s.resolve(e, { exceptionId: e.exceptionId, action: 'accept', by: d.by, reason: 'proposal decided' });
    if (d.decision === 'reject') {
      for (const l of s.book) l.cancelled = l.ordered;
      s.finished = true;
      s.setStatus('rejected', `rejected by ${d.by}`);
    }
    await save(s);
    answer(event.pending);
    return d.decision === 'approve' ? 'approved' : 'rejected';
  }
}

/** The approval is overdue: count it, raise the exception, keep waiting. */
async function escalate(s: PoState, hours: number): Promise<void> {
  const po = s.input.purchaseOrder;
  await step(s, 'escalate-approval', { poNumber: po.poNumber }, () =>
    bookkeeping.escalatePurchaseOrder({
      purchaseOrderId: po.id,
      poNumber: po.poNumber,
      reason: 'approval overdue',
    }),
  );
  s.raise({ kind: 'approval-overdue', message: `no approval decision within ${hours} hours` });
  s.note({ kind: 'escalation', step: 'approval', message: `approval escalated after ${hours} hours` });
  s.setStatus('approval-escalated', `no decision within ${hours} hours`);
  await save(s);
}
