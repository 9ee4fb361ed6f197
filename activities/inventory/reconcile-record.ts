/** recordReconciliation: applies a run's findings to the discrepancy records and stores the run. */
import type { ReconcileActivityDeps } from './reconcile-deps';
import type { RecordArgs, RunSummary } from './reconcile-types';

/** The recordReconciliation activity (a retry answers the first recording of the run). */
export function recordReconciliation(deps: ReconcileActivityDeps) {
  return async (args: RecordArgs): Promise<RunSummary> => {
    const run = await deps.store.recordRun({
      runId: args.runId,
      legalEntityId: args.legalEntityId,
      startedAt: new Date(args.startedAt),
      compared: args.compared,
      findings: args.findings,
      unmappedLocations: args.unmappedLocations,
      grace: args.grace,
      ...(args.skus ? { skus: args.skus } : {}),
    });
    if (run.exceptionsOpened)
      deps.logger.warn(
        { legalEntityId: run.legalEntityId, runId: run._id, exceptionsOpened: run.exceptionsOpened },
        'inventory discrepancies outlasted the grace period: exceptions opened',
      );
    const summary: RunSummary & { startedAt?: Date; finishedAt?: Date } = {
      ...run,
      unmappedLocations: run.unmappedLocations.length,
    };
    delete summary.startedAt;
    delete summary.finishedAt;
    return summary;
  };
}
