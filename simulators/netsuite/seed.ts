/**
 * What a fresh simulated NetSuite account holds: one subsidiary, two locations, three GL accounts, customers with credit limits (one
 * on hold), vendors, and 32 inventory items with price levels, quantity breaks and per-location stock and cost.
 * Amounts are chosen so that float arithmetic shows (0.1 + 0.2, 3 × 1.1): only exact decimals get them right.
 */
import type { Store } from '../kit/store';
import { num } from './decimal';

/** Number of seeded inventory items (more than three pages of ten). */
export const SEEDED_ITEM_COUNT = 32;

const ref = (id: string, refName: string) => ({ id, refName });

/** The UPC-A of a seeded item, with its mod-10 check digit. */
export function seededUpc(index: number): string {
  const body = `01234${String(5000 + index).padStart(6, '0')}`;
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 3 : 1), 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

function cents(value: number): string {
  return `${Math.floor(value / 100)}.${String(value % 100).padStart(2, '0')}`;
}

/** Puts the seed records into the store (collections named after NetSuite record types). */
export function seedNetSuite(store: Store): void {
  const subsidiary = ref('1', 'Acme Distribution US');
  store
    .collection('subsidiary')
    .put('1', { id: '1', name: 'Acme Distribution US', currency: ref('1', 'USD') });
  const chicago = ref('1', 'Chicago DC');
  const reno = ref('2', 'Reno DC');
  for (const l of [chicago, reno]) {
    store.collection('location').put(l.id, { id: l.id, name: l.refName, subsidiary });
  }

  // General-ledger accounts adjustments can post against (NetSuite has no default one; an admin picks it).
  const accounts = [
    ['54', '1300', 'Inventory Asset', 'OthCurrAsset'],
    ['58', '5200', 'Inventory Adjustment', 'COGS'],
    ['112', '5210', 'Inventory Shrinkage', 'Expense'],
  ] as const;
  for (const [id, acctNumber, acctName, acctType] of accounts) {
    store
      .collection('account')
      .put(id, { id, acctNumber, acctName, acctType: ref(acctType, acctType), subsidiary });
  }

  const customers = [
    {
      id: '101',
      entityId: 'C-20391',
      companyName: 'BigBox Retail Inc.',
      isPerson: false,
      email: 'ap@bigbox.example.com',
      phone: '+1 312 555 0100',
      creditLimit: num('250000.10'),
      balance: num('0.1'),
      unbilledOrders: num('0.2'),
      creditHoldOverride: 'AUTO',
      terms: ref('2', 'Net 30'),
      priceLevel: ref('2', 'Wholesale'),
    },
    {
      id: '102',
      entityId: 'C-20392',
      companyName: 'Corner Hardware LLC',
      isPerson: false,
      email: 'owner@corner.example.com',
      creditLimit: num('5000'),
      balance: num('6200.55'),
      unbilledOrders: num('0'),
      creditHoldOverride: 'ON',
      terms: ref('1', 'Due on receipt'),
    },
    {
      id: '103',
      entityId: 'C-20393',
      companyName: 'Pat Doe',
      isPerson: true,
      balance: num('0'),
      unbilledOrders: num('0'),
      creditHoldOverride: 'AUTO',
    },
  ];
  for (const c of customers) {
    store.collection('customer').put(c.id, {
      ...c,
      isInactive: false,
      currency: ref('1', 'USD'),
      subsidiary,
      lastModifiedDate: '2025-02-01T08:00:00Z',
    });
  }

  const vendors = [
    {
      id: '201',
      entityId: 'V-311',
      companyName: 'Acme Metallwaren GmbH',
      email: 'orders@acme-metall.example.com',
    },
    { id: '202', entityId: 'V-312', companyName: 'Fastener Supply Co.', email: 'sales@fastener.example.com' },
  ];
  for (const v of vendors) {
    store.collection('vendor').put(v.id, {
      ...v,
      isInactive: false,
      currency: ref('1', 'USD'),
      terms: ref('3', 'Net 60'),
      subsidiary,
      lastModifiedDate: '2025-02-01T08:00:00Z',
    });
  }

  for (let i = 0; i < SEEDED_ITEM_COUNT; i++) {
    const id = String(4711 + i);
    const base = 349 + i * 25;
    // The first twenty were last changed in January, the rest in June: incremental reads can tell them apart.
    const modified =
      i < 20
        ? `2025-01-15T10:${String(i).padStart(2, '0')}:00Z`
        : `2025-06-01T12:${String(i).padStart(2, '0')}:00Z`;
    store.collection('inventoryItem').put(id, {
      id,
      itemId: `WID-${1001 + i}`,
      displayName: `Stainless widget, ${40 + i} mm`,
      description: `Food-grade stainless steel widget, ${40 + i} mm.`,
      isInactive: i === 31,
      upcCode: seededUpc(i),
      stockUnit: ref('1', i % 4 === 3 ? 'Case' : 'Each'),
      basePrice: num(cents(base)),
      cost: num(cents(Math.round(base * 0.6))),
      subsidiary,
      lastModifiedDate: modified,
      price: {
        items: [
          { priceLevel: ref('1', 'Base Price'), minimumQuantity: num('0'), price: num(cents(base)) },
          { priceLevel: ref('1', 'Base Price'), minimumQuantity: num('100'), price: num(cents(base - 39)) },
          { priceLevel: ref('2', 'Wholesale'), minimumQuantity: num('0'), price: num(cents(base - 54)) },
          { priceLevel: ref('2', 'Wholesale'), minimumQuantity: num('100'), price: num(cents(base - 69)) },
        ],
      },
      locations: {
        items: [
          { location: chicago, quantityOnHand: num(String(3 + i)), averageCostMli: num('1.1') },
          { location: reno, quantityOnHand: num('10.5'), averageCostMli: num(`0.${7 + (i % 3)}`) },
        ],
      },
    });
  }
}
