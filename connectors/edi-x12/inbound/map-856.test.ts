import { describe, expect, it } from 'vitest';
import type { AdvanceShipNotice } from '../../../canonical-model/generated/index';
import { withGs1CheckDigit } from '../../../canonical-model/gtin';
import { map856 } from './map-856';
import { dataErrorsOf, expectValidDocuments, partnerContext, pathsOf } from './test-support/inbound-context';
import { envelope, readFixture, setsFromText, withCheckDigitsCorrected } from './test-support/sets-from-text';

const supplier = partnerContext({
  partner: { ...partnerContext().partner, id: 'tp-vendor', role: 'supplier', partyId: 'sup-vendor' },
});

/**
 * Sample 04 with its placeholder SSCCs and GTINs given correct check digits (the sample's own digits are wrong,
 * see the first test); everything else byte for byte.
 */
function sample04WithCheckDigits(): string {
  const sample = readFixture('04_856_crossdock_SOPI_newline.edi');
  return withCheckDigitsCorrected(
    withCheckDigitsCorrected(sample, /MAN\*GM\*00(\d{18})/g),
    /LIN\*\*(?:UP|EN)\*(\d{13})/g,
  );
}

const asnOf = async (text: string, context = supplier) => {
  const mapped = map856((await setsFromText(text))[0]!, context);
  expectValidDocuments(mapped);
  return { mapped, asn: mapped.documents[0] as AdvanceShipNotice };
};

describe('856 → AdvanceShipNotice', () => {
  it('refuses sample 04 as sent (strict, the default): its SSCCs and three GTINs have wrong check digits, each named', async () => {
    const set = (await setsFromText(readFixture('04_856_crossdock_SOPI_newline.edi')))[0]!;
    const errors = dataErrorsOf(() => map856(set, supplier));
    expect(pathsOf(errors)).toEqual(
      [
        '/24/MAN02',
        '/29/MAN02',
        '/31/LIN03',
        '/35/MAN02',
        '/37/LIN03',
        '/41/MAN02',
        '/43/LIN03',
        '/52/MAN02',
      ].sort(),
    );
    expect(errors.find((e) => e.path === '/24/MAN02')?.message).toContain('SSCC-18 check digit is wrong');
  });

  it('maps the S/O/P/I cross-dock tree of sample 04: shipment, two orders, five SSCC packs', async () => {
    const { mapped, asn } = await asnOf(sample04WithCheckDigits());
    expect(mapped.businessKeys).toEqual({ asnNumber: '000009' });
    expect(asn).toMatchObject({
      asnNumber: '000009',
      direction: 'inbound',
      supplierId: 'sup-vendor',
      purpose: 'original',
      shipDate: '2009-09-21',
      estimatedDeliveryDate: '2009-09-25',
      billOfLading: '000001',
      proNumber: '0000000008741',
      trailerNumber: '1234567890',
      packageCount: 5,
      grossWeight: { value: '24', uom: 'LB' },
      carrier: { scac: 'OVNT', name: 'OVERNITE' },
      freightTerms: 'prepaid',
    });
    expect(asn.shipFrom.code).toBe('000009');
    // The ship-to is our location: it gets a provisional location id scoped to the partner.
    expect(asn.shipTo.locationId).toBe('edi-main:location:tp-vendor:92:0001');
    expect(asn.orders.map((o) => [o.poNumber, o.invoiceNumber, o.packs?.length])).toEqual([
      ['POREF00', '0000021', 4],
      ['POREF01', '0000022', 1],
    ]);
    const packs = asn.orders.flatMap((o) => o.packs ?? []);
    // MAN*GM carries 20 digits: the AI 00 is stripped, leaving the SSCC-18.
    expect(packs.map((p) => p.sscc.slice(0, 17))).toEqual([
      '00071567000215236',
      '00071567000215237',
      '00071567000215238',
      '00071567000215239',
      '00071567000215211',
    ]);
    expect(packs.every((p) => p.items.length === 1 && p.items[0]!.quantity.value === '12')).toBe(true);
    expect(packs[0]!.weight).toEqual({ value: '6', uom: 'LB' });
    expect(packs[0]!.items[0]!.item.identifiers).toEqual([{ qualifier: 'UPC', value: '000000000642' }]);
  });

  it('builds the tree from HL02 parent links, not from the order the levels were sent in', async () => {
    const text = sample04WithCheckDigits();
    const lines = text.split('\n');
    const start = lines.findIndex((l) => l.startsWith('HL*11*'));
    const end = lines.findIndex((l) => l.startsWith('CTT'));
    // The second order's levels (order, pack, item) move before the first order, in reverse: item first.
    const secondOrder = lines.splice(start, end - start);
    const loops: string[][] = [];
    for (const line of secondOrder) {
      if (line.startsWith('HL*')) loops.push([line]);
      else loops[loops.length - 1]!.push(line);
    }
    lines.splice(
      lines.findIndex((l) => l.startsWith('HL*2*')),
      0,
      ...loops.reverse().flat(),
    );
    const shuffled = lines.join('\n');
    expect(shuffled.indexOf('HL*13*12*I')).toBeLessThan(shuffled.indexOf('HL*11*1*O'));
    const original = (await asnOf(text)).asn;
    const reordered = (await asnOf(shuffled)).asn;
    expect(reordered.orders.map((o) => o.poNumber).sort()).toEqual(['POREF00', 'POREF01']);
    const byPo = (asn: AdvanceShipNotice) => Object.fromEntries(asn.orders.map((o) => [o.poNumber, o.packs]));
    expect(byPo(reordered)).toEqual(byPo(original));
  });

  it('names an item level that has no order level above it', async () => {
    const text = envelope(
      'SH',
      'ST*856*0001~BSN*00*A1*20240301*1200*0001~HL*1**S~DTM*011*20240301*0930~N1*SF*V*92*1~N1*ST*DC*92*2~' +
        'HL*2*1*P~MAN*GM*00' +
        withGs1CheckDigit('00012345000000001') +
        '~HL*3*2*I~LIN**VN*A~SN1**1*EA~SE*11*0001',
    );
    const set = (await setsFromText(text))[0]!;
    const errors = dataErrorsOf(() => map856(set, supplier));
    expect(errors).toContainEqual({
      path: '/9/HL02',
      message: 'item level HL 3 has no order level (HL03 O) above it, so no PO it ships against',
    });
  });

  it('maps S/O/I with the carton SSCC on each item (0004), with shippedAt in the partner time zone', async () => {
    const sscc1 = withGs1CheckDigit('00012345000000001');
    const sscc2 = withGs1CheckDigit('00012345000000002');
    const text = envelope(
      'SH',
      'ST*856*0001~BSN*00*A2*20240301*1200*0004~HL*1**S~DTM*011*20240710*0930~N1*SF*V*92*1~N1*ST*DC*UL*' +
        withGs1CheckDigit('061414100000') +
        `~HL*2*1*O~PRF*PO-1***20240601~HL*3*2*I~LIN*1*VN*A~SN1*1*4*EA**6*EA~MAN*GM*${sscc1}` +
        `~HL*4*2*I~LIN*2*VN*B~SN1*2*2*CA~MAN*GM*${sscc2}~CTT*4*6~SE*16*0001`,
    );
    const { asn } = await asnOf(text);
    expect(asn.shippedAt).toBe('2024-07-10T09:30:00-05:00');
    expect(asn.shipTo).toMatchObject({ gln: withGs1CheckDigit('061414100000') });
    expect(asn.orders[0]).toMatchObject({ poNumber: 'PO-1', purchaseOrderDate: '2024-06-01' });
    expect(asn.orders[0]!.packs!.map((p) => [p.sscc, p.items[0]!.lineNumber, p.items[0]!.quantity])).toEqual([
      [sscc1, 1, { value: '4', uom: 'EA' }],
      [sscc2, 2, { value: '2', uom: 'CS' }],
    ]);
    expect(asn.orders[0]!.packs![0]!.items[0]!.quantityOrdered).toEqual({ value: '6', uom: 'EA' });
  });

  it('reads our own 856 back as an outbound ASN to the customer', async () => {
    const { asn } = await asnOf(sample04WithCheckDigits(), partnerContext({ perspective: 'partner' }));
    expect(asn).toMatchObject({ direction: 'outbound', customerId: 'cust-acme' });
    expect(asn.orders[0]!.salesOrderId).toBe('edi-main:sales-order:tp-acme:POREF00');
    expect(asn.shipFrom.locationId).toBe('edi-main:location:tp-acme:92:000009');
  });

  it('checks CTT01 against the number of HL levels', async () => {
    const text = sample04WithCheckDigits().replace('CTT*13', 'CTT*12');
    const set = (await setsFromText(text))[0]!;
    expect(dataErrorsOf(() => map856(set, supplier))).toEqual([
      { path: '/56/CTT01', message: 'says 12 hierarchical levels (HL) but the set has 13' },
    ]);
  });
});
