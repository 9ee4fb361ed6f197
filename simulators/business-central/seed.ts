/** The reference data a fresh Business Central company holds: payment terms, an item journal batch, locations, customers, vendors, items. */
import { withGs1CheckDigit } from '../../canonical-model/gtin';
import type { Simulator } from '../kit/simulator';
import type { BcSimSettings } from './settings';

/** A deterministic GUID for seeded record `n` of a kind (BC ids are GUIDs). */
export function seedGuid(kind: number, n: number): string {
  return `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

const SEEDED_AT = '2025-01-01T08:00:00Z';

/** Cents-exact product of an integer quantity and a two-decimal price (the simulator avoids float drift). */
function times(quantity: number, price: number): number {
  return (quantity * Math.round(price * 100)) / 100;
}

/** Puts the seed into the simulator's store. */
export function seedBusinessCentral(sim: Simulator<BcSimSettings>): void {
  const put = (collection: string, record: Record<string, unknown>) =>
    sim.store.collection(collection).put(String(record.id), { '@odata.etag': 'W/"JzE7Jw=="', ...record });
  const companyId = sim.settings.companyId;
  put('companies', {
    id: companyId,
    systemVersion: '24.0.16410.18056',
    name: 'CRONUS USA, Inc.',
    displayName: 'CRONUS USA, Inc.',
    businessProfileId: '',
    systemCreatedAt: SEEDED_AT,
  });

  const terms = [
    ['NET30', 'Net 30 days', '30D', '', 0],
    ['2%10/NET30', '2% 10 days, net 30', '30D', '10D', 2],
    ['NET60', 'Net 60 days', '60D', '', 0],
    ['COD', 'Cash on delivery', '0D', '', 0],
  ] as const;
  terms.forEach(([code, displayName, dueDateCalculation, discountDateCalculation, discountPercent], i) =>
    put('paymentTerms', {
      id: seedGuid(0x70, i + 1),
      code,
      displayName,
      dueDateCalculation,
      discountDateCalculation,
      discountPercent,
      calculateDiscountOnCreditMemos: false,
      lastModifiedDateTime: SEEDED_AT,
    }),
  );
  const termsId = (code: string) => seedGuid(0x70, terms.findIndex((t) => t[0] === code) + 1);

  put('itemJournalBatches', {
    id: seedGuid(0x1b, 1),
    journalTemplateName: 'ITEM',
    name: 'DEFAULT',
    description: 'Default journal (no number series: the Document No. comes with each line)',
  });

  const locations = [
    ['MAIN', 'Main Warehouse', '1800 W Roosevelt Rd', 'Chicago', 'IL', '60608'],
    ['EAST', 'East Coast DC', '40 Port St', 'Newark', 'NJ', '07114'],
  ] as const;
  locations.forEach(([code, displayName, addressLine1, city, state, postalCode], i) =>
    put('locations', {
      id: seedGuid(0x10, i + 1),
      code,
      displayName,
      contact: '',
      addressLine1,
      addressLine2: '',
      city,
      state,
      country: 'US',
      postalCode,
      lastModifiedDateTime: SEEDED_AT,
    }),
  );

  const customers = [
    ['C10000', 'Adatum Corporation', 'Company', 250000, 12500.5, '', 'NET30', 'Chicago', 'IL'],
    ['C20000', 'Trey Research', 'Company', 50000, 49000.25, '', '2%10/NET30', 'Atlanta', 'GA'],
    ['C30000', 'School of Fine Art', 'Company', 10000, 10850, 'All', 'NET30', 'Miami', 'FL'],
    ['C40000', 'Alpine Ski House', 'Company', 0, 0, '', 'COD', 'Denver', 'CO'],
    ['C50000', 'Jordan Lee', 'Person', 2500, 120.75, 'Ship', 'NET30', 'Austin', 'TX'],
  ] as const;
  customers.forEach(([number, displayName, type, creditLimit, balanceDue, blocked, code, city, state], i) =>
    put('customers', {
      id: seedGuid(0xc0, i + 1),
      number,
      displayName,
      type,
      addressLine1: `${100 + i} Commerce Plaza`,
      addressLine2: '',
      city,
      state,
      country: 'US',
      postalCode: `${30000 + i * 1111}`,
      phoneNumber: `+1 312 555 01${10 + i}`,
      email: `ap@${displayName.toLowerCase().replace(/[^a-z]+/g, '')}.example.com`,
      website: '',
      salespersonCode: 'JR',
      balanceDue,
      creditLimit,
      taxLiable: true,
      taxAreaId: '00000000-0000-0000-0000-000000000000',
      taxRegistrationNumber: '',
      currencyId: '00000000-0000-0000-0000-000000000000',
      currencyCode: '',
      paymentTermsId: termsId(code),
      shipmentMethodId: '00000000-0000-0000-0000-000000000000',
      paymentMethodId: '00000000-0000-0000-0000-000000000000',
      blocked,
      lastModifiedDateTime: `2025-01-0${i + 1}T09:00:00Z`,
    }),
  );

  const vendors = [
    ['V10000', 'Fabrikam, Inc.', '', 'NET30', 'Atlanta', 'GA'],
    ['V20000', 'First Up Consultants', '', 'NET60', 'Seattle', 'WA'],
    ['V30000', 'Graphic Design Institute', 'Payment', 'NET30', 'Boston', 'MA'],
  ] as const;
  vendors.forEach(([number, displayName, blocked, code, city, state], i) =>
    put('vendors', {
      id: seedGuid(0xe0, i + 1),
      number,
      displayName,
      addressLine1: `${500 + i} Industrial Way`,
      addressLine2: '',
      city,
      state,
      country: 'US',
      postalCode: `${40000 + i * 1111}`,
      phoneNumber: `+1 404 555 02${10 + i}`,
      email: `orders@${displayName.toLowerCase().replace(/[^a-z]+/g, '')}.example.com`,
      website: '',
      taxRegistrationNumber: '',
      currencyId: '00000000-0000-0000-0000-000000000000',
      currencyCode: '',
      irs1099Code: '',
      paymentTermsId: termsId(code),
      paymentMethodId: '00000000-0000-0000-0000-000000000000',
      taxLiable: false,
      blocked,
      balance: 1000 * (i + 1),
      lastModifiedDateTime: `2025-01-0${i + 1}T10:00:00Z`,
    }),
  );

  for (let n = 1; n <= 32; n += 1) {
    const service = n === 31;
    const unit = n % 7 === 0 ? 'BOX' : n % 5 === 0 ? 'CASE' : 'PCS';
    const unitCost = Number((1.85 + n * 0.5).toFixed(2));
    const unitPrice = Number((3.49 + n).toFixed(2));
    const id = seedGuid(0x1a, n);
    const number = `WID-${1000 + n}`;
    let inventory = 0;
    if (!service) {
      for (const [l, [code]] of locations.entries()) {
        const quantity = l === 0 ? 100 + n : 20 + (n % 4) * 5;
        inventory += quantity;
        const entryNumber = sim.store.next('itemLedgerEntry');
        put('itemLedgerEntries', {
          id: seedGuid(0x1e, entryNumber),
          entryNumber,
          itemNumber: number,
          postingDate: '2024-12-31',
          entryType: 'Positive Adjmt.',
          sourceNumber: '',
          sourceType: '',
          documentNumber: 'OPENING',
          documentType: ' ',
          locationCode: code,
          description: 'Opening balance',
          quantity,
          salesAmountActual: 0,
          costAmountActual: times(quantity, unitCost),
          lastModifiedDateTime: SEEDED_AT,
        });
      }
    }
    put('items', {
      id,
      number,
      displayName: n === 1 ? 'Stainless widget, 40 mm' : `Widget model ${n}`,
      displayName2: '',
      type: service ? 'Service' : 'Inventory',
      itemCategoryId: '00000000-0000-0000-0000-000000000000',
      itemCategoryCode: service ? 'SERVICES' : 'HARDWARE',
      blocked: n === 32,
      gtin: service ? '' : withGs1CheckDigit(`0614141${String(10000 + n).slice(-5)}`),
      inventory,
      unitPrice,
      priceIncludesTax: false,
      unitCost,
      taxGroupId: '00000000-0000-0000-0000-000000000000',
      taxGroupCode: 'TAXABLE',
      baseUnitOfMeasureId: '00000000-0000-0000-0000-000000000000',
      baseUnitOfMeasureCode: unit,
      generalProductPostingGroupCode: 'RETAIL',
      inventoryPostingGroupCode: 'RESALE',
      lastModifiedDateTime: new Date(Date.UTC(2025, 0, n, 8)).toISOString().replace('.000Z', 'Z'),
    });
  }

  const prices = [
    ['WID-1001', 'Customer', 'C10000', 0, 3.1, '2025-01-01', ''],
    ['WID-1001', 'All Customers', '', 100, 3.25, '', ''],
    ['WID-1002', 'Customer', 'C20000', 0, 4.1, '2024-01-01', '2024-12-31'],
    ['WID-1002', 'Customer Price Group', 'WHOLESALE', 10, 4.6, '', ''],
    ['WID-1003', 'All Customers', '', 50, 2.99, '', ''],
  ] as const;
  prices.forEach(
    ([itemNumber, salesType, salesCode, minimumQuantity, unitPrice, startingDate, endingDate], i) =>
      put('salesPrices', {
        id: seedGuid(0x9e, i + 1),
        itemNumber,
        salesType,
        salesCode,
        currencyCode: '',
        unitOfMeasureCode: 'PCS',
        minimumQuantity,
        unitPrice,
        startingDate,
        endingDate,
        lastModifiedDateTime: SEEDED_AT,
      }),
  );
}
