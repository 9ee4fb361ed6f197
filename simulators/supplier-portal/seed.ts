/** The reference data a fresh portal holds: the suppliers the buyer trades with and their catalogue items. */
import type { Simulator } from '../kit/simulator';

/** A postal address as the portal writes it. */
export interface PortalAddress {
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postal_code?: string;
  country: string;
}

/** A party (ship-from, ship-to, remit-to) as the portal writes it. */
export interface PortalParty {
  name?: string;
  code?: string;
  gln?: string;
  address?: PortalAddress;
}

/** A supplier account on the portal. */
export interface PortalSupplier {
  id: string;
  object: 'supplier';
  code: string;
  name: string;
  currency: string;
  ship_from: PortalParty;
  remit_to: PortalParty;
}

/** A catalogue item of a supplier. */
export interface PortalCatalogItem {
  id: string;
  supplier_id: string;
  sku: string;
  vendor_part: string;
  description: string;
  unit: string;
  unit_price: string;
}

/** The seeded suppliers (stable ids, so tests and the demo can name them). */
export const SEED_SUPPLIERS: PortalSupplier[] = [
  {
    id: 'sup_7hq2m4ac9x',
    object: 'supplier',
    code: 'ACME-DE',
    name: 'Acme Fasteners GmbH',
    currency: 'EUR',
    ship_from: {
      name: 'Acme Fasteners Werk Stuttgart',
      code: 'STR-1',
      address: { line1: 'Industriestr. 12', city: 'Stuttgart', postal_code: '70565', country: 'DE' },
    },
    remit_to: {
      name: 'Acme Fasteners GmbH',
      address: { line1: 'Postfach 4411', city: 'Stuttgart', postal_code: '70501', country: 'DE' },
    },
  },
  {
    id: 'sup_k3v8p1zt6n',
    object: 'supplier',
    code: 'NWP-US',
    name: 'Northwind Packaging Co.',
    currency: 'USD',
    ship_from: {
      name: 'Northwind Columbus DC',
      code: 'CMH-2',
      address: {
        line1: '4400 Alum Creek Dr',
        city: 'Columbus',
        region: 'OH',
        postal_code: '43207',
        country: 'US',
      },
    },
    remit_to: {
      name: 'Northwind Packaging Co.',
      address: { line1: 'PO Box 77120', city: 'Columbus', region: 'OH', postal_code: '43277', country: 'US' },
    },
  },
];

/** The seeded catalogue. */
export const SEED_CATALOG: PortalCatalogItem[] = [
  ['WID-1001', 'ACM-88213', 'Stainless widget, 40 mm', 'case', '22.14'],
  ['WID-1002', 'ACM-88214', 'Stainless widget, 60 mm', 'case', '31.50'],
  ['BLT-2040', 'ACM-20400', 'Hex bolt M8 x 40, zinc', 'box', '12.375'],
  ['NUT-0800', 'ACM-08000', 'Hex nut M8, zinc', 'box', '4.10'],
  ['WSH-0810', 'ACM-08100', 'Washer M8, stainless', 'each', '0.0425'],
].map(([sku, vendorPart, description, unit, price], i) => ({
  id: `itm_acme${i + 1}`,
  supplier_id: 'sup_7hq2m4ac9x',
  sku: sku!,
  vendor_part: vendorPart!,
  description: description!,
  unit: unit!,
  unit_price: price!,
}));

/** Puts the suppliers and the catalogue into a fresh (or reset) simulator. */
export function seedPortal(sim: Simulator): void {
  for (const s of SEED_SUPPLIERS) sim.store.collection('suppliers').put(s.id, structuredClone(s));
  for (const c of SEED_CATALOG) sim.store.collection('catalog-items').put(c.id, { ...c });
}
