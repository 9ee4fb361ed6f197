/** The master-data sync activities as the workflow calls them (the workflow imports these types only). */

/** Which connector is the system of record of one object type of one legal entity. */
export interface SyncSource {
  legalEntityId: string;
  objectType: 'item';
  connectorId: string;
}

/** One page to read and apply. */
export interface SyncPageArgs extends SyncSource {
  runId: string;
  cursor?: string;
  limit?: number;
}

/** What one page did, record by record. */
export interface SyncPageResult {
  nextCursor?: string;
  read: number;
  /** Applied (new or changed), each with an audit entry. */
  applied: number;
  /** Same version as before (de-duplicated) or identical content. */
  unchanged: number;
  /** Older than what the hub holds. */
  stale: number;
  /** Failed the system-of-record check or the canonical schema: in quarantine with the reason. */
  held: number;
}

/** The master-data sync activities. */
export interface MasterDataSyncActivities {
  /** The systems of record of items for the legal entities (all that have one when none are named). */
  masterDataSources(args: { legalEntityIds?: string[] }): Promise<SyncSource[]>;
  /** Reads one page of items from the system of record and applies it through the master-data store. */
  syncItemPage(args: SyncPageArgs): Promise<SyncPageResult>;
}
