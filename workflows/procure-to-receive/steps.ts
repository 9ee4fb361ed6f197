/**
 * The side effects of the PO workflow, each run through `runStep` (a step that fails for good is dead-lettered and
 * waits for a replay) and noted on the PO's timeline. Connector calls (ERP, supplier channel, WMS) use the hub's
 * connector retry policy; the hub's own bookkeeping (supply, stock, projection, numbers) is retried without limit.
 */
import type { PurchaseActivities } from '../../activities/procure-to-receive/types';
import { CONNECTOR_POLICY, DISCARDED, flowActivities, flowStep } from '../flow-steps';
import type { PoState } from './state';

export { DISCARDED };

/** Calls to the ERP, the supplier's channel (EDI, portal) and the WMS, and the hub's own bookkeeping. */
export const { connectorCalls, bookkeeping } = flowActivities<PurchaseActivities>();

/** Runs one side-effecting step for the PO; DISCARDED when a person gave it up after it was dead-lettered. */
export async function step<T, P = unknown>(
  s: PoState,
  name: string,
  payload: P,
  call: (payload: P) => Promise<T>,
  connectorId?: string,
): Promise<T | typeof DISCARDED> {
  const po = s.input.purchaseOrder;
  return flowStep(
    name,
    {
      flow: 'procure-to-receive',
      businessKeys: {
        purchaseOrderId: po.id,
        poNumber: po.poNumber,
        supplierId: po.supplierId,
        legalEntityId: po.legalEntityId,
      },
      correlationId: s.input.correlationId,
      payload,
      ...(connectorId ? { connectorId, maximumAttempts: CONNECTOR_POLICY.maximumAttempts } : {}),
    },
    call,
    (discarded) =>
      s.note({
        kind: 'step',
        step: name,
        message: `discarded by ${discarded.by}: ${discarded.reason}`,
        by: discarded.by,
      }),
  );
}

/** Stores the PO's view for support and the API (bookkeeping: never parks for an outage). */
export async function save(s: PoState): Promise<void> {
  await step(s, 'save-view', { version: s.version }, () => bookkeeping.savePurchaseOrderView(s.view()));
}
