import { describe, expect, it } from 'vitest';
import type { Shipment } from '../../../canonical-model/generated/index';
import { withGs1CheckDigit } from '../../../canonical-model/gtin';
import { map945 } from './map-945';
import { dataErrorsOf, expectValidDocuments, partnerContext } from './test-support/inbound-context';
import { envelope, readFixture, setsFromText } from './test-support/sets-from-text';

const tpl = partnerContext({
  partner: {
    ...partnerContext().partner,
    id: 'tp-3pl',
    role: '3pl',
    partyId: 'loc-3pl',
    timeZone: 'America/Denver',
  },
});
const sscc = withGs1CheckDigit('00012345000000001');

const advice = (lv: string, w03: string, g62 = 'G62*11*20240304*8*1430~') =>
  envelope(
    'SW',
    'ST*945*0001~W06*F*SO-5501*20240304*SHP-88**PO-123~N1*SF*3PL WEST*92*W1~N1*ST*CUSTOMER STORE*92*0042~' +
      `N3*5 ELM ST~N4*DENVER*CO*80202~N9*BM*BOL-555~${g62}W27*M*UPSN*UPS GROUND*PP~` +
      `LX*1~W12*CC*10*10**EA*036000291452~N9*LI*1~N9*LV*${lv}~` +
      `LX*2~W12*CP*5*3*2*CA**VN*W-2~N9*LI*2~W03*${w03}*20*LB~SE*19*0001`,
  );

describe('945 → Shipment', () => {
  it('maps a shipped order: our order number, the PO, lines with shortfalls, SSCC package, carrier', async () => {
    const mapped = map945((await setsFromText(advice(`00${sscc}`, '13')))[0]!, tpl);
    expectValidDocuments(mapped);
    expect(mapped.warnings).toBeUndefined();
    expect(mapped.businessKeys).toEqual({
      orderNumber: 'SO-5501',
      shipmentNumber: 'SHP-88',
      poNumber: 'PO-123',
    });
    const shipment = mapped.documents[0] as Shipment;
    expect(shipment).toMatchObject({
      status: 'shipped',
      shipmentNumber: 'SHP-88',
      salesOrderId: 'edi-main:sales-order:SO-5501',
      orderNumber: 'SO-5501',
      customerPoNumber: 'PO-123',
      fromLocationId: 'edi-main:location:tp-3pl:92:W1',
      shippedAt: '2024-03-04T14:30:00-07:00',
      billOfLading: 'BOL-555',
      carrier: { scac: 'UPSN', name: 'UPS GROUND' },
    });
    expect(
      shipment.lines.map((l) => [
        l.quantityRequested?.value,
        l.quantityShipped.value,
        l.quantityShort?.value,
      ]),
    ).toEqual([
      ['10', '10', undefined],
      ['5', '3', '2'],
    ]);
    expect(shipment.packages).toEqual([
      { sscc, contents: [{ lineNumber: 1, quantity: { value: '10', uom: 'EA' } }] },
    ]);
  });

  it('only warns when the W03 total disagrees with the W12 lines', async () => {
    const mapped = map945((await setsFromText(advice(sscc, '14')))[0]!, tpl);
    expectValidDocuments(mapped);
    expect(mapped.warnings).toEqual([
      { path: '/17/W0301', message: 'says 14 units shipped but the W12 lines ship 13' },
    ]);
  });

  it('keeps a licence plate that is not an SSCC as a package id, and a day without time as the day', async () => {
    const mapped = map945((await setsFromText(advice('LP-77', '13', '')))[0]!, tpl);
    expectValidDocuments(mapped);
    const shipment = mapped.documents[0] as Shipment;
    expect(shipment.packages?.[0]?.packageId).toBe('LP-77');
    expect(shipment.shippedAt).toBe('2024-03-04T00:00:00-07:00');
    expect(shipment.attributes?.shippedAtPrecision).toBe('date');
  });

  it('names an SSCC with a wrong check digit and a bad ship date', async () => {
    const bad = `${sscc.slice(0, 17)}${(Number(sscc[17]) + 1) % 10}`;
    const text = advice(bad, '13').replace('W06*F*SO-5501*20240304', 'W06*F*SO-5501*CCYYMMDD');
    const set = (await setsFromText(text))[0]!;
    expect(dataErrorsOf(() => map945(set, tpl)).map((e) => e.path)).toEqual(['/2/W0603', '/13/N902']);
  });

  it('maps the shipping advice fixture as it is (its SSCC has a valid check digit)', async () => {
    const text = readFixture('v14_945_shipping_advice.edi');
    const mapped = map945((await setsFromText(text))[0]!, tpl);
    expectValidDocuments(mapped);
    expect(mapped.warnings).toBeUndefined();
    const shipment = mapped.documents[0] as Shipment;
    expect(shipment).toMatchObject({
      shipmentNumber: 'SHP1401',
      orderNumber: '538686',
      customerPoNumber: 'PO-5001',
      billOfLading: 'BOL1401',
      fromLocationId: 'edi-main:location:tp-3pl:92:3PL1',
      carrier: { scac: 'UPSN' },
    });
    expect(shipment.lines.map((l) => [l.quantityShipped, l.quantityShort?.value])).toEqual([
      [{ value: '12', uom: 'CS' }, undefined],
      [{ value: '30', uom: 'CS' }, '2'],
    ]);
    expect(shipment.packages?.[0]?.sscc).toBe('000012345600000018');
  });
});
