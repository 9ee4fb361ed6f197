import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCanonicalValidator } from '../../../canonical-model/validate';
import { parseJson } from '../../sdk/json';
import { customerFromBc } from './customer';
import { itemFromBc } from './item';
import { supplierFromBc } from './vendor';
import type { BcRecord } from './common';

const validator = createCanonicalValidator();
const fixture = (name: string) =>
  parseJson(readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), 'utf8')) as BcRecord;

describe('Business Central mappers (recorded API v2.0 payloads)', () => {
  it('maps an item with exact money and PCS as EA, and the result validates', () => {
    const item = itemFromBc(fixture('bc-item'), 'bc-test', 'le_acme_us', 'USD');
    expect(validator.validate('item', item)).toMatchObject({ valid: true });
    expect(item).toMatchObject({
      id: 'bc-test:item:1a7d3a2c-6b0d-ef11-9f89-6045bde9c1b2',
      sku: 'WID-1001',
      baseUom: 'EA',
      standardCost: { amount: '1.845', currency: 'USD' },
      prices: [{ unitPrice: { amount: '3.49', currency: 'USD' }, uom: 'EA' }],
      source: { system: 'business-central', version: '2025-03-30T22:14:07.123Z' },
    });
    expect(item.identifiers).toContainEqual({ qualifier: 'GTIN', value: '0012345678905' });
  });

  it('maps a blocked customer to credit hold with its terms and limit', () => {
    const customer = customerFromBc(fixture('bc-customer'), 'bc-test', 'le_acme_us', 'USD');
    expect(validator.validate('customer', customer)).toMatchObject({ valid: true });
    expect(customer).toMatchObject({
      customerNumber: 'C10000',
      status: 'credit-hold',
      currency: 'USD',
      creditLimit: { amount: '250000', currency: 'USD' },
      paymentTerms: { code: '2%10/NET30', netDays: 30, discountPercent: '2', discountDays: 10 },
      billingAddress: { lines: ['192 Market Square', 'Suite 400'], city: 'Atlanta', countryCode: 'US' },
    });
  });

  it('maps a vendor in a foreign currency', () => {
    const supplier = supplierFromBc(fixture('bc-vendor'), 'bc-test', 'le_acme_us', 'USD');
    expect(validator.validate('supplier', supplier)).toMatchObject({ valid: true });
    expect(supplier).toMatchObject({
      supplierNumber: 'V10000',
      status: 'active',
      currency: 'EUR',
      paymentTerms: { netDays: 60 },
    });
  });

  it('names the vendor field when a record does not map', () => {
    const bad = { ...fixture('bc-item'), baseUnitOfMeasureCode: 'HOUR', gtin: '123', number: '' };
    expect(() => itemFromBc(bad, 'bc-test', 'le_acme_us', 'USD')).toThrow(
      expect.objectContaining({
        kind: 'data',
        fieldErrors: expect.arrayContaining([
          expect.objectContaining({ path: '/baseUnitOfMeasureCode' }),
          expect.objectContaining({ path: '/gtin' }),
          expect.objectContaining({ path: '/number' }),
        ]) as unknown,
      }),
    );
  });
});
