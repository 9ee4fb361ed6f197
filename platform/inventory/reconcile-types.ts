/**
 * Inventory reconciliation's shapes: what each system says of one SKU at one location, what a run found, and the
 * stored run and discrepancy records. Quantities are decimal strings in the unit each system reports.
 */

/** Why two systems disagree, as far as a run can tell. */
export type DiscrepancyCause = 'events-in-flight' | 'missing-movement' | 'unit-mismatch' | 'unknown';

/** Every cause, for metrics and API filters. */
export const DISCREPANCY_CAUSES: readonly DiscrepancyCause[] = [
  'events-in-flight',
  'missing-movement',
  'unit-mismatch',
  'unknown',
];

/** The systems a run compares. */
export type ReconciledSystem = 'erp' | 'wms' | 'hub';

/** What one system says of one key; absent from the map when the system has no record of it. */
export interface SystemValue {
  quantity: string;
  uom: string;
  /** When the figure was read or last changed at the source (ISO 8601), when known. */
  asOf?: string;
}

/** A movement of the key the hub's stock ledger holds (its evidence for in-flight and missing causes). */
export interface LedgerMovement {
  opId: string;
  onHandDelta: string;
  occurredAt: string;
  /** When the hub applied it (ISO 8601). */
  recordedAt: string;
}

/** One SKU at one location where the systems disagree, and the likely cause. */
export interface Finding {
  sku: string;
  locationId: string;
  values: Partial<Record<ReconciledSystem, SystemValue>>;
  cause: DiscrepancyCause;
  /** Why the cause was chosen, for a person (e.g. "wms = 12 × erp (DZ of 12 EA)"). */
  explanation: string;
}

/** A discrepancy's life: seen (open), persisted past the grace period (exception), or gone (resolved). */
export type DiscrepancyStatus = 'open' | 'exception' | 'resolved';

/** One entry of a discrepancy's history. */
export interface DiscrepancyHistoryEntry {
  at: Date;
  runId: string;
  event: 'opened' | 'seen' | 'exception-opened' | 'resolved' | 'reopened';
  cause: DiscrepancyCause;
  values: Finding['values'];
}

/** The stored discrepancy of one SKU × location of one legal entity (`_id` = `<legalEntity>|<location>|<sku>`). */
export interface DiscrepancyRecord {
  _id: string;
  legalEntityId: string;
  sku: string;
  locationId: string;
  status: DiscrepancyStatus;
  cause: DiscrepancyCause;
  explanation: string;
  values: Finding['values'];
  firstSeenAt: Date;
  lastSeenAt: Date;
  /** Runs in a row that found it (since it was last opened). */
  runsSeen: number;
  lastRunId: string;
  exceptionOpenedAt?: Date;
  exceptionClosedAt?: Date;
  resolvedAt?: Date;
  history: DiscrepancyHistoryEntry[];
}

/** The stored record of one reconciliation run of one legal entity (`_id` = runId). */
export interface ReconciliationRunRecord {
  _id: string;
  legalEntityId: string;
  startedAt: Date;
  finishedAt: Date;
  durationMs: number;
  /** SKU × location keys compared. */
  compared: number;
  agreeing: number;
  discrepancies: number;
  byCause: Partial<Record<DiscrepancyCause, number>>;
  opened: number;
  resolved: number;
  exceptionsOpened: number;
  exceptionsClosed: number;
  /** ERP locations with no canonical location (skipped). */
  unmappedLocations: string[];
}

/** How long a discrepancy may last before it becomes an exception: either bound, whichever comes first. */
export interface GracePeriod {
  /** Earlier runs that may have seen it (1: the second run in a row that finds it opens the exception). */
  runs?: number;
  minutes?: number;
}
