/**
 * Adding products to a simulated shop beyond its seed, for volume tests: one variant per SKU (each with its own
 * inventory item), extra locations, and an inventory level of every new variant at each named location.
 */
import type { Simulator } from '../kit/simulator';
import { COLLECTIONS, shopTime } from './records';
import type { SimInventoryLevel, SimLocation, SimVariant } from './records';
import type { ShopifySimSettings } from './settings';

/** What to add: SKUs, locations (created when new) and the available quantity every new level starts at. */
export interface ShopCatalogue {
  skus: string[];
  locations: SimLocation[];
  available: number;
  /** First variant id; products, inventory items follow from it. */
  firstId?: number;
}

/** Adds the catalogue; answers the variants made. */
export function addCatalogue(sim: Simulator<ShopifySimSettings>, catalogue: ShopCatalogue): SimVariant[] {
  const first = catalogue.firstId ?? 70_000_000;
  const now = shopTime(new Date(), sim.settings.utcOffsetMinutes);
  for (const l of catalogue.locations)
    sim.store.collection<SimLocation>(COLLECTIONS.locations).put(String(l.id), { ...l });
  return catalogue.skus.map((sku, i) => {
    const variant: SimVariant = {
      id: first + i,
      product_id: first + 1_000_000 + i,
      sku,
      title: `Simulated product ${sku}`,
      price: '10.00',
      inventory_item_id: first + 2_000_000 + i,
    };
    sim.store.collection<SimVariant>(COLLECTIONS.variants).put(String(variant.id), variant);
    for (const l of catalogue.locations) {
      sim.store
        .collection<SimInventoryLevel>(COLLECTIONS.inventoryLevels)
        .put(`${variant.inventory_item_id}:${l.id}`, {
          inventory_item_id: variant.inventory_item_id,
          location_id: l.id,
          sku,
          available: catalogue.available,
          updated_at: now,
          last_reference: null,
        });
    }
    return variant;
  });
}
