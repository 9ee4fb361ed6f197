import { proxyActivities } from '@temporalio/workflow';
import type { HubActivities } from '../../activities';
import type { SmokeRunInput, SmokeRunResult } from '../../activities/smoke-types';

const { recordSmokeRun, publishSmokeEvent } = proxyActivities<HubActivities>({
  startToCloseTimeout: '10 seconds',
});

/**
 * A deliberately non-deterministic change of stackSmokeWorkflow (its steps swapped), used only by
 * workflows/replay.test.ts to prove that the replay test fails when a change breaks recorded histories.
 */
export async function stackSmokeWorkflow(input: SmokeRunInput): Promise<SmokeRunResult> {
  const topic = await publishSmokeEvent(input);
  await recordSmokeRun(input);
  return { runId: input.runId, topic };
}
