import { proxyActivities } from '@temporalio/workflow';
import type { HubActivities } from '../activities';
import type { SmokeRunInput, SmokeRunResult } from '../activities/smoke-types';
import { runStep } from './dead-letter-step';
import type { StepContext } from './dead-letter-step';

/** Local database and broker calls: quick, retried with backoff for about a minute before the step is parked. */
const LOCAL_INFRA = {
  startToCloseTimeout: '10 seconds',
  retry: {
    initialInterval: '500 ms',
    backoffCoefficient: 2,
    maximumInterval: '10 seconds',
    maximumAttempts: 8,
  },
} as const;

/** The flow name on dead letters and the Flow search attribute. */
export const STACK_SMOKE_FLOW = 'stack-smoke';

const { recordSmokeRun, publishSmokeEvent } = proxyActivities<HubActivities>(LOCAL_INFRA);

/**
 * Proves the stack end to end: writes a document to the database, then publishes an event the worker consumes.
 * A step that fails for good is dead-lettered and waits for replayStep/discardStep; after a discard the workflow
 * completes with `{ runId, discarded }` instead of `{ runId, topic }`.
 */
export async function stackSmokeWorkflow(input: SmokeRunInput): Promise<SmokeRunResult> {
  const context: StepContext<SmokeRunInput> = {
    flow: STACK_SMOKE_FLOW,
    businessKeys: { runId: input.runId },
    correlationId: input.correlationId,
    payload: input,
    maximumAttempts: LOCAL_INFRA.retry.maximumAttempts,
  };
  const recorded = await runStep('recordSmokeRun', context, (payload) => recordSmokeRun(payload));
  if (recorded.status === 'discarded') return { runId: input.runId, discarded: recorded.discarded };
  const published = await runStep('publishSmokeEvent', context, (payload) => publishSmokeEvent(payload));
  if (published.status === 'discarded') return { runId: input.runId, discarded: published.discarded };
  return { runId: input.runId, topic: published.value };
}
