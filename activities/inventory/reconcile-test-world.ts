/**
 * What the reconciliation and master-data sync tests run against: the real MongoDB-wire server (FerretDB), the
 * NetSuite and ShipHero simulators in process behind the real connectors, the hub's stock ledger and master data,
 * and a time-skipping Temporal test server whose worker runs the real workflows over the real activities.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Db, MongoClient } from 'mongodb';
import { Registry } from 'prom-client';
import { createCrossReferenceStore } from '../../canonical-model/cross-reference';
import { createCanonicalValidator } from '../../canonical-model/validate';
import { getConnectorType, listConnectorTypes } from '../../connectors/registry';
import type { ConnectorKind } from '../../connectors/sdk/types';
import { createLogger } from '../../monitoring/logger';
import { createConnectorRuntime } from '../../platform/connector-runtime';
import type { ConnectorStore, ConnectorTypeLookup } from '../../platform/connector-store-types';
import { createInboundDedup } from '../../platform/inbound-dedup';
import { registerDiscrepancyGauge } from '../../platform/inventory/reconcile-gauge';
import { createReconciliationStore } from '../../platform/inventory/reconcile-store';
import type { ReconciliationStore } from '../../platform/inventory/reconcile-store';
import { createMasterData } from '../../platform/master-data';
import type { MasterData } from '../../platform/master-data';
import { createMasterDataAudit } from '../../platform/master-data-audit';
import type { MasterDataAudit } from '../../platform/master-data-audit';
import { createStockLedger } from '../../platform/orders/stock-ledger';
import type { StockLedger } from '../../platform/orders/stock-types';
import { createOwnership } from '../../platform/ownership';
import type { Ownership } from '../../platform/ownership';
import { createQuarantine } from '../../platform/quarantine';
import type { Quarantine } from '../../platform/quarantine';
import { SIMULATED_CONNECTORS } from '../../simulators/connector-configs';
import { createNetSuiteSimulator } from '../../simulators/netsuite';
import { num } from '../../simulators/netsuite/decimal';
import { WMS_SIM_COLLECTIONS, WMS_SIM_WAREHOUSES, createWmsSimulator } from '../../simulators/wms';
import { openTestDatabase } from '../../test/support/database';
import { runWorldWorker, startTestServer } from '../../test/support/time-skipping';
import { createMasterDataSyncActivities } from '../master-data';
import { createReconcileActivities } from './reconcile-activities';

/** Connector ids and the hub locations the simulators' warehouses are. */
export const IDS = {
  erp: 'con_rec_netsuite',
  wms: 'con_rec_shiphero',
  primary: 'loc_dc_primary',
  secondary: 'loc_dc_secondary',
} as const;

/** One SKU's stock at one location in each simulator. */
export interface StockRow {
  sku: string;
  location: 'primary' | 'secondary';
  erp?: string;
  wms?: number;
}

/** The running world. */
export interface ReconcileWorld {
  env: TestWorkflowEnvironment;
  taskQueue: string;
  db: Db;
  store: ReconciliationStore;
  ledger: StockLedger;
  masterData: MasterData;
  ownership: Ownership;
  quarantine: Quarantine;
  audit: MasterDataAudit;
  metrics: Registry;
  /** Replaces what both simulators hold with `rows` (NetSuite's inventory items, ShipHero's warehouse products). */
  setStock(rows: StockRow[]): void;
  /** The NetSuite simulator's inventory item records (for master-data tests). */
  netsuiteItems(): Record<string, unknown>[];
  stop(): Promise<void>;
}

const NS_LOCATION = {
  primary: { id: '1', refName: 'Chicago DC' },
  secondary: { id: '2', refName: 'Reno DC' },
};

const configOf = (type: string) => {
  const found = SIMULATED_CONNECTORS.find((c) => c.type === type);
  if (!found) throw new Error(`no simulated connector ${type}`);
  return found.config;
};

/** Starts the simulators, the database and the Temporal test server with a worker of the real activities. */
export async function startReconcileWorld(): Promise<ReconcileWorld> {
  const netsuite = createNetSuiteSimulator();
  const wms = createWmsSimulator();
  let client: MongoClient | undefined;
  try {
    const opened = await openTestDatabase('hub_reconcile');
    client = opened.client;
    const { db } = opened;
    const [netsuiteUrl, wmsUrl] = await Promise.all([netsuite.start(0), wms.start(0)]);
    const configs: Record<string, { type: string; kind: ConnectorKind; config: Record<string, unknown> }> = {
      [IDS.erp]: {
        type: 'netsuite-erp',
        kind: 'erp',
        config: configOf('netsuite-erp')(netsuiteUrl, 's', 'le_x'),
      },
      [IDS.wms]: {
        type: 'shiphero-wms',
        kind: 'wms',
        // Two positions a page, so the snapshot is read over several pages.
        config: {
          ...configOf('shiphero-wms')(wmsUrl, 'whsec-rec', 'le_x'),
          timeZone: 'UTC',
          timeoutMs: 10_000,
          pageSize: 2,
        },
      },
    };
    const connectors = {
      getDecryptedConfig: (id: string) => {
        const known = configs[id];
        if (!known) return Promise.reject(new Error(`no connector ${id}`));
        return Promise.resolve({ id, name: id, status: 'active', revision: 1, ...known });
      },
    } as unknown as ConnectorStore;
    const registry: ConnectorTypeLookup = { getConnectorType, listConnectorTypes };
    const logger = createLogger('test', 'silent');
    const crossReferences = createCrossReferenceStore(db);
    const ledger = createStockLedger(db);
    const store = createReconciliationStore(db);
    const quarantine = createQuarantine(db);
    const ownership = createOwnership(db, quarantine);
    const dedup = createInboundDedup(db);
    const masterData = createMasterData(db, { dedup, ownership, crossReferences });
    const audit = createMasterDataAudit(db);
    for (const s of [crossReferences, ledger, store, quarantine, ownership, dedup, masterData, audit])
      await s.ensureIndexes();
    await crossReferences.link(
      { connectorId: IDS.erp, objectType: 'location', externalId: '1' },
      IDS.primary,
    );
    await crossReferences.link(
      { connectorId: IDS.erp, objectType: 'location', externalId: '2' },
      IDS.secondary,
    );
    const runtime = createConnectorRuntime({ connectors, registry, crossReferences, logger });
    const activities = {
      ...createReconcileActivities({ runtime, crossReferences, ledger, db, store, logger }),
      ...createMasterDataSyncActivities({
        runtime,
        ownership,
        masterData,
        audit,
        quarantine,
        crossReferences,
        validator: createCanonicalValidator(),
        logger,
      }),
    };
    const metrics = new Registry();
    registerDiscrepancyGauge(metrics, store);
    const env = await startTestServer();
    const worker = await runWorldWorker(env, 'reconcile', Object.keys(activities), () => ({ activities }));
    const opened2 = client;
    return {
      env,
      taskQueue: worker.taskQueue,
      db,
      store,
      ledger,
      masterData,
      ownership,
      quarantine,
      audit,
      metrics,
      setStock(rows) {
        const items = netsuite.store.collection<Record<string, unknown>>('inventoryItem');
        const products = wms.store.collection<Record<string, unknown>>(WMS_SIM_COLLECTIONS.products);
        items.clear();
        products.clear();
        const skus = [...new Set(rows.map((r) => r.sku))];
        skus.forEach((sku, i) => {
          const id = String(91000 + i);
          const locations = rows
            .filter((r) => r.sku === sku && r.erp !== undefined)
            .map((r) => ({
              location: NS_LOCATION[r.location],
              quantityOnHand: num(r.erp ?? '0'),
              averageCostMli: num('1.5'),
            }));
          items.put(id, {
            id,
            itemId: sku,
            displayName: `Reconciled ${sku}`,
            stockUnit: { id: '1', refName: 'Each' },
            lastModifiedDate: '2026-01-01T00:00:00Z',
            locations: { items: locations },
          });
        });
        for (const r of rows) {
          if (r.wms === undefined) continue;
          const warehouseId = WMS_SIM_WAREHOUSES[r.location];
          products.put(`${warehouseId}|${r.sku}`, {
            id: `wp-${r.location}-${r.sku}`,
            sku: r.sku,
            name: r.sku,
            warehouse_id: warehouseId,
            on_hand: r.wms,
            allocated: 0,
            non_sellable_quantity: 0,
            backorder: 0,
            // Changed an hour ago: not itself a sign of events in flight.
            updated_at: new Date(Date.now() - 3_600_000).toISOString(),
          });
        }
      },
      netsuiteItems: () => netsuite.store.collection<Record<string, unknown>>('inventoryItem').all(),
      async stop() {
        await worker.stop();
        await Promise.allSettled([netsuite.stop(), wms.stop()]);
        await db.dropDatabase().catch(() => undefined);
        await opened2.close();
      },
    };
  } catch (err) {
    await Promise.allSettled([netsuite.stop(), wms.stop()]);
    await client?.close();
    throw err;
  }
}
