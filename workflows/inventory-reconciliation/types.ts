/** Input and result of the inventory reconciliation workflow (what the schedule starts it with). */
import type { ReconciledEntity, RunSummary } from '../../activities/inventory/reconcile-types';
import type { GracePeriod } from '../../platform/inventory/reconcile-types';

/** One scheduled run: the legal entities to reconcile and how patient to be. */
export interface InventoryReconciliationInput {
  /** Empty: every legal entity whose purchasing policy names an ERP and a WMS connector, read at run time. */
  legalEntities: ReconciledEntity[];
  /** How long a discrepancy may last before it opens an exception (e.g. `{ runs: 2 }` or `{ minutes: 30 }`). */
  grace: GracePeriod;
  /** Movements the hub recorded this many minutes back may still be on their way to the other system. */
  inFlightMinutes: number;
}

/** What a run did, per legal entity; an entity whose systems could not be read is in `failed`. */
export interface InventoryReconciliationResult {
  runs: RunSummary[];
  failed: { legalEntityId: string; error: string }[];
}
