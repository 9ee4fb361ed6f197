/** The cycle-count activities, bound to their ports (the worker registers them beside the core activities). */
import type { InventoryCountActivityDeps } from './count-deps';
import { recordCountDecision, recordCountPosted, recordPendingCount } from './count-reviews';
import { postErpInventoryAdjustment } from './erp-adjustment';

export type { InventoryCountActivityDeps } from './count-deps';

/** Builds every cycle-count activity. */
export function createInventoryActivities(deps: InventoryCountActivityDeps) {
  return {
    recordPendingCount: recordPendingCount(deps),
    recordCountDecision: recordCountDecision(deps),
    recordCountPosted: recordCountPosted(deps),
    postErpInventoryAdjustment: postErpInventoryAdjustment(deps),
  };
}

/** The activity interface the approval workflow proxies (types only). */
export type InventoryCountActivities = ReturnType<typeof createInventoryActivities>;
