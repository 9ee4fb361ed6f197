/** The master-data sync activities, bound to their ports (the worker registers them with the others). */
import type { MasterDataSyncDeps } from './deps';
import { masterDataSources } from './sources';
import { syncItemPage } from './sync-items';
import type { MasterDataSyncActivities } from './types';

export type { MasterDataSyncDeps } from './deps';
export type { MasterDataSyncActivities } from './types';

/** Builds the master-data sync activities. */
export function createMasterDataSyncActivities(deps: MasterDataSyncDeps): MasterDataSyncActivities {
  return { masterDataSources: masterDataSources(deps), syncItemPage: syncItemPage(deps) };
}
