import { describe, expect, it } from 'vitest';
import type { AdvanceShipNotice } from '../../../canonical-model/generated/index';
import { withGs1CheckDigit } from '../../../canonical-model/gtin';
import type { InboundContext } from './context';
import { map856 } from './map-856';
import { dataErrorsOf, expectValidDocuments, partnerContext, pathsOf } from './test-support/inbound-context';
import { envelope, readFixture, setsFromText, withCheckDigitsCorrected } from './test-support/sets-from-text';

const supplierOf = (identifierChecks: 'strict' | 'lenient'): InboundContext =>
  partnerContext({
    partner: {
      ...partnerContext().partner,
      id: 'tp-vendor',
      role: 'supplier',
      partyId: 'sup-vendor',
      identifierChecks,
    },
  });
const lenient = supplierOf('lenient');

const sample04 = () => readFixture('04_856_crossdock_SOPI_newline.edi');
/** Sample 04 with its three bad GTINs corrected (LIN03 at 31, 37, 43); its five SSCCs stay as sent. */
const withGtinsCorrected = (text: string) => withCheckDigitsCorrected(text, /LIN\*\*(?:UP|EN)\*(\d{13})/g);
const SSCC_PATHS = ['/24/MAN02', '/29/MAN02', '/35/MAN02', '/41/MAN02', '/52/MAN02'];

const mapped856 = async (text: string, context = lenient) => {
  const mapped = map856((await setsFromText(text))[0]!, context);
  expectValidDocuments(mapped);
  return { mapped, asn: mapped.documents[0] as AdvanceShipNotice };
};

describe("856 identifier checks: 'lenient' partners", () => {
  it("a 'strict' partner still has sample 04 refused at all five MAN02 and three LIN03", async () => {
    const set = (await setsFromText(sample04()))[0]!;
    const errors = dataErrorsOf(() => map856(set, supplierOf('strict')));
    expect(pathsOf(errors)).toEqual([...SSCC_PATHS, '/31/LIN03', '/37/LIN03', '/43/LIN03'].sort());
  });

  it('maps sample 04 as sent when lenient: an item whose only id is a bad GTIN keeps it as the supplier part', async () => {
    const mapped = map856((await setsFromText(sample04()))[0]!, lenient);
    const asn = mapped.documents[0] as AdvanceShipNotice;
    const items = asn.orders.flatMap((o) => o.items ?? []);
    expect(items).toHaveLength(5);
    const kept = items.filter((i) => i.item.identifiers.some((id) => id.qualifier === 'VENDOR_PART'));
    expect(kept.map((i) => i.item.identifiers)).toEqual([
      [{ qualifier: 'VENDOR_PART', value: '0000000000831' }],
      [{ qualifier: 'VENDOR_PART', value: '0000000000283' }],
      [{ qualifier: 'VENDOR_PART', value: '0000000000203' }],
    ]);
    const paths = (mapped.warnings ?? []).map((w) => w.path);
    expect(paths).toEqual(expect.arrayContaining(['/31/LIN03', '/37/LIN03', '/43/LIN03']));
    expect(mapped.warnings!.find((w) => w.path === '/37/LIN03')!.message).toBe(
      '"0000000000283" is not a valid UPC (UP): GTIN check digit is wrong: expected 4 as the last digit, got 3; ' +
        'the line has no other product id, so "0000000000283" is kept as VENDOR_PART',
    );
  });

  it('maps sample 04 with its SSCCs as sent: every item loose under its PO, each bad SSCC kept and warned', async () => {
    const { mapped, asn } = await mapped856(withGtinsCorrected(sample04()));
    expect(mapped.businessKeys).toEqual({ asnNumber: '000009' });
    expect(asn).toMatchObject({ asnNumber: '000009', packageCount: 5, billOfLading: '000001' });
    expect(asn.orders.map((o) => [o.poNumber, o.invoiceNumber, o.packs, o.items?.length])).toEqual([
      ['POREF00', '0000021', undefined, 4],
      ['POREF01', '0000022', undefined, 1],
    ]);
    const items = asn.orders.flatMap((o) => o.items ?? []);
    expect(items.map((i) => `${i.quantity.value} ${i.quantity.uom}`)).toEqual(Array(5).fill('12 EA'));
    expect(items.map((i) => i.attributes?.invalidSscc)).toEqual([
      '00000715670002152360',
      '00000715670002152377',
      '00000715670002152384',
      '00000715670002152391',
      '00000715670002152111',
    ]);
    expect(pathsOf(mapped.warnings!)).toEqual(SSCC_PATHS);
    // Each warning names the digit the label needed.
    expect(mapped.warnings!.map((w) => /expected (\d)/.exec(w.message)?.[1])).toEqual([
      '3',
      '0',
      '7',
      '4',
      '0',
    ]);
    expect(mapped.warnings![0]!.message).toContain(
      'listed as loose items of PO POREF00 with attributes.invalidSscc',
    );
  });

  it('keeps the packs whose SSCC is valid and lists only the others loose', async () => {
    const text = withCheckDigitsCorrected(
      withGtinsCorrected(sample04()),
      /MAN\*GM\*00(00071567000215236\d|00071567000215211\d)/g,
    );
    const { mapped, asn } = await mapped856(text);
    const [first, second] = asn.orders;
    expect(first!.packs!.map((p) => [p.sscc, p.weight, p.items.map((i) => i.quantity.value)])).toEqual([
      [withGs1CheckDigit('00071567000215236'), { value: '6', uom: 'LB' }, ['12']],
    ]);
    expect(first!.items!.map((i) => i.item.identifiers[0]!.value)).toEqual([
      '0000000000833',
      '000000000284',
      '000000000208',
    ]);
    expect(second!.packs!.map((p) => p.sscc)).toEqual([withGs1CheckDigit('00071567000215211')]);
    expect(second!.items).toBeUndefined();
    expect(pathsOf(mapped.warnings!)).toEqual(['/29/MAN02', '/35/MAN02', '/41/MAN02']);
  });

  it('leaves a bad pallet SSCC out of its cartons (parentSscc) with a warning; strict refuses it', async () => {
    const carton = withGs1CheckDigit('00012345000000001');
    const pallet = withGs1CheckDigit('00012345000000009');
    const badPallet = `${pallet.slice(0, 17)}${(Number(pallet[17]) + 1) % 10}`;
    const text = envelope(
      'SH',
      'ST*856*0001~BSN*00*A3*20240301*1200*0001~HL*1**S~N1*SF*V*92*1~N1*ST*DC*92*2~HL*2*1*O~PRF*PO-3~' +
        `HL*3*2*T~MAN*GM*${badPallet}~HL*4*3*P~MAN*GM*${carton}~HL*5*4*I~LIN*1*VN*A~SN1*1*4*EA~SE*15*0001`,
    );
    const { mapped, asn } = await mapped856(text);
    expect(asn.orders[0]!.packs).toEqual([
      { sscc: carton, packagingType: 'carton', items: [expect.objectContaining({ lineNumber: 1 })] },
    ]);
    expect(pathsOf(mapped.warnings!)).toEqual(['/9/MAN02']);
    expect(mapped.warnings![0]!.message).toMatch(/check digit is wrong.*carry no parentSscc/);
    const set = (await setsFromText(text))[0]!;
    expect(pathsOf(dataErrorsOf(() => map856(set, supplierOf('strict'))))).toEqual(['/9/MAN02']);
  });
});
