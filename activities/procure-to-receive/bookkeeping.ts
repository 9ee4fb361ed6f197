/**
 * The purchasing flow's own bookkeeping: PO numbers, which proposal each demand signal went into, the stored PO
 * view support and the API read, and escalations (counted and logged for the on-call and dashboards).
 */
import { recordStageProgress } from '../../monitoring/slo/record-stages';
import { newPurchaseOrderStages } from '../../monitoring/slo/order-stages';
import { currentLogContext } from '../../monitoring/context';
import { purchaseLifecycleEvents } from '../../platform/lifecycle-events/purchase-events';
import type { PurchaseOrderView } from '../../workflows/procure-to-receive/types';
import { ArgumentCheck } from './arguments';
import type { PurchaseActivityDeps } from './deps';

/** The nextPoNumber activity: the same number for the same proposal id every time. */
export function nextPoNumber(deps: PurchaseActivityDeps) {
  return async (args: { proposalId: string; legalEntityId: string; prefix?: string }): Promise<string> => {
    new ArgumentCheck('nextPoNumber')
      .text(args.proposalId, '/proposalId')
      .text(args.legalEntityId, '/legalEntityId')
      .throwIfAny();
    return `${args.prefix ?? ''}${await deps.poNumbers.next(args.proposalId, args.legalEntityId)}`;
  };
}

/** The claimSignals activity: answers the ids now claimed by the proposal (others' claims are left out). */
export function claimSignals(deps: PurchaseActivityDeps) {
  return async (args: { proposalId: string; signalIds: string[] }): Promise<string[]> => {
    const check = new ArgumentCheck('claimSignals').text(args.proposalId, '/proposalId');
    if (!Array.isArray(args.signalIds)) check.add('/signalIds', 'must be an array of signal ids');
    else args.signalIds.forEach((id, i) => check.text(id, `/signalIds/${i}`));
    check.throwIfAny();
    if (!args.signalIds.length) return [];
    return deps.signalClaims.claim(args.proposalId, [...new Set(args.signalIds)]);
  };
}

/**
 * The savePurchaseOrderView activity (the store never goes back to an older version), then the PO's lifecycle
 * events the view shows and that were not published yet (sent, acknowledged, shipped, received, billed).
 */
export function savePurchaseOrderView(deps: PurchaseActivityDeps) {
  return async (view: PurchaseOrderView): Promise<void> => {
    const stored = deps.purchaseOrders;
    const previous = deps.stages && stored.get ? await stored.get(view.purchaseOrderId) : undefined;
    await stored.save(view);
    // An older view than the stored one reaches no stage (newPurchaseOrderStages compares the versions).
    recordStageProgress(deps.stages, newPurchaseOrderStages(previous, view));
    const correlationId = currentLogContext()?.correlationId ?? view.workflowId;
    await deps.lifecycle?.publish(purchaseLifecycleEvents(view, correlationId));
  };
}

/** The escalatePurchaseOrder activity: `hub_purchase_escalations_total{reason}` and a warn line. */
export function escalatePurchaseOrder(deps: PurchaseActivityDeps) {
  return async (args: { purchaseOrderId: string; poNumber: string; reason: string }): Promise<void> => {
    deps.escalations?.inc({ reason: args.reason });
    deps.logger.warn(
      { purchaseOrderId: args.purchaseOrderId, poNumber: args.poNumber, reason: args.reason },
      'purchase order escalated',
    );
    await Promise.resolve();
  };
}
