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
  const labels = (s: StageProgress['started'][number]) => ({
    stage: s.stage,
    flow: s.flow,
    ...(s.partner ? { partner: s.partner } : {}),
    ...(s.connector ? { connector: s.connector } : {}),
  });
  for (const s of progress.started) metrics.countStageStart(labels(s));
  for (const c of progress.completed) metrics.observeStage({ ...labels(c), seconds: c.seconds });
}
