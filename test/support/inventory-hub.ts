/**
 * A whole hub for the inventory synchronisation acceptance test: API and worker processes on a database of their
 * own, the ERP (NetSuite), WMS (ShipHero) and web-store (Shopify) simulators in process, and `skus` × 3 locations
 * that exist in all three — NetSuite items with stock at three locations, products in three WMS warehouses,
 * variants with inventory levels at three Shopify locations — every figure starting at zero. The hub's locations
 * are linked to each system's (cross-references), the count policy of the legal entity names the ERP and lets
 * every count post by itself (the approval path has tests of its own).
 */
import type { Db } from 'mongodb';
import { createCrossReferenceStore } from '../../canonical-model/cross-reference';
import { createCountPolicyStore } from '../../platform/inventory/count-policy-store';
import { addInventoryItems, addLocations, createNetSuiteSimulator } from '../../simulators/netsuite';
import { addCatalogue, createShopifySimulator, SEEDED_LOCATIONS } from '../../simulators/shopify';
import { createWmsSimulator, WMS_SIM_WAREHOUSES, wmsWarehouseId } from '../../simulators/wms';
import type { Simulator } from '../../simulators/kit/simulator';
import type { apiCaller, HubProcess } from './processes';
import { registerConnector, simControl, simulatedConfig, startHubHarness } from './hub-harness';

/** The legal entity the stock belongs to. */
export const INVENTORY_ENTITY = 'le_inventory_sync';

/** One location as each system knows it. */
export interface SyncLocation {
  /** The hub's canonical location id. */
  hub: string;
  netsuite: string;
  wms: string;
  shopify: number;
}

/** The three locations: NetSuite 1 Chicago, 2 Reno, 3 Dallas (added); the WMS's two seeded and a third warehouse. */
export const SYNC_LOCATIONS: readonly SyncLocation[] = [
  {
    hub: 'loc_sync_chicago',
    netsuite: '1',
    wms: WMS_SIM_WAREHOUSES.primary,
    shopify: SEEDED_LOCATIONS[0]!.id,
  },
  {
    hub: 'loc_sync_reno',
    netsuite: '2',
    wms: WMS_SIM_WAREHOUSES.secondary,
    shopify: SEEDED_LOCATIONS[1]!.id,
  },
  { hub: 'loc_sync_dallas', netsuite: '3', wms: wmsWarehouseId(11792), shopify: 655441493 },
];

/** The SKUs of a hub with `count` of them (none is in any simulator's seed). */
export function syncSkus(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `SYNC-${String(i + 1).padStart(4, '0')}`);
}

/** The running hub. */
export interface InventoryHub {
  api: HubProcess & { url: string };
  worker: HubProcess & { metricsUrl: string };
  call: ReturnType<typeof apiCaller>;
  db: Db;
  sims: {
    netsuite: Simulator<object>;
    wms: Simulator<object>;
    shopify: ReturnType<typeof createShopifySimulator>;
  };
  connectors: { erp: string; wms: string; shop: string };
  skus: string[];
  /** Stops the worker (SIGKILL: no graceful shutdown) and starts a new one. */
  restartWorker(signal?: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

/** Starts everything with `skus` SKUs stocked (at zero) at the three locations in every system. */
export async function startInventoryHub(skuCount: number): Promise<InventoryHub> {
  const netsuite = createNetSuiteSimulator();
  const wms = createWmsSimulator();
  const shopify = createShopifySimulator();
  const h = await startHubHarness('inv', [netsuite, wms, shopify]);
  const { suffix, call, db } = h;
  const skus = syncSkus(skuCount);
  try {
    const secret = `whsec-${suffix}`;
    const configOf = (type: string, url: string) => simulatedConfig(type)(url, secret, INVENTORY_ENTITY);
    const erp = await registerConnector(call, 'netsuite-erp', configOf('netsuite-erp', netsuite.url));
    const wmsId = await registerConnector(call, 'shiphero-wms', {
      ...configOf('shiphero-wms', wms.url),
      warehouses: SYNC_LOCATIONS.map((l) => ({ warehouseId: l.wms, locationId: l.hub })),
    });
    wms.webhooks.target = { url: `${h.api.url}/v1/webhooks/${wmsId}`, secret };
    const shop = await registerConnector(call, 'shopify-commerce', configOf('shopify-commerce', shopify.url));

    // The ERP: a third location, and every SKU an item at zero in all three, valued (counts are judged by value).
    addLocations(netsuite.store, [{ id: '3', name: 'Dallas DC' }]);
    addInventoryItems(
      netsuite.store,
      skus.map((sku) => ({
        sku,
        cost: '2.50',
        onHand: Object.fromEntries(SYNC_LOCATIONS.map((l) => [l.netsuite, '0'])),
      })),
    );
    // The WMS: a third warehouse, and every SKU a product at zero in all three.
    await simControl(wms.url, '/__sim/warehouses', {
      warehouses: [{ id: SYNC_LOCATIONS[2]!.wms, legacy_id: 11792, identifier: 'Dallas' }],
    });
    await simControl(wms.url, '/__sim/stock', {
      products: skus.flatMap((sku) => SYNC_LOCATIONS.map((l) => ({ sku, warehouse_id: l.wms, on_hand: 0 }))),
    });
    // The shop: a third location, and every SKU a variant stocked (0 available) at all three.
    addCatalogue(shopify, {
      skus,
      locations: SYNC_LOCATIONS.map((l, i) => ({
        id: l.shopify,
        name: SEEDED_LOCATIONS[i]?.name ?? 'Dallas DC',
      })),
      available: 0,
    });

    const xrefs = createCrossReferenceStore(db);
    await xrefs.ensureIndexes();
    for (const l of SYNC_LOCATIONS) {
      await xrefs.link({ connectorId: erp, objectType: 'location', externalId: l.netsuite }, l.hub);
      await xrefs.link({ connectorId: shop, objectType: 'location', externalId: String(l.shopify) }, l.hub);
    }
    // Thresholds no count of the test reaches: every count posts by itself.
    const policies = createCountPolicyStore(db);
    await policies.ensureIndexes();
    await policies.put({
      legalEntityId: INVENTORY_ENTITY,
      erpConnectorId: erp,
      approvalThresholdUnits: '1000000',
      approvalThresholdValue: '1000000000',
      currency: 'USD',
    });

    const hub: InventoryHub = {
      get api() {
        return h.api;
      },
      get worker() {
        return h.worker;
      },
      call,
      db,
      sims: { netsuite, wms, shopify },
      connectors: { erp, wms: wmsId, shop },
      skus,
      restartWorker: (signal?: NodeJS.Signals) => h.restartWorker(signal),
      stop: () => h.stop(),
    };
    return hub;
  } catch (err) {
    await h.stop();
    throw err;
  }
}
