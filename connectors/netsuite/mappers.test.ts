import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../canonical-model/fixtures/load-fixture';
import type { SalesOrder } from '../../canonical-model/generated/index';
import { createCanonicalValidator } from '../../canonical-model/validate';
import { isHubError } from '../../platform/errors';
import { parseJson, stringifyJson } from '../sdk/json';
import type { NetSuiteConfig } from './config-schema';
import { creditStatusFromNetSuite } from './mappers/credit';
import { customerFromNetSuite } from './mappers/customer';
import { itemFromNetSuite } from './mappers/item';
import { salesOrderToNetSuite } from './mappers/orders';
import { priceFromNetSuite } from './mappers/price';
import { supplierFromNetSuite } from './mappers/supplier';
import { valuationFromNetSuite } from './mappers/valuation';
import type { NsCustomer, NsInventoryItem, NsVendor } from './types';

const fixture = <T>(name: string): T =>
  parseJson(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as T;
const ctx = { connectorId: 'netsuite-prod', legalEntityId: 'le_acme_us', currency: 'USD' };
const validator = createCanonicalValidator();
const valid = (doc: { documentType: string }) => {
  const result = validator.validate(doc.documentType, doc);
  expect(result.valid ? [] : result.errors).toEqual([]);
};
const thrown = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (isHubError(err)) return err;
    throw err;
  }
  throw new Error('expected a HubError');
};

describe('NetSuite mappers', () => {
  it('maps an inventoryItem to a valid item, keeping a price a double cannot hold exactly', () => {
    const item = itemFromNetSuite(fixture<NsInventoryItem>('inventory-item'), ctx);
    valid(item);
    expect(item).toMatchObject({
      id: 'netsuite-prod:item:4711',
      sku: 'WID-1001',
      baseUom: 'EA',
      source: {
        connectorId: 'netsuite-prod',
        system: 'netsuite',
        externalId: '4711',
        version: '2025-03-30T22:14:07Z',
      },
      standardCost: { amount: '1.845', currency: 'USD' },
    });
    expect(item.prices?.[0]).toEqual({
      unitPrice: { amount: '90071992547409.93', currency: 'USD' },
      uom: 'EA',
    });
    expect(item.prices).toContainEqual({
      priceList: 'Wholesale',
      unitPrice: { amount: '2.8', currency: 'USD' },
      uom: 'EA',
      minQuantity: '100',
    });
    expect(item.identifiers).toContainEqual({ qualifier: 'UPC', value: '012345678905' });
  });

  it('names every NetSuite field that does not map', () => {
    const raw = fixture<NsInventoryItem>('inventory-item');
    delete raw.itemId;
    raw.price!.items![1]!.price = '3,10';
    const error = thrown(() => itemFromNetSuite(raw, ctx));
    expect(error.kind).toBe('data');
    expect(error.fieldErrors?.map((f) => f.path)).toEqual(['/itemId', '/price/items/1/price']);
    expect(error.message).toContain('NetSuite inventoryItem 4711 does not map: /itemId is missing');
  });

  it('maps customers and vendors to valid documents; a held customer is credit-hold', () => {
    const customer = customerFromNetSuite(fixture<NsCustomer>('customer'), ctx);
    valid(customer);
    expect(customer).toMatchObject({
      customerNumber: 'C-20391',
      status: 'active',
      creditLimit: { amount: '250000.1', currency: 'USD' },
      priceList: 'Wholesale',
      paymentTerms: { code: 'Net 30' },
    });
    const held = customerFromNetSuite({ ...fixture<NsCustomer>('customer'), creditHoldOverride: 'ON' }, ctx);
    expect(held.status).toBe('credit-hold');
    const supplier = supplierFromNetSuite(fixture<NsVendor>('vendor'), ctx);
    valid(supplier);
    expect(supplier).toMatchObject({
      supplierNumber: 'V-311',
      currency: 'EUR',
      paymentTerms: { code: 'Net 60' },
    });
  });

  it('computes credit in exact decimals and holds a customer over its limit on AUTO', () => {
    const credit = creditStatusFromNetSuite(fixture<NsCustomer>('customer'), 'USD');
    expect(credit).toEqual({
      customerExternalId: '101',
      creditLimit: { amount: '250000.1', currency: 'USD' },
      balance: { amount: '0.3', currency: 'USD' },
      available: { amount: '249999.8', currency: 'USD' },
      onHold: false,
      terms: 'Net 30',
    });
    const over = creditStatusFromNetSuite({ ...fixture<NsCustomer>('customer'), balance: 250000.11 }, 'USD');
    expect(over.onHold).toBe(true);
    const released = {
      ...fixture<NsCustomer>('customer'),
      balance: 250000.11,
      creditHoldOverride: 'OFF' as const,
    };
    expect(creditStatusFromNetSuite(released, 'USD').onHold).toBe(false);
  });

  it("quotes the customer's price level at the highest quantity break reached", () => {
    const item = fixture<NsInventoryItem>('inventory-item');
    const customer = fixture<NsCustomer>('customer');
    expect(priceFromNetSuite(item, customer, '99', 'USD').unitPrice.amount).toBe('2.95');
    expect(priceFromNetSuite(item, customer, '100', 'USD')).toEqual({
      sku: 'WID-1001',
      unitPrice: { amount: '2.8', currency: 'USD' },
      uom: 'EA',
      priceList: 'Wholesale',
    });
    const noLevel = { ...customer, priceLevel: undefined };
    expect(priceFromNetSuite(item, noLevel, '250', 'USD').unitPrice.amount).toBe('3.1');
  });

  it('values stock as quantity × average cost without rounding errors', () => {
    const lines = valuationFromNetSuite(fixture<NsInventoryItem>('inventory-item'), 'USD');
    expect(lines.map((l) => [l.locationExternalId, l.quantity, l.totalValue.amount])).toEqual([
      ['1', '3', '3.3'],
      ['2', '10.125', '3.374663'],
    ]);
    expect(valuationFromNetSuite(fixture<NsInventoryItem>('inventory-item'), 'USD', '2')).toHaveLength(1);
  });

  it('writes a sales order with money and quantities as exact JSON numbers and the order id as externalId', () => {
    const order: SalesOrder = loadFixture('sales-order');
    const config = { subsidiaryId: '1' } as NetSuiteConfig;
    const body = stringifyJson(
      salesOrderToNetSuite(order, { entityId: '101', itemIds: ['4711', '4712'] }, config),
    );
    expect(body).toContain('"externalId":"so_01HV4M2X9K"');
    expect(body).toContain('"otherRefNum":"4500098812"');
    expect(body).toContain('"quantity":240,"rate":3.10');
    expect(body).toContain('"subsidiary":{"id":"1"}');
    expect(body).toContain('"custcol_hub_line_number":2');
  });
});
