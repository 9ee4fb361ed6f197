/**
 * A bulk replay of dead letters (workflow id `bulk-replay:<id>`, started by POST /v1/bulk-replays): the records
 * were chosen when it was created; this replays them one batch at a time, so a restart of the worker resumes at
 * the batch it was on, and marks the bulk replay completed. Each batch's outcome is stored by the activity.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { BulkReplayActivities } from '../../activities/bulk-replay';

/** Bookkeeping against the hub's own stores: retried without limit while the database is away. */
const { replayDeadLetterBatch, completeBulkReplay } = proxyActivities<BulkReplayActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Input of bulkReplayWorkflow. */
export interface BulkReplayInput {
  bulkReplayId: string;
  batches: number;
  /** Who asked: every record's history names them. */
  by: string;
}

/** Replays every batch of the bulk replay in order, then marks it completed; returns the totals. */
export async function bulkReplayWorkflow(
  input: BulkReplayInput,
): Promise<{ requested: number; skipped: number }> {
  let requested = 0;
  let skipped = 0;
  for (let batch = 0; batch < input.batches; batch++) {
    const done = await replayDeadLetterBatch({ bulkReplayId: input.bulkReplayId, batch, by: input.by });
    requested += done.requested;
    skipped += done.skipped;
  }
  await completeBulkReplay({ bulkReplayId: input.bulkReplayId });
  return { requested, skipped };
}
