import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../canonical-model/fixtures/load-fixture';
import type { SalesOrder } from '../../canonical-model/generated/index';
import { createCanonicalValidator } from '../../canonical-model/validate';
import { generate940 } from '../../connectors/edi-x12/outbound/generate-940';
import { readBack940 } from '../../connectors/edi-x12/outbound/read-back/map-940-warehouse-shipping-order';
import { partnerProfile } from '../../connectors/edi-x12/outbound/test-support/partner-profiles';
import { roundTrip } from '../../connectors/edi-x12/outbound/test-support/round-trip';
import { SET_DEFINITIONS } from '../../connectors/edi-x12/x12/syntax/index';
import { validateSetBody } from '../../connectors/edi-x12/x12/syntax/validate-set';
import { buildShippingOrder, shippingOrderNumberOf } from './third-party';

const profile = partnerProfile({ role: '3pl', productIdQualifiers: ['SK', 'UP'] });
const NOW = '2026-05-09T10:00:00.000Z';

/** The order cut down to one release, as the workflow's releaseOrder makes it (id = release id). */
function release(releaseId: string, cut: Record<number, string>): SalesOrder {
  const order = structuredClone(loadFixture('sales-order'));
  return {
    ...order,
    id: releaseId,
    shipFromLocationId: 'loc_3pl_reno',
    lines: order.lines
      .filter((l) => cut[l.lineNumber] !== undefined)
      .map((l) => ({ ...l, quantity: { ...l.quantity, value: cut[l.lineNumber]! }, status: 'allocated' })),
  };
}

describe('the 940 of a release to a 3PL', () => {
  const order = release('so_01HV4M2X9K.r2', { 1: '40', 2: '7' });
  const lines = [
    { lineNumber: 1, sku: 'WID-1001', quantity: '40' },
    { lineNumber: 2, sku: 'WID-1002', quantity: '7' },
  ];
  const built = buildShippingOrder({ releaseId: order.id, locationId: 'loc_3pl_reno', order, lines }, NOW);

  it('carries the released quantities, the ship-to and the order references, and is a valid canonical document', () => {
    expect(createCanonicalValidator().validate('warehouse-shipping-order', built).valid).toBe(true);
    expect(built).toMatchObject({
      id: 'so_01HV4M2X9K.r2',
      orderNumber: 'so_01HV4M2X9K.r2',
      salesOrderId: 'so_01HV4M2X9K',
      customerPoNumber: '4500098812',
      purpose: 'original',
      warehouseLocationId: 'loc_3pl_reno',
      shipTo: loadFixture('sales-order').shipTo,
      requestedShipDate: '2025-04-03',
    });
    expect(built.lines.map((l) => [l.lineNumber, l.salesOrderLineNumber, l.quantity])).toEqual([
      [1, 1, { value: '40', uom: 'EA' }],
      [2, 2, { value: '7', uom: 'CS' }],
    ]);
    // W76 has no unit of its own: lines in two units send no total.
    expect(built.totals).toBeUndefined();
    // The SKU the hub released first, the UPC after it; no buyer's part number (the 3PL does not know it).
    expect(built.lines[0]!.item.identifiers).toEqual([
      { qualifier: 'SKU', value: 'WID-1001' },
      { qualifier: 'UPC', value: '012345678905' },
    ]);
  });

  it('is written as a 940 the 3PL reads back (W05 order number and PO, ship-to, W01 quantities, N9*LI lines)', () => {
    const trip = roundTrip(built, '940', generate940, readBack940, profile);
    const set = trip.sets[0]!;
    expect(validateSetBody(SET_DEFINITIONS.get('940')!, set.segments, set.delimiters.component)).toEqual([]);
    const w05 = set.segments.find((s) => s.id === 'W05')!;
    expect(w05.elements.slice(0, 3)).toEqual(['N', 'so_01HV4M2X9K.r2', '4500098812']);
    const read = trip.mapped.documents[0] as unknown as typeof built;
    expect(read.shipTo).toMatchObject({
      name: 'BigBox DC 42',
      address: { city: 'Joliet', postalCode: '60431' },
    });
    expect(read.lines.map((l) => [l.salesOrderLineNumber, l.quantity.value])).toEqual([
      [1, '40'],
      [2, '7'],
    ]);
    expect(read.lines[1]!.quantity.uom).toBe('CS');
  });

  it('keeps a long release id out of W05: a 22-character number, the same for the same release, another for another', () => {
    const long = `con_abcdefghijklmnopqrst:sales-order:tp_abcdefghijklmnop:PO-778812`;
    const first = shippingOrderNumberOf(`${long}.r1`);
    expect(first).toHaveLength(22);
    expect(shippingOrderNumberOf(`${long}.r1`)).toBe(first);
    expect(shippingOrderNumberOf(`${long}.r2`)).not.toBe(first);
    const longOrder = release(`${long}.r1`, { 1: '5' });
    const five = { ...lines[0]!, quantity: '5' };
    const doc = buildShippingOrder(
      { releaseId: longOrder.id, locationId: 'loc_3pl_reno', order: longOrder, lines: [five] },
      NOW,
    );
    expect(doc).toMatchObject({
      id: `${long}.r1`,
      orderNumber: first,
      salesOrderId: long,
      totals: { quantity: { value: '5', uom: 'EA' } },
    });
    const set = roundTrip(doc, '940', generate940, readBack940, profile).sets[0]!;
    expect(validateSetBody(SET_DEFINITIONS.get('940')!, set.segments, set.delimiters.component)).toEqual([]);
  });

  it('leaves out what the 940 cannot hold: a PO longer than W0503, a description longer than G69', () => {
    const wordy = release('so_1.r1', { 1: '3' });
    wordy.customerPoNumber = 'P'.repeat(23);
    wordy.lines[0]!.item.description = 'D'.repeat(46);
    const doc = buildShippingOrder(
      { releaseId: 'so_1.r1', locationId: 'loc_3pl_reno', order: wordy, lines: [lines[0]!] },
      NOW,
    );
    expect(doc.customerPoNumber).toBeUndefined();
    expect(doc.lines[0]!.item.description).toBeUndefined();
  });
});
