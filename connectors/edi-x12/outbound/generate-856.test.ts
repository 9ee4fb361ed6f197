import { describe, expect, it } from 'vitest';
import type { OutSegment } from '../x12/types';
import { generate856 } from './generate-856';
import { outboundAsn, outboundPickPackAsn } from './test-support/outbound-documents';
import { outboundContext, partnerProfile } from './test-support/partner-profiles';

const ofId = (body: OutSegment[], id: string) => body.filter((s) => s.id === id).map((s) => s.elements);
const context = outboundContext(partnerProfile({ productIdQualifiers: ['UK', 'VN'] }));

describe('generate856', () => {
  it('builds the S/O/T/P/I tree with parent links and child flags, and counts the HLs in CTT', () => {
    const body = generate856(outboundAsn(), context);
    expect(ofId(body, 'HL')).toEqual([
      ['1', undefined, 'S', '1'],
      ['2', '1', 'O', '1'],
      ['3', '2', 'T', '1'],
      ['4', '3', 'P', '1'],
      ['5', '4', 'I', '0'],
      ['6', '3', 'P', '1'],
      ['7', '6', 'I', '0'],
    ]);
    expect(ofId(body, 'CTT')).toEqual([['7', '180']]);
    expect(ofId(body, 'MAN')).toEqual([
      ['GM', '106141411234567897'],
      ['GM', '006141411234567890'],
      ['GM', '006141411234567906'],
    ]);
  });

  it('writes the shipped time in the partner time zone and the SSCC, LIN and SN1 of each item', () => {
    const body = generate856(outboundAsn(), context);
    // 15:30 in Stuttgart (+02:00) is 08:30 in Chicago.
    expect(body[0]).toEqual({ id: 'BSN', elements: ['00', 'SHP-2025-04-0117', '20250404', '0830', '0001'] });
    expect(ofId(body, 'LIN')[0]).toEqual(['1', 'UK', '10012345678902', 'VN', 'ACM-88213']);
    expect(ofId(body, 'SN1')[0]).toEqual(['1', '100', 'CA', '', '180', 'CA']);
  });

  it('puts a pallet pack at the T level with its items under it, and omits a time that is not on the ship date', () => {
    const asn = outboundAsn();
    asn.shippedAt = '2025-04-05T03:00:00Z'; // 22:00 on 4 April in Chicago: same date, time kept
    const pack = asn.orders[0]!.packs![0]!;
    asn.orders[0]!.packs = [{ ...pack, packagingType: 'pallet', parentSscc: undefined }];
    const body = generate856(asn, context);
    expect(ofId(body, 'HL').map((e) => e[2])).toEqual(['S', 'O', 'T', 'I']);
    expect(body[0]!.elements[3]).toBe('2200');
    asn.shippedAt = '2025-04-05T12:00:00Z';
    expect(generate856(asn, context)[0]!.elements[3]).toBe('0000');
  });

  it('writes loose items as HL I directly under their HL O, with BSN05 0004 and no pack level', () => {
    const body = generate856(outboundPickPackAsn(), context);
    expect(ofId(body, 'HL')).toEqual([
      ['1', undefined, 'S', '1'],
      ['2', '1', 'O', '1'],
      ['3', '2', 'I', '0'],
      ['4', '2', 'I', '0'],
    ]);
    expect(body[0]!.elements[4]).toBe('0004');
    expect(ofId(body, 'MAN')).toEqual([]);
    expect(ofId(body, 'SN1').map((e) => e[1])).toEqual(['100', '80']);
    expect(ofId(body, 'CTT')).toEqual([['4', '180']]);
  });

  it('keeps BSN05 0001 when one order has packs and another ships loose', () => {
    const asn = outboundAsn();
    const loose = outboundPickPackAsn().orders[0]!;
    asn.orders.push({ ...loose, poNumber: 'PO-88122' });
    const body = generate856(asn, context);
    expect(body[0]!.elements[4]).toBe('0001');
    // HL01, HL02 (parent) and HL03 (level) of every level: the second order's items hang on its HL O.
    expect(ofId(body, 'HL').map((e) => e.slice(0, 3))).toEqual([
      ['1', undefined, 'S'],
      ['2', '1', 'O'],
      ['3', '2', 'T'],
      ['4', '3', 'P'],
      ['5', '4', 'I'],
      ['6', '3', 'P'],
      ['7', '6', 'I'],
      ['8', '1', 'O'],
      ['9', '8', 'I'],
      ['10', '8', 'I'],
    ]);
  });

  it('refuses an inbound ship notice', () => {
    expect(() => generate856({ ...outboundAsn(), direction: 'inbound' }, context)).toThrow(
      /\/direction must be outbound/,
    );
  });
});
