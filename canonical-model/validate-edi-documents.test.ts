// The documents the EDI X12 sets map to: 860 → SalesOrderChange, 940 → WarehouseShippingOrder, 855 out → an
// outbound PurchaseOrderAck.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFixture } from './fixtures/load-fixture';
import { createCanonicalValidator } from './validate';
import type { CanonicalValidator } from './validate';

let validator: CanonicalValidator;
beforeAll(() => {
  validator = createCanonicalValidator();
});

type Doc = Record<string, unknown>;
const lines = (doc: unknown) => (doc as { lines: Doc[] }).lines;

function errorsOf(type: string, doc: unknown) {
  const result = validator.validate(type, doc);
  if (result.valid) throw new Error(`expected ${type} to be rejected`);
  return result.errors;
}

describe('sales-order-change (X12 860)', () => {
  it('accepts the realistic fixture: a quantity increase, a deleted line and an added one', () => {
    const doc = loadFixture('sales-order-change');
    expect(lines(doc).map((l) => l.change)).toEqual(['quantity-increase', 'delete', 'add']);
    expect(validator.validate('sales-order-change', doc)).toEqual({ valid: true, value: doc });
  });

  it('accepts a cancellation of the whole order that carries no lines', () => {
    const doc = { ...loadFixture('sales-order-change'), purpose: 'cancel', lines: [] };
    delete (doc as Doc).requestedDeliveryDate;
    expect(validator.validate('sales-order-change', doc).valid).toBe(true);
  });

  it('refuses an unknown change type, naming the field and the allowed values', () => {
    const doc = loadFixture('sales-order-change');
    lines(doc)[0]!.change = 'QI';
    expect(errorsOf('sales-order-change', doc)).toContainEqual({
      path: '/lines/0/change',
      message: expect.stringMatching(
        /"QI" is not allowed; use one of add, delete, quantity-increase/,
      ) as unknown,
    });
  });

  it('refuses an unknown purpose', () => {
    const doc = { ...loadFixture('sales-order-change'), purpose: 'original' };
    expect(errorsOf('sales-order-change', doc).map((e) => e.path)).toEqual(['/purpose']);
  });

  it('refuses an added or re-quantified line without its new quantity, and a price change without the price', () => {
    const doc = loadFixture('sales-order-change');
    delete lines(doc)[0]!.quantity;
    delete lines(doc)[2]!.quantity;
    lines(doc)[1]!.change = 'price';
    expect(errorsOf('sales-order-change', doc)).toEqual([
      { path: '/lines/0/quantity', message: 'required field "quantity" is missing' },
      { path: '/lines/1/unitPrice', message: 'required field "unitPrice" is missing' },
      { path: '/lines/2/quantity', message: 'required field "quantity" is missing' },
    ]);
  });

  it('refuses a change that does not say which order it changes', () => {
    const doc = loadFixture('sales-order-change') as unknown as Doc;
    delete doc.salesOrderId;
    expect(errorsOf('sales-order-change', doc)).toContainEqual({
      path: '/salesOrderId',
      message: 'required field "salesOrderId" is missing',
    });
  });
});

describe('warehouse-shipping-order (X12 940)', () => {
  it('accepts the realistic fixture', () => {
    const doc = loadFixture('warehouse-shipping-order');
    expect(validator.validate('warehouse-shipping-order', doc)).toEqual({ valid: true, value: doc });
  });

  it('refuses an order with no lines, naming /lines', () => {
    const doc = { ...loadFixture('warehouse-shipping-order'), lines: [] };
    expect(errorsOf('warehouse-shipping-order', doc)).toContainEqual({
      path: '/lines',
      message: expect.stringMatching(/at least 1 item/) as unknown,
    });
  });

  it('refuses a line without a quantity and totals with nothing in them', () => {
    const doc = { ...loadFixture('warehouse-shipping-order'), totals: {} };
    delete lines(doc)[1]!.quantity;
    expect(errorsOf('warehouse-shipping-order', doc).map((e) => e.path)).toEqual([
      '/lines/1/quantity',
      '/totals',
    ]);
  });

  it('refuses an order that names no warehouse', () => {
    const doc = loadFixture('warehouse-shipping-order') as unknown as Doc;
    delete doc.warehouseLocationId;
    expect(errorsOf('warehouse-shipping-order', doc)).toContainEqual({
      path: '/warehouseLocationId',
      message: 'required field "warehouseLocationId" is missing',
    });
  });
});

describe('purchase-order-ack in both directions', () => {
  it('accepts an outbound ack of a customer PO (X12 855 we send) with the customer and our sales order', () => {
    const doc = {
      ...loadFixture('purchase-order-ack'),
      direction: 'outbound',
      purchaseOrderId: 'cpo_bigbox_4500098812',
      poNumber: '4500098812',
      supplierId: 'le_acme_us',
      customerId: 'cus_bigbox_retail',
      salesOrderId: 'so_01HV4M2X9K',
    };
    expect(validator.validate('purchase-order-ack', doc)).toEqual({ valid: true, value: doc });
  });

  it('still accepts an ack without a direction (inbound, as before) and refuses an unknown one', () => {
    const doc = loadFixture('purchase-order-ack') as unknown as Doc;
    expect(doc.direction).toBeUndefined();
    expect(validator.validate('purchase-order-ack', doc).valid).toBe(true);
    expect(errorsOf('purchase-order-ack', { ...doc, direction: 'sideways' }).map((e) => e.path)).toEqual([
      '/direction',
    ]);
  });
});
