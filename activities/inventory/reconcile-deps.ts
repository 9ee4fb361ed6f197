/** What the reconciliation activities reach the outside world through (built once by the worker). */
import type { Db } from 'mongodb';
import type { CrossReferenceStore } from '../../canonical-model/cross-reference';
import type { HubLogger } from '../../monitoring/logger';
import type { ConnectorRuntime } from '../../platform/connector-runtime';
import type { ReconciliationStore } from '../../platform/inventory/reconcile-store';
import type { StockLedger } from '../../platform/orders/stock-types';
import type { ReconciledEntity } from './reconcile-types';

/** The ports of the reconciliation activities. */
export interface ReconcileActivityDeps {
  runtime: ConnectorRuntime;
  crossReferences: Pick<CrossReferenceStore, 'toCanonical'>;
  ledger: Pick<StockLedger, 'position'>;
  /** The hub database: the ledger's movements and the item master data are read from it. */
  db: Db;
  store: ReconciliationStore;
  /**
   * The legal entities to reconcile when the schedule names none: by default each one whose purchasing policy
   * names both an ERP and a WMS connector (read at run time, so entities set up after start-up are included).
   */
  listEntities?: () => Promise<ReconciledEntity[]>;
  logger: HubLogger;
}
