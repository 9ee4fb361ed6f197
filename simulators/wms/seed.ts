/** The reference data of a fresh WMS simulator: two warehouses, 36 SKUs in the first and 5 in the second. */
import type { Simulator } from '../kit/simulator';
import { shipheroId } from './ids';
import { COLLECTIONS, productKey } from './records';
import type { SimWarehouse, SimWarehouseProduct } from './records';
import type { WmsSimSettings } from './settings';

/** The seeded warehouses (ShipHero ids). */
export const WMS_SIM_WAREHOUSES = {
  primary: shipheroId('Warehouse', 11790),
  secondary: shipheroId('Warehouse', 11791),
} as const;

/** The SKUs stocked in the primary warehouse (the first five are in the secondary one too). */
export const WMS_SIM_SKUS: readonly string[] = Array.from({ length: 36 }, (_, i) => `SKU-${1001 + i}`);

/** Puts the warehouses and their stock. */
export function seedWms(sim: Simulator<WmsSimSettings>): void {
  const warehouses = sim.store.collection<SimWarehouse>(COLLECTIONS.warehouses);
  warehouses.put(WMS_SIM_WAREHOUSES.primary, {
    id: WMS_SIM_WAREHOUSES.primary,
    legacy_id: 11790,
    identifier: 'Primary',
  });
  warehouses.put(WMS_SIM_WAREHOUSES.secondary, {
    id: WMS_SIM_WAREHOUSES.secondary,
    legacy_id: 11791,
    identifier: 'Secondary',
  });
  const products = sim.store.collection<SimWarehouseProduct>(COLLECTIONS.products);
  const now = new Date().toISOString();
  WMS_SIM_SKUS.forEach((sku, i) => {
    const stock: [string, number][] = [[WMS_SIM_WAREHOUSES.primary, 500 + i]];
    if (i < 5) stock.push([WMS_SIM_WAREHOUSES.secondary, 50]);
    for (const [warehouseId, onHand] of stock) {
      products.put(productKey(warehouseId, sku), {
        id: shipheroId('WarehouseProduct', sim.store.next('warehouse-product', 70000)),
        sku,
        name: `Simulated product ${sku}`,
        warehouse_id: warehouseId,
        on_hand: onHand,
        allocated: 0,
        non_sellable_quantity: 0,
        backorder: 0,
        updated_at: now,
      });
    }
  });
}
