/**
 * Counts the business stages one save of an order's or a PO's view newly reached: each start towards the volume
 * check, each completion against its objective. Called by the view-saving activities after a save that was not
 * stale, with the view stored before it, so every stage is counted once per order however often it is saved.
 */
import type { StageProgress } from './order-stages';
import type { StageMetrics } from './stage-metrics';

/** Records `progress` on `metrics` (nothing when the worker has no stage metrics). */
export function recordStageProgress(metrics: StageMetrics | undefined, progress: StageProgress): void {
  if (!metrics) return;
  // The metrics take the stage's labels from the start and completion themselves (a missing partner is `none`).
  for (const s of progress.started) metrics.countStageStart(s);
  for (const c of progress.completed) metrics.observeStage(c);
}
