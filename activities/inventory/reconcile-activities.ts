/** The inventory reconciliation activities, bound to their ports (the worker registers them with the others). */
import { collectDiscrepancies } from './reconcile-collect';
import type { ReconcileActivityDeps } from './reconcile-deps';
import { recordReconciliation } from './reconcile-record';
import type { ReconcileActivities } from './reconcile-types';

export type { ReconcileActivityDeps } from './reconcile-deps';
export type { ReconcileActivities } from './reconcile-types';

/** Builds the reconciliation activities. */
export function createReconcileActivities(deps: ReconcileActivityDeps): ReconcileActivities {
  return {
    collectDiscrepancies: collectDiscrepancies(deps),
    recordReconciliation: recordReconciliation(deps),
    reconciledEntities: async () => (deps.listEntities ? deps.listEntities() : []),
  };
}
