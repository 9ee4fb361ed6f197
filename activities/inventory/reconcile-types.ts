/** Inventory reconciliation activities as the workflow calls them (the workflow imports these types only). */
import type { Finding, GracePeriod, ReconciliationRunRecord } from '../../platform/inventory/reconcile-types';

/** The systems one legal entity is reconciled across. */
export interface ReconciledEntity {
  legalEntityId: string;
  erpConnectorId: string;
  wmsConnectorId: string;
  /** Compare only these SKUs (all the systems hold when absent). */
  skus?: string[];
}

/** What collectDiscrepancies reads and compares. */
export interface CollectArgs extends ReconciledEntity {
  /** Movements the hub recorded this recently may not have reached the other system yet. */
  inFlightMinutes: number;
}

/** What it found. */
export interface CollectResult {
  /** SKU × location keys compared. */
  compared: number;
  findings: Finding[];
  /** ERP location ids (and `wms:<warehouse>` ids) with no hub location: their figures were skipped. */
  unmappedLocations: string[];
}

/** What recordReconciliation stores. */
export interface RecordArgs extends CollectResult {
  runId: string;
  legalEntityId: string;
  /** When the run started (ISO 8601). */
  startedAt: string;
  grace: GracePeriod;
  skus?: string[];
}

/** A run's numbers, as the workflow reports them. */
export type RunSummary = Omit<ReconciliationRunRecord, 'startedAt' | 'finishedAt' | 'unmappedLocations'> & {
  unmappedLocations: number;
};

/** The reconciliation activities. */
export interface ReconcileActivities {
  /** Reads the ERP, the WMS and the hub's ledger and answers every key where they disagree, with its cause. */
  collectDiscrepancies(args: CollectArgs): Promise<CollectResult>;
  /** Opens, updates, escalates and resolves discrepancies and stores the run (idempotent by run id). */
  recordReconciliation(args: RecordArgs): Promise<RunSummary>;
  /** The legal entities to reconcile when the schedule names none (none when the worker was given no source). */
  reconciledEntities(): Promise<ReconciledEntity[]>;
}
