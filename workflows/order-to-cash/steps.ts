/**
 * The side effects of the order-to-cash workflow, each run through `runStep` (a step that fails for good is
 * dead-lettered and waits for a replay) and noted on the order's timeline.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { OrderActivities } from '../../activities/order-to-cash/types';
import { connectorActivityOptions } from '../connector-retry';
import { runStep } from '../dead-letter-step';
import type { OrderState } from './order-state';

/** Connector calls: the hub's default connector retry policy (5 attempts, 1 s doubling to 1 min). */
const CONNECTOR_POLICY = {
  maximumAttempts: 5,
  initialIntervalMs: 1_000,
  backoffCoefficient: 2,
  maximumIntervalMs: 60_000,
};

/** Calls to the ERP, WMS, commerce and EDI connectors. */
export const connectorCalls = proxyActivities<OrderActivities>(
  connectorActivityOptions(CONNECTOR_POLICY, 120_000),
);

/** The hub's own bookkeeping (stock ledger, projection): retried while the database is away, never given up. */
export const bookkeeping = proxyActivities<OrderActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** The result of a step a person discarded: the flow carries on without it. */
export const DISCARDED = Symbol('discarded');

/** Runs one side-effecting step for the order; undefined-free: returns DISCARDED when a person gave it up. */
export async function step<T>(
  s: OrderState,
  name: string,
  payload: unknown,
  call: () => Promise<T>,
  connectorId?: string,
): Promise<T | typeof DISCARDED> {
  const result = await runStep(
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

/** Stores the order's view for support and the API (bookkeeping: never parks). */
export async function save(s: OrderState): Promise<void> {
  await bookkeeping.saveOrderView(s.view());
}
