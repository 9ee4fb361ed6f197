import { describe, expect, it } from 'vitest';
import { createCanonicalValidator } from '../../canonical-model/validate';
import { buildPurchaseOrder, purchaseOrderIdOf } from './purchase-order';
import { orderQuantity, roundUpToMultiple, sizeProposal } from './sizing';
import type { SupplierSource } from '../../platform/purchasing/policy';

const base = { minOrderQuantity: '0', packMultiple: '1' };

describe('roundUpToMultiple', () => {
  it.each([
    ['13', '12', '24'],
    ['24', '12', '24'],
    ['1', '12', '12'],
    ['1.2', '0.5', '1.5'],
    ['1.5', '0.5', '1.5'],
    ['0.01', '0.5', '0.5'],
    ['7', '0.25', '7'],
    ['7.01', '0.25', '7.25'],
    ['10', '3', '12'],
    ['2.4', '1.2', '2.4'],
    ['2.41', '1.2', '3.6'],
    ['5', '0', '5'],
  ])('%s in packs of %s is %s', (q, m, expected) => {
    expect(roundUpToMultiple(q, m)).toBe(expected);
  });
});

describe('sizeProposal', () => {
  it('orders the signalled quantity when no minimum or pack applies', () => {
    expect(sizeProposal({ signalled: '17', ...base })).toMatchObject({
      quantity: '17',
      topUp: '0',
      rounding: '0',
    });
  });

  it('raises to the minimum order quantity, then to whole packs', () => {
    expect(sizeProposal({ signalled: '5', minOrderQuantity: '30', packMultiple: '12' })).toMatchObject({
      quantity: '36',
      rounding: '31',
    });
    expect(orderQuantity('31', '30', '12')).toBe('36');
    expect(orderQuantity('2', '0', '0.5')).toBe('2');
  });

  it('tops up to the safety stock when available stock is below it', () => {
    const sized = sizeProposal({
      signalled: '10',
      position: { onHand: '4', reserved: '3', inbound: '1' },
      safetyStock: '8',
      minOrderQuantity: '0',
      packMultiple: '0.5',
    });
    expect(sized).toMatchObject({ available: '2', topUp: '6', quantity: '16' });
  });

  it('adds nothing when available stock covers the safety stock; odd packs round up exactly', () => {
    const sized = sizeProposal({
      signalled: '2.3',
      position: { onHand: '20', reserved: '0', inbound: '0' },
      safetyStock: '8',
      minOrderQuantity: '1',
      packMultiple: '0.5',
    });
    expect(sized).toMatchObject({ topUp: '0', quantity: '2.5', rounding: '0.2' });
  });

  it('a negative available position tops up the whole gap', () => {
    const sized = sizeProposal({
      signalled: '1',
      position: { onHand: '0', reserved: '5', inbound: '0' },
      safetyStock: '3',
      ...base,
    });
    expect(sized).toMatchObject({ available: '-5', topUp: '8', quantity: '9' });
  });

  it('nothing signalled sizes to zero whatever the stock', () => {
    expect(
      sizeProposal({
        signalled: '0',
        position: { onHand: '0', reserved: '0', inbound: '0' },
        safetyStock: '10',
        minOrderQuantity: '5',
        packMultiple: '12',
      }).quantity,
    ).toBe('0');
  });
});

describe('buildPurchaseOrder', () => {
  const supplier: SupplierSource = {
    supplierId: 'sup_acme',
    channel: { kind: 'edi', ediConnectorId: 'edi-1', partnerId: 'acme' },
    unitPrice: '2.125',
    currency: 'USD',
    uom: 'EA',
    minOrderQuantity: '1',
    packMultiple: '1',
    leadTimeDays: 10,
  };

  it('is a valid canonical draft PO delivered no earlier than the lead time allows', () => {
    const po = buildPurchaseOrder({
      poNumber: 'PO 100/1',
      legalEntityId: 'le_acme_us',
      locationId: 'loc_a',
      supplier,
      orderDate: '2026-12-25',
      lines: [{ sku: 'WID-1001', quantity: '3', needBy: '2026-12-30' }],
    });
    const result = createCanonicalValidator().validate('purchase-order', po);
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(po).toMatchObject({
      id: purchaseOrderIdOf('PO 100/1'),
      status: 'draft',
      schemaVersion: '1',
      requestedDeliveryDate: '2027-01-04',
      shipTo: { locationId: 'loc_a' },
      shipToLocationId: 'loc_a',
      totals: { total: { amount: '6.38', currency: 'USD' } },
    });
    expect(po.lines[0]).toMatchObject({
      item: { identifiers: [{ qualifier: 'SKU', value: 'WID-1001' }] },
      quantity: { value: '3', uom: 'EA' },
      unitPrice: { amount: '2.125', currency: 'USD' },
    });
  });

  it('keeps a later need-by date', () => {
    const po = buildPurchaseOrder({
      poNumber: 'PO-2',
      legalEntityId: 'le_acme_us',
      locationId: 'loc_a',
      supplier,
      orderDate: '2026-12-01',
      lines: [{ sku: 'WID-1001', quantity: '3', needBy: '2027-02-01' }],
    });
    expect(po.requestedDeliveryDate).toBe('2027-02-01');
  });
});
