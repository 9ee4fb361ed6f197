import { proxyActivities } from '@temporalio/workflow';
import type { HubActivities } from '../activities';
import type { SmokeRunInput, SmokeRunResult } from '../activities/smoke-types';

/** Local database and broker calls: quick, retried with backoff for about a minute before the workflow fails. */
const LOCAL_INFRA = {
  startToCloseTimeout: '10 seconds',
  retry: {
    initialInterval: '500 ms',
    backoffCoefficient: 2,
    maximumInterval: '10 seconds',
    maximumAttempts: 8,
  },
} as const;

const { recordSmokeRun, publishSmokeEvent } = proxyActivities<HubActivities>(LOCAL_INFRA);

/** Proves the stack end to end: writes a document to the database, then publishes an event the worker consumes. */
export async function stackSmokeWorkflow(input: SmokeRunInput): Promise<SmokeRunResult> {
  await recordSmokeRun(input);
  const topic = await publishSmokeEvent(input);
  return { runId: input.runId, topic };
}
