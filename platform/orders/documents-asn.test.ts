import { describe, expect, it } from 'vitest';
import { map856 } from '../../connectors/edi-x12/inbound/index';
import { generate856 } from '../../connectors/edi-x12/outbound/generate-856';
import { roundTrip } from '../../connectors/edi-x12/outbound/test-support/round-trip';
import { buildShipmentAsn } from './documents';
import {
  NOW,
  expectValid,
  failureOf,
  order,
  profile,
  segmentsOf,
  shipment,
  withId,
} from './documents-test-support';

const shipFrom = { name: 'Acme Distribution Chicago DC', code: 'CHI-1' };
const asnOf = (s = shipment(), o = order()) =>
  buildShipmentAsn({
    order: o,
    shipment: s,
    asnId: 'asn_sh55123',
    now: NOW,
    connectorId: 'edi-bigbox',
    shipFrom,
  });

describe('buildShipmentAsn', () => {
  it('packs the SSCC-labelled package and goes out as an 856 with the PO, SSCC and shipped quantities', () => {
    const asn = asnOf();
    expectValid(asn);
    expect(asn).toMatchObject({
      asnNumber: 'SH-55123',
      direction: 'outbound',
      shipDate: '2025-04-03',
      trackingNumber: '1Z999AA10123456784',
      packageCount: 1,
    });
    const order0 = asn.orders[0]!;
    expect(order0.items).toBeUndefined();
    expect(order0.packs!.map((p) => [p.sscc, p.items.map((i) => [i.lineNumber, i.quantity.value])])).toEqual([
      [
        '006141411234567913',
        [
          [1, '240'],
          [2, '6'],
        ],
      ],
    ]);
    const trip = roundTrip(asn, '856', generate856, map856, profile);
    const segments = segmentsOf(trip.interchange.text);
    expect(withId(segments, 'BSN')[0]![5]).toBe('0001');
    expect(withId(segments, 'PRF')[0]![1]).toBe('4500098812');
    expect(withId(segments, 'MAN')[0]).toEqual(['MAN', 'GM', '006141411234567913']);
    expect(withId(segments, 'SN1').map((s) => s.slice(1, 4))).toEqual([
      ['1', '240', 'EA'],
      ['2', '6', 'CA'],
    ]);
  });

  it('ships loose what no labelled package holds, and leaves out lines that shipped nothing', () => {
    const s = shipment();
    s.packages![0]!.contents = [{ lineNumber: 1, quantity: { value: '200', uom: 'EA' } }];
    s.lines[0]!.serialNumbers = ['SN-1'];
    s.lines.push({ ...s.lines[1]!, lineNumber: 3, quantityShipped: { value: '0', uom: 'CS' } });
    const asn = asnOf(s);
    expectValid(asn);
    const order0 = asn.orders[0]!;
    expect(order0.packs![0]!.items.map((i) => [i.lineNumber, i.quantity.value, i.serialNumbers])).toEqual([
      [1, '200', undefined],
    ]);
    expect(order0.items!.map((i) => [i.lineNumber, i.quantity.value])).toEqual([
      [1, '40'],
      [2, '6'],
    ]);
    roundTrip(asn, '856', generate856, map856, profile);
  });

  it('sends an S/O/I notice (BSN05 0004) when no package carries an SSCC', () => {
    const s = shipment();
    delete s.packages![0]!.sscc;
    const asn = asnOf(s);
    expectValid(asn);
    expect(asn.orders[0]!.packs).toBeUndefined();
    const segments = segmentsOf(roundTrip(asn, '856', generate856, map856, profile).interchange.text);
    expect(withId(segments, 'BSN')[0]![5]).toBe('0004');
    expect(withId(segments, 'SN1').map((s) => s[2])).toEqual(['240', '6']);
  });

  it('reads the ship date in the given time zone and names our shipping location', () => {
    const s = shipment();
    s.shippedAt = '2025-04-04T02:00:00Z'; // 21:00 on 3 April in Chicago
    const at = (timeZone?: string) =>
      buildShipmentAsn({
        order: order(),
        shipment: s,
        asnId: 'a',
        now: NOW,
        connectorId: 'c',
        shipFrom,
        timeZone,
      });
    expect(at().shipDate).toBe('2025-04-04');
    expect(at('America/Chicago').shipDate).toBe('2025-04-03');
    expect(at().shipFrom).toEqual({ locationId: 'loc_dc_chicago', ...shipFrom });
  });

  it('refuses package contents of no shipment line and more packed than shipped', () => {
    const s = shipment();
    s.packages![0]!.contents![1]!.lineNumber = 5;
    expect(failureOf(() => asnOf(s))).toEqual({ kind: 'data', paths: ['/packages/0/contents/1/lineNumber'] });
    const over = shipment();
    over.packages![0]!.contents![1]!.quantity.value = '7';
    expect(failureOf(() => asnOf(over)).paths).toEqual(['/packages/0/contents/1/quantity']);
  });
});
