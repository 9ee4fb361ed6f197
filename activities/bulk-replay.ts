/**
 * The activities of a bulk replay: replay one batch of the records it chose (each through replayOne, ten at a
 * time) and store the batch's outcome under its number; mark the bulk replay completed. A record that is no
 * longer open (resolved or discarded meanwhile, or already being replayed by someone) is skipped with the reason.
 */
import type { BulkReplayStore, BulkReplaySkip } from '../platform/replays/bulk-replays';
import { BULK_REPLAY_BATCH } from '../platform/replays/bulk-replays';
import { replayOne } from '../platform/replays/replay-one';
import type { ReplayDeps } from '../platform/replays/replay-one';
import { isConflictError } from '../platform/store-errors';

/** Argument of replayDeadLetterBatch. */
export interface ReplayBatchArgs {
  bulkReplayId: string;
  batch: number;
  by: string;
}

/** Signals sent at once within a batch. */
const PARALLEL = 10;

/** Builds the bulk-replay activities. */
export function createBulkReplayActivities(deps: { bulkReplays: BulkReplayStore; replay: ReplayDeps }) {
  return {
    /** Replays batch `batch` of the bulk replay; returns how many were requested and skipped. */
    async replayDeadLetterBatch(args: ReplayBatchArgs): Promise<{ requested: number; skipped: number }> {
      const job = await deps.bulkReplays.get(args.bulkReplayId);
      const ids = job.deadLetterIds.slice(
        args.batch * BULK_REPLAY_BATCH,
        (args.batch + 1) * BULK_REPLAY_BATCH,
      );
      let requested = 0;
      const skipped: BulkReplaySkip[] = [];
      for (let i = 0; i < ids.length; i += PARALLEL) {
        await Promise.all(
          ids.slice(i, i + PARALLEL).map(async (id) => {
            try {
              const outcome = await replayOne(deps.replay, id, args.by);
              if (outcome.replayed) requested += 1;
              else skipped.push({ deadLetterId: id, reason: outcome.reason });
            } catch (err) {
              if (!isConflictError(err)) throw err;
              skipped.push({ deadLetterId: id, reason: err.message });
            }
          }),
        );
      }
      await deps.bulkReplays.recordBatch(args.bulkReplayId, args.batch, { requested, skipped });
      return { requested, skipped: skipped.length };
    },

    /** Marks the bulk replay completed (every batch was sent). */
    async completeBulkReplay(args: { bulkReplayId: string }): Promise<void> {
      await deps.bulkReplays.complete(args.bulkReplayId);
    },
  };
}

/** The bulk-replay activity interface workflows proxy (types only). */
export type BulkReplayActivities = ReturnType<typeof createBulkReplayActivities>;
