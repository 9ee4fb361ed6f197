/**
 * The approval of one cycle count whose difference is above its legal entity's count policy (workflow id
 * `inventory-count:<movement id>`, started by consumers/inventory-erp.ts). It records the count as pending, then
 * waits — durably, without a time limit — for a person's decision (`approve` / `reject` signals, or the
 * `decideCount` update the API uses). Approved: the difference is posted to the ERP as an inventory adjustment
 * whose memo names the approver, and the audit record gets the ERP's id. Rejected: nothing is posted; the WMS and
 * the hub's ledger keep the count, so the ERP stays as it was and the difference stays open for reconciliation.
 * Every step runs through the dead-letter step (a step that fails for good waits for a replay).
 */
import { condition, log, setHandler, workflowInfo } from '@temporalio/workflow';
import type { InventoryCountActivities } from '../../activities/inventory/count-activities';
import { DISCARDED, flowActivities, flowStep } from '../flow-steps';
import { approveCountSignal, countApprovalQuery, decideCountUpdate, rejectCountSignal } from './messages';
import type { CountApprovalInput, CountApprovalResult, CountApprovalView, CountDecision } from './types';

const { connectorCalls, bookkeeping } = flowActivities<InventoryCountActivities>();

/** The note a rejection leaves on the audit record. */
export const REJECTED_NOTE =
  'rejected: no ERP adjustment was posted, so the ERP stays as it was; the WMS and the hub keep the count, ' +
  'and the difference stays open as an exception until it is recounted or reconciled';

const MAX_TEXT = 500;

/** Why a decision cannot be taken (undefined when it can). */
function refusalOf(view: CountApprovalView, decision: CountDecision | undefined): string | undefined {
  if (view.status !== 'pending')
    return `count ${view.movementId} is ${view.status} already${view.decidedBy ? ` (by ${view.decidedBy})` : ''}`;
  if (!decision || (decision.decision !== 'approve' && decision.decision !== 'reject'))
    return 'decision must be approve or reject';
  if (typeof decision.by !== 'string' || !decision.by.trim()) return 'by must name who decides';
  if (typeof decision.reason !== 'string' || !decision.reason.trim() || decision.reason.length > MAX_TEXT)
    return `reason must be a non-empty text of at most ${MAX_TEXT} characters`;
  return undefined;
}

/** The approval workflow of one count movement. */
export async function cycleCountApprovalWorkflow(input: CountApprovalInput): Promise<CountApprovalResult> {
  const { review, adjustment, erpConnectorId } = input;
  const view: CountApprovalView = { movementId: review.id, status: 'pending' };
  let decision: CountDecision | undefined;
  const take = (d: CountDecision): CountApprovalView => {
    decision = d;
    view.status = d.decision === 'approve' ? 'approved' : 'rejected';
    view.decidedBy = d.by;
    view.reason = d.reason;
    view.decidedAt = new Date().toISOString();
    return { ...view };
  };
  const fromSignal = (d: CountDecision) => {
    const refusal = refusalOf(view, d);
    if (refusal) return log.warn('count decision ignored', { movementId: review.id, refusal });
    take(d);
  };
  setHandler(approveCountSignal, (d) => fromSignal({ ...d, decision: 'approve' }));
  setHandler(rejectCountSignal, (d) => fromSignal({ ...d, decision: 'reject' }));
  setHandler(decideCountUpdate, take, {
    validator: (d: CountDecision) => {
      const refusal = refusalOf(view, d);
      if (refusal) throw new Error(refusal);
    },
  });
  setHandler(countApprovalQuery, () => ({ ...view }));

  const context = (payload: unknown) => ({
    flow: 'inventory-count',
    businessKeys: {
      movementId: review.id,
      legalEntityId: review.legalEntityId,
      sku: review.sku,
      locationId: review.locationId,
    },
    correlationId: input.correlationId,
    payload,
  });
  const workflowId = workflowInfo().workflowId;
  const pendingArgs = { review: { ...review, workflowId } };
  await flowStep('record-pending-count', context(pendingArgs), () =>
    bookkeeping.recordPendingCount(pendingArgs),
  );

  await condition(() => decision !== undefined);
  const decided = decision!;
  const decisionArgs = {
    movementId: review.id,
    status: decided.decision === 'approve' ? ('approved' as const) : ('rejected' as const),
    by: decided.by,
    reason: decided.reason,
    at: view.decidedAt!,
    ...(decided.decision === 'reject' ? { note: REJECTED_NOTE } : {}),
  };
  await flowStep('record-count-decision', context(decisionArgs), () =>
    bookkeeping.recordCountDecision(decisionArgs),
  );
  if (decided.decision === 'reject') {
    view.note = REJECTED_NOTE;
    return { ...view };
  }

  const memo = [`cycle count approved by ${decided.by}: ${decided.reason}`, adjustment.memo]
    .filter(Boolean)
    .join('; ')
    .slice(0, 900);
  const postArgs = { erpConnectorId, adjustment: { ...adjustment, memo } };
  const posted = await flowStep(
    'post-count-adjustment',
    { ...context(postArgs), connectorId: erpConnectorId },
    () => connectorCalls.postErpInventoryAdjustment(postArgs),
  );
  if (posted === DISCARDED) {
    view.status = 'discarded';
    view.note = 'approved, but posting the adjustment to the ERP was discarded by a person';
    return { ...view };
  }
  const postedArgs = {
    movementId: review.id,
    erpConnectorId,
    externalId: posted.externalId,
    ...(posted.documentNumber ? { documentNumber: posted.documentNumber } : {}),
  };
  await flowStep('record-count-posted', context(postedArgs), () => bookkeeping.recordCountPosted(postedArgs));
  view.status = 'posted';
  view.erpExternalId = posted.externalId;
  return { ...view };
}
