import type { Simulator } from '../kit/simulator';
import { createOrder } from './orders';
import { COLLECTIONS, shopTime } from './records';
import type { SimInventoryLevel, SimLocation, SimVariant } from './records';
import type { ShopifySimSettings } from './settings';

/** The SKUs the seed creates, with their variant, product and inventory item ids. */
export const SEEDED_VARIANTS: SimVariant[] = [
  {
    id: 49148385,
    product_id: 632910392,
    sku: 'WID-1001',
    title: 'Stainless widget 40mm',
    price: '3.10',
    inventory_item_id: 808950810,
  },
  {
    id: 49148386,
    product_id: 632910392,
    sku: 'WID-1002',
    title: 'Stainless widget 60mm',
    price: '4.25',
    inventory_item_id: 808950811,
  },
  {
    id: 39072856,
    product_id: 632910393,
    sku: 'GAD-2001',
    title: 'Gadget kit',
    price: '199.99',
    inventory_item_id: 808950812,
  },
];

/** The two locations of the seeded shop. */
export const SEEDED_LOCATIONS: SimLocation[] = [
  { id: 655441491, name: 'Chicago DC' },
  { id: 655441492, name: 'Reno DC' },
];

/** Puts products, locations, stock at every location, and `seedOrders` backdated orders (no webhooks). */
export function seedShop(sim: Simulator<ShopifySimSettings>): void {
  const { store, settings } = sim;
  for (const v of SEEDED_VARIANTS)
    store.collection<SimVariant>(COLLECTIONS.variants).put(String(v.id), { ...v });
  for (const l of SEEDED_LOCATIONS)
    store.collection<SimLocation>(COLLECTIONS.locations).put(String(l.id), { ...l });
  const seededAt = shopTime(new Date(Date.UTC(2025, 2, 1, 15)), settings.utcOffsetMinutes);
  for (const v of SEEDED_VARIANTS) {
    for (const l of SEEDED_LOCATIONS) {
      store.collection<SimInventoryLevel>(COLLECTIONS.inventoryLevels).put(`${v.inventory_item_id}:${l.id}`, {
        inventory_item_id: v.inventory_item_id,
        location_id: l.id,
        sku: v.sku,
        available: 10,
        updated_at: seededAt,
        last_reference: null,
      });
    }
  }
  for (let i = 0; i < settings.seedOrders; i++) {
    const variant = SEEDED_VARIANTS[i % SEEDED_VARIANTS.length]!;
    createOrder(
      sim,
      {
        lines: [{ sku: variant.sku, quantity: 1 + i }],
        createdAt: shopTime(new Date(Date.UTC(2025, 2, 1, 15 + i)), settings.utcOffsetMinutes),
      },
      { seeded: true },
    );
  }
}
