/**
 * The side effects of the PO workflow, each run through `runStep` (a step that fails for good is dead-lettered and
 * waits for a replay) and noted on the PO's timeline. Connector calls (ERP, supplier channel, WMS) use the hub's
 * connector retry policy; the hub's own bookkeeping (supply, stock, projection, numbers) is retried without limit.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { PurchaseActivities } from '../../activities/procure-to-receive/types';
import { connectorActivityOptions } from '../connector-retry';
import { runStep } from '../dead-letter-step';
import type { PoState } from './state';

/** Connector calls: the hub's default connector retry policy (5 attempts, 1 s doubling to 1 min). */
const CONNECTOR_POLICY = {
  maximumAttempts: 5,
  initialIntervalMs: 1_000,
  backoffCoefficient: 2,
  maximumIntervalMs: 60_000,
};

/** Calls to the ERP, the supplier's channel (EDI, portal) and the WMS. */
export const connectorCalls = proxyActivities<PurchaseActivities>(
  connectorActivityOptions(CONNECTOR_POLICY, 120_000),
);

/** The hub's own bookkeeping: retried while the database is away, never given up. */
export const bookkeeping = proxyActivities<PurchaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** The result of a step a person discarded: the flow carries on without it. */
export const DISCARDED = Symbol('discarded');

/** Runs one side-effecting step for the PO; DISCARDED when a person gave it up after it was dead-lettered. */
export async function step<T>(
  s: PoState,
  name: string,
  payload: unknown,
  call: () => Promise<T>,
  connectorId?: string,
): Promise<T | typeof DISCARDED> {
  const po = s.input.purchaseOrder;
  const result = await runStep(
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
    () => call(),
  );
  if (result.status === 'discarded') {
    s.note({
      kind: 'step',
      step: name,
      message: `discarded by ${result.discarded.by}: ${result.discarded.reason}`,
      by: result.discarded.by,
    });
    return DISCARDED;
  }
  return result.value;
}

/** Stores the PO's view for support and the API (bookkeeping: never parks for an outage). */
export async function save(s: PoState): Promise<void> {
  await step(s, 'save-view', { version: s.version }, () => bookkeeping.savePurchaseOrderView(s.view()));
}
