/**
 * The side effects of the order-to-cash workflow, each run through `runStep` (a step that fails for good is
 * dead-lettered and waits for a replay) and noted on the order's timeline.
 */
import type { SalesOrder } from '../../canonical-model/generated/index';
import type { OrderActivities } from '../../activities/order-to-cash/types';
import { CONNECTOR_POLICY, DISCARDED, flowActivities, flowStep } from '../flow-steps';
import type { OrderState } from './order-state';

export { DISCARDED };

/** Calls to the ERP, WMS, commerce and EDI connectors, and the hub's own bookkeeping (never given up). */
export const { connectorCalls, bookkeeping } = flowActivities<OrderActivities>();

/** Runs one side-effecting step for the order; DISCARDED when a person gave it up (noted on the timeline). */
export async function step<T, P = unknown>(
  s: OrderState,
  name: string,
  payload: P,
  call: (payload: P) => Promise<T>,
  connectorId?: string,
): Promise<T | typeof DISCARDED> {
  return flowStep(
    name,
    {
      flow: 'order-to-cash',
      businessKeys: {
        businessKey: s.input.businessKey,
        orderId: s.order.id,
        orderNumber: s.order.orderNumber,
        ...(s.order.customerPoNumber ? { customerPoNumber: s.order.customerPoNumber } : {}),
      },
      correlationId: s.input.correlationId,
      payload,
      maximumAttempts: CONNECTOR_POLICY.maximumAttempts,
      ...(connectorId ? { connectorId } : {}),
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

/** Stores the order's view for support and the API (bookkeeping: never parks). */
export async function save(s: OrderState): Promise<void> {
  await bookkeeping.saveOrderView(s.view());
}

/** Notes that the ERP got an order a person edited before the replay, and keeps its corrected item references. */
export function noteErpEdit(s: OrderState, edited: SalesOrder, stepName: string): void {
  const lines = s.adoptErpEdit(edited);
  s.note({
    kind: 'step',
    step: stepName,
    message:
      'the ERP order was sent as edited by support before the replay' +
      (lines.length ? `; corrected items on line(s) ${lines.join(', ')} are kept for later ERP writes` : ''),
  });
}
