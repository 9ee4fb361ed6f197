/**
 * Adding locations and inventory items to a simulated NetSuite account beyond its seed, for volume tests that need
 * many items stocked at several locations (in process: the test holds the simulator). Items are shaped as the seed
 * shapes them — `itemId` is the SKU, per-location `quantityOnHand` and `averageCostMli` in the `locations` sublist.
 */
import type { Store } from '../kit/store';
import { num } from './decimal';

/** One item to add: its SKU, unit cost and the quantity on hand at each location id. */
export interface CatalogueItem {
  sku: string;
  cost: string;
  onHand: Record<string, string>;
}

const SUBSIDIARY = { id: '1', refName: 'Acme Distribution US' };

/** Adds (or replaces) locations of the seeded subsidiary. */
export function addLocations(store: Store, locations: { id: string; name: string }[]): void {
  for (const l of locations)
    store.collection('location').put(l.id, { id: l.id, name: l.name, subsidiary: SUBSIDIARY });
}

/** Adds inventory items with internal ids from `firstId` on; answers the ids by SKU. */
export function addInventoryItems(
  store: Store,
  items: CatalogueItem[],
  firstId = 90001,
): Map<string, string> {
  const locations = store.collection<{ id: string; name: string }>('location');
  const ids = new Map<string, string>();
  items.forEach((item, i) => {
    const id = String(firstId + i);
    ids.set(item.sku, id);
    store.collection('inventoryItem').put(id, {
      id,
      itemId: item.sku,
      displayName: `Simulated item ${item.sku}`,
      isInactive: false,
      stockUnit: { id: '1', refName: 'Each' },
      basePrice: num(item.cost),
      cost: num(item.cost),
      subsidiary: SUBSIDIARY,
      lastModifiedDate: '2025-06-01T12:00:00Z',
      locations: {
        items: Object.entries(item.onHand).map(([locationId, quantity]) => ({
          location: { id: locationId, refName: locations.get(locationId)?.name ?? locationId },
          quantityOnHand: num(quantity),
          averageCostMli: num(item.cost),
        })),
      },
    });
  });
  return ids;
}
