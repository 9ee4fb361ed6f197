import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCanonicalValidator } from '../../../canonical-model/validate';
import { isHubError } from '../../../platform/errors';
import { parseJson } from '../../sdk/json';
import { salesOrderFromGraphql, salesOrderFromRest } from './index';

const validator = createCanonicalValidator();
const context = { connectorId: 'shopify-main', legalEntityId: 'le_acme_us' };
const fixture = (name: string) =>
  parseJson(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

function mappingError(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    if (isHubError(err)) return err;
    throw err;
  }
  throw new Error('expected the mapping to fail');
}

describe('Shopify order mappers', () => {
  it('maps the recorded orders/create payload to a valid sales order keeping the id above 2^53 exact', () => {
    const order = salesOrderFromRest(fixture('orders-create.json'), context);
    expect(validator.validate('sales-order', order)).toMatchObject({ valid: true });
    expect(order.source).toEqual({
      connectorId: 'shopify-main',
      system: 'shopify',
      externalId: '820982911946154508',
      version: '2025-03-31T09:02:14-05:00',
    });
    expect(order.id).toBe('shopify-main:sales-order:820982911946154508');
    expect(order.customerId).toBe('shopify-main:customer:115310627314723954');
    expect(order).toMatchObject({
      orderNumber: '#9999',
      channel: 'web-store',
      status: 'open',
      paymentStatus: 'paid',
      orderDate: '2025-03-31',
      placedAt: '2025-03-31T09:02:11-05:00',
      shipTo: {
        name: 'Steve Shipper',
        address: { lines: ['123 Shipping Street'], city: 'Shippington', region: 'KY', countryCode: 'US' },
      },
      totals: {
        subtotal: { amount: '398.00', currency: 'USD' },
        taxTotal: { amount: '10.94', currency: 'USD' },
        allowanceTotal: { amount: '5.00', currency: 'USD' },
        total: { amount: '418.94', currency: 'USD' },
      },
      charges: [
        {
          kind: 'charge',
          type: 'freight',
          description: 'Generic Shipping',
          amount: { amount: '10.00', currency: 'USD' },
        },
      ],
    });
    expect(
      order.lines.map((l) => [l.externalLineId, l.item.identifiers, l.quantity, l.unitPrice, l.taxes]),
    ).toEqual([
      [
        '866550311766439020',
        [{ qualifier: 'SKU', value: 'IPOD2008PINK' }],
        { value: '1', uom: 'EA' },
        { amount: '199.00', currency: 'USD' },
        [{ type: 'sales', jurisdiction: 'IL State Tax', amount: { amount: '5.47', currency: 'USD' } }],
      ],
      [
        '141249953214522974',
        [{ qualifier: 'SKU', value: 'IPOD2008BLACK' }],
        { value: '1', uom: 'EA' },
        { amount: '199.00', currency: 'USD' },
        [{ type: 'sales', jurisdiction: 'IL State Tax', amount: { amount: '5.47', currency: 'USD' } }],
      ],
    ]);
  });

  it('maps a cancelled order without addresses to a valid cancelled sales order', () => {
    const order = salesOrderFromRest(fixture('orders-cancelled.json'), context);
    expect(validator.validate('sales-order', order)).toMatchObject({ valid: true });
    expect(order.status).toBe('cancelled');
    expect(order.lines[0]).toMatchObject({
      status: 'cancelled',
      quantityCancelled: { value: '1', uom: 'EA' },
    });
    expect(order.shipTo).toEqual({ code: 'NO-SHIPPING-ADDRESS' });
    expect(order.customerId).toBe('shopify-main:customer:guest-jon-40example.com');
    expect(order.paymentStatus).toBeUndefined();
  });

  it('names every REST field that does not map: missing SKU, unreadable price, bad quantity, no currency', () => {
    const payload = fixture('orders-create.json');
    const lines = payload.line_items as Record<string, unknown>[];
    lines[0]!.sku = null;
    lines[1]!.price = 'ten dollars';
    lines[1]!.quantity = 1.5;
    delete payload.currency;
    const err = mappingError(() => salesOrderFromRest(payload, context));
    expect(err.kind).toBe('data');
    expect(err.message).toContain('Shopify order #9999 does not map: /currency is missing (and 3 more)');
    expect(err.fieldErrors?.map((f) => f.path)).toEqual([
      '/currency',
      '/line_items/0/sku',
      '/line_items/1/quantity',
      '/line_items/1/price',
    ]);
  });

  it('maps a GraphQL order node to the same sales order as its webhook, naming GraphQL paths on failure', () => {
    const money = (amount: string) => ({ shopMoney: { amount, currencyCode: 'USD' } });
    const node = {
      id: 'gid://shopify/Order/820982911946154508',
      legacyResourceId: '820982911946154508',
      name: '#9999',
      email: 'jon@example.com',
      createdAt: '2025-03-31T09:02:11-05:00',
      updatedAt: '2025-03-31T09:02:14-05:00',
      cancelledAt: null,
      currencyCode: 'USD',
      displayFinancialStatus: 'PAID',
      displayFulfillmentStatus: 'PARTIALLY_FULFILLED',
      subtotalPriceSet: money('199.00'),
      totalTaxSet: money('0.00'),
      totalPriceSet: money('209.00'),
      totalDiscountsSet: money('0.00'),
      customer: { id: 'gid://shopify/Customer/115310627314723954' },
      shippingAddress: {
        name: 'Steve Shipper',
        address1: '123 Shipping Street',
        city: 'Shippington',
        provinceCode: 'KY',
        zip: '40003',
        countryCodeV2: 'US',
      },
      billingAddress: null,
      shippingLines: { nodes: [{ title: 'Generic Shipping', originalPriceSet: money('10.00') }] },
      lineItems: {
        nodes: [
          {
            id: 'gid://shopify/LineItem/866550311766439020',
            sku: 'IPOD2008PINK',
            name: 'IPod Nano - 8GB',
            quantity: 2,
            currentQuantity: 2,
            unfulfilledQuantity: 1,
            originalUnitPriceSet: money('199.00'),
          },
        ],
      },
    };
    const order = salesOrderFromGraphql(node, context);
    expect(validator.validate('sales-order', order)).toMatchObject({ valid: true });
    expect(order).toMatchObject({
      id: 'shopify-main:sales-order:820982911946154508',
      status: 'partially-fulfilled',
      customerId: 'shopify-main:customer:115310627314723954',
      lines: [
        {
          externalLineId: '866550311766439020',
          status: 'partially-shipped',
          quantityShipped: { value: '1', uom: 'EA' },
        },
      ],
    });
    const bad = {
      ...node,
      lineItems: { nodes: [{ ...node.lineItems.nodes[0], sku: '', originalUnitPriceSet: money('1,99') }] },
    };
    expect(mappingError(() => salesOrderFromGraphql(bad, context)).fieldErrors?.map((f) => f.path)).toEqual([
      '/lineItems/nodes/0/sku',
      '/lineItems/nodes/0/originalUnitPriceSet/shopMoney/amount',
    ]);
  });
});
