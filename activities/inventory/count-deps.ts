/** What the cycle-count activities reach the outside world through (built once by the worker). */
import type { HubLogger } from '../../monitoring/logger';
import type { ConnectorRuntime } from '../../platform/connector-runtime';
import type { CountReviewStore } from '../../platform/inventory/count-review-types';

/** The ports of the cycle-count activities. */
export interface InventoryCountActivityDeps {
  runtime: ConnectorRuntime;
  countReviews: Pick<CountReviewStore, 'recordPending' | 'decide' | 'markPosted'>;
  logger: HubLogger;
}
