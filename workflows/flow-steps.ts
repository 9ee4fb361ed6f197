/**
 * What every flow's workflow shares about its side effects: the activity proxies (connector calls under the hub's
 * connector retry policy, the hub's own bookkeeping retried without limit) and `flowStep`, which runs one step
 * through `runStep` (a step that fails for good is dead-lettered and waits for a replay) and answers DISCARDED
 * when a person gave it up. Each flow's steps.ts binds it to its business keys and its timeline.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { ActivityInterfaceFor } from '@temporalio/workflow';
import { connectorActivityOptions } from './connector-retry';
import { runStep } from './dead-letter-step';
import type { DiscardedStep, StepContext } from './dead-letter-step';

/** Connector calls: the hub's default connector retry policy (5 attempts, 1 s doubling to 1 min). */
export const CONNECTOR_POLICY = {
  maximumAttempts: 5,
  initialIntervalMs: 1_000,
  backoffCoefficient: 2,
  maximumIntervalMs: 60_000,
};

/** The proxies of a flow's activities: `connectorCalls` for ERP, WMS, commerce and EDI; `bookkeeping` for the hub's own stores. */
export function flowActivities<A extends object>(): {
  connectorCalls: ActivityInterfaceFor<A>;
  bookkeeping: ActivityInterfaceFor<A>;
} {
  return {
    connectorCalls: proxyActivities<A>(connectorActivityOptions(CONNECTOR_POLICY, 120_000)),
    bookkeeping: proxyActivities<A>({
      startToCloseTimeout: '30 seconds',
      retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
    }),
  };
}

/** The result of a step a person discarded: the flow carries on without it. */
export const DISCARDED = Symbol('discarded');

/**
 * Runs one side-effecting step; DISCARDED (after `onDiscarded`) when a person gave it up once dead-lettered.
 * `call` gets the step's payload: the one given, or the one a person edited before a replay.
 */
export async function flowStep<T, P = unknown>(
  name: string,
  context: Omit<StepContext<P>, 'maximumAttempts'> & { maximumAttempts?: number },
  call: (payload: P) => Promise<T>,
  onDiscarded?: (discarded: DiscardedStep) => void,
): Promise<T | typeof DISCARDED> {
  const result = await runStep(name, context, call);
  if (result.status === 'done') return result.value;
  onDiscarded?.(result.discarded);
  return DISCARDED;
}
