/**
 * Procure-to-receive: one workflow per purchase order (id `purchaseOrderWorkflowId(...)`). Approval when the value
 * is above the policy's threshold → issue (ERP, supplier, inbound supply) → acknowledgement (escalated when
 * overdue) → ASNs → receipts → three-way match and vendor bills → closed (or short-closed, cancelled, rejected).
 * Documents arrive as signals and decisions as updates; both are worked in arrival order between steps (inbox.ts),
 * and the view is saved after each.
 */
import { allHandlersFinished, condition, workflowInfo } from '@temporalio/workflow';
import { applyAck, escalateAck } from './acknowledgement';
import { awaitApproval, needsApproval } from './approval';
import { cancelPurchaseOrder, closePurchaseOrder, readyToClose, shortClose } from './closing';
import { answer, installHandlers } from './inbox';
import type { Event, Inbox, Request } from './inbox';
import { decideInvoice, handleInvoice, rematchWaiting } from './invoices';
import { issue } from './issue';
import { syncErpOrder } from './erp-order';
import { watchPayments } from './payments';
import { handleReceipt } from './receiving';
import { applyResolution } from './resolutions';
import { handleAsn } from './shipments';
import { PoState } from './state';
import { save } from './steps';
import { refreshStatus } from './status';
import type { ProcureToReceiveInput, PurchaseOrderView } from './types';
import { refuseCancel, refuseException, refuseInvoice, refuseShortClose } from './validators';

const HOUR_MS = 60 * 60 * 1000;

/** The procure-to-receive flow of one purchase order. */
export async function procureToReceiveWorkflow(input: ProcureToReceiveInput): Promise<PurchaseOrderView> {
  const s = new PoState(input, workflowInfo().workflowId);
  const inbox = installHandlers(s);
  const po = input.purchaseOrder;
  s.note({
    kind: 'proposal',
    step: input.origin.reason,
    message: `PO ${po.poNumber} to ${po.supplierId} for ${input.origin.signals.length} demand signal(s)${input.origin.replacesPurchaseOrderId ? `, replacing lines of ${input.origin.replacesPurchaseOrderId}` : ''}`,
  });

  if (needsApproval(s)) {
    const verdict = await awaitApproval(s, inbox);
    if (verdict !== 'approved') return drain(s, inbox);
  }
  await issue(s);
  const ackDeadline = Date.now() + input.policy.ackTimeoutHours * HOUR_MS;

  for (;;) {
    let event: Event | undefined;
    while ((event = inbox.take())) {
      await work(s, event);
      await syncErpOrder(s);
      if (s.finished) return drain(s, inbox);
      await rematchWaiting(s);
      refreshStatus(s);
      await save(s);
    }
    if (readyToClose(s)) {
      await closePurchaseOrder(s);
      // Whatever came while closing (or while the bills' payments were watched) is worked before the workflow
      // ends (documents are never dropped).
      if (!inbox.events.length && (await watchPayments(s, inbox)) === 'done') return finish(s);
      s.finished = false;
      continue;
    }
    if (!s.acked && !s.ackEscalated) {
      const left = ackDeadline - Date.now();
      if (left <= 0 || !(await condition(() => inbox.events.length > 0, left))) await escalateAck(s);
      continue;
    }
    await condition(() => inbox.events.length > 0);
  }
}

/** Works one document or decision. */
async function work(s: PoState, event: Event): Promise<void> {
  switch (event.kind) {
    case 'ack':
      return applyAck(s, event.ack);
    case 'asn':
      return handleAsn(s, event.asn);
    case 'receipt':
      return handleReceipt(s, event.receipt);
    case 'invoice':
      return handleInvoice(s, event.invoice);
    case 'request':
      return decide(s, event.pending.request, (why) => answer(event.pending, why));
  }
}

/** Works one decision, re-checked now that its turn has come (the PO may have moved on since it was accepted). */
async function decide(s: PoState, request: Request, done: (refusal?: string) => void): Promise<void> {
  let refusal: string | undefined;
  switch (request.kind) {
    case 'exception':
      refusal = refuseException(s, [], request.resolution);
      if (!refusal) await applyResolution(s, request.resolution);
      break;
    case 'invoice':
      refusal = refuseInvoice(s, [], request.decision);
      if (!refusal) await decideInvoice(s, request.decision);
      break;
    case 'short-close':
      refusal = refuseShortClose(s, [], request.closure);
      if (!refusal) await shortClose(s, request.closure);
      break;
    case 'cancel':
      refusal = refuseCancel(s, [], request.closure);
      if (!refusal) await cancelPurchaseOrder(s, request.closure);
      break;
    case 'proposal':
      refusal = `purchase order is ${s.status}; no proposal waits for a decision`;
      break;
  }
  done(refusal);
}

/** A finished PO refuses what is still queued (documents are noted), then answers its view. */
async function drain(s: PoState, inbox: Inbox): Promise<PurchaseOrderView> {
  let event: Event | undefined;
  let noted = false;
  while ((event = inbox.take())) {
    if (event.kind === 'request') answer(event.pending, `purchase order is ${s.status}`);
    else {
      noted = true;
      s.note({
        kind: 'document',
        step: 'ignored',
        message: `${event.kind} after the PO was ${s.status}: not applied`,
      });
    }
  }
  if (noted) await save(s);
  return finish(s);
}

/** Lets every update handler answer before the workflow ends. */
async function finish(s: PoState): Promise<PurchaseOrderView> {
  await condition(allHandlersFinished);
  return s.view();
}
