import { describe, expect, it } from 'vitest';
import type { AdvanceShipNotice } from '../../../canonical-model/generated/index';
import { map856 } from './map-856';
import { dataErrorsOf, expectValidDocuments, partnerContext, pathsOf } from './test-support/inbound-context';
import type { InboundContext } from './context';
import { readFixture, setsFromText, withCheckDigitsCorrected } from './test-support/sets-from-text';

const supplierOf = (identifierChecks?: 'strict' | 'lenient'): InboundContext =>
  partnerContext({
    partner: {
      ...partnerContext().partner,
      id: 'tp-vendor',
      role: 'supplier',
      partyId: 'sup-vendor',
      ...(identifierChecks ? { identifierChecks } : {}),
    },
  });

const SAMPLE_05 = '05_856_pickpack_SOI_004060.edi';
const OB_LOOP = 'N1*OB*XYZ RETAIL~\nN3*P O BOX 9999999~\nN4*ATLANTA*GA*31139-0020**SN*9999~\n';

/** Sample 05 with its two placeholder UPCs given correct check digits (9 and 0); everything else as sent. */
const sample05WithCheckDigits = () => withCheckDigitsCorrected(readFixture(SAMPLE_05), /\*UP\*(\d{12})/g);

const mapped856 = async (text: string, context: InboundContext) => {
  const mapped = map856((await setsFromText(text))[0]!, context);
  expectValidDocuments(mapped);
  return { mapped, asn: mapped.documents[0] as AdvanceShipNotice };
};

describe('856 pick-pack (S/O/I, no pack level): sample 05', () => {
  it('refuses sample 05 for a strict partner, naming only its two UPCs and the check digit each needs', async () => {
    expect(readFixture(SAMPLE_05)).not.toContain('N1*ST');
    const set = (await setsFromText(readFixture(SAMPLE_05)))[0]!;
    const errors = dataErrorsOf(() => map856(set, supplierOf()));
    expect(pathsOf(errors)).toEqual(['/21/LIN05', '/26/LIN05']);
    expect(errors.map((e) => /expected (\d) as the last digit, got (\d)/.exec(e.message)?.slice(1))).toEqual([
      ['9', '5'],
      ['0', '6'],
    ]);
    // 'strict' said out loud is the default.
    const again = (await setsFromText(readFixture(SAMPLE_05)))[0]!;
    const explicit = dataErrorsOf(() => map856(again, supplierOf('strict')));
    expect(explicit).toEqual(errors);
  });

  it('maps sample 05 for a lenient partner: two loose items by vendor part, the bad UPCs kept and warned', async () => {
    const { mapped, asn } = await mapped856(readFixture(SAMPLE_05), supplierOf('lenient'));
    expect(mapped.businessKeys).toEqual({ asnNumber: '829716', poNumber: '99999817' });
    expect(asn).toMatchObject({ asnNumber: '829716', purpose: 'original', shipDate: '2011-12-06' });
    expect(asn.attributes).toMatchObject({ hierarchicalStructure: '0002' });
    expect(asn.shipFrom).toMatchObject({ name: '1 EDI SOURCE', address: { lines: ['31875 SOLON ROAD'] } });
    expect(asn.orders).toHaveLength(1);
    const [order] = asn.orders;
    expect(order).toMatchObject({ poNumber: '99999817', purchaseOrderDate: '2011-12-05' });
    expect(order!.packs).toBeUndefined();
    expect(order!.items!.map((i) => [i.lineNumber, i.quantity, i.item.identifiers, i.attributes])).toEqual([
      [
        1,
        { value: '24', uom: 'EA' },
        [{ qualifier: 'VENDOR_PART', value: '87787D' }],
        { invalidUpc: '999999310145' },
      ],
      [
        2,
        { value: '6', uom: 'EA' },
        [{ qualifier: 'VENDOR_PART', value: '99887D' }],
        { invalidUpc: '999999311746' },
      ],
    ]);
    expect(pathsOf(mapped.warnings ?? [])).toEqual(['/12/N101', '/21/LIN05', '/26/LIN05']);
    expect(mapped.warnings!.find((w) => w.path === '/21/LIN05')!.message).toMatch(
      /expected 9 as the last digit.*kept as attributes\.invalidUpc, the item is identified by VENDOR_PART 87787D/,
    );
  });

  it('maps sample 05 with valid UPCs for a strict partner: UPC and vendor part, ship-to from N1*OB with a warning', async () => {
    const { mapped, asn } = await mapped856(sample05WithCheckDigits(), supplierOf());
    const items = asn.orders[0]!.items!;
    expect(items.map((i) => [i.quantity.value, i.item.identifiers])).toEqual([
      [
        '24',
        [
          { qualifier: 'UPC', value: '999999310149' },
          { qualifier: 'VENDOR_PART', value: '87787D' },
        ],
      ],
      [
        '6',
        [
          { qualifier: 'UPC', value: '999999311740' },
          { qualifier: 'VENDOR_PART', value: '99887D' },
        ],
      ],
    ]);
    expect(items.every((i) => i.attributes === undefined)).toBe(true);
    expect(asn.shipTo).toMatchObject({
      name: 'XYZ RETAIL',
      address: { city: 'ATLANTA', postalCode: '31139-0020' },
    });
    expect(mapped.warnings).toEqual([
      {
        path: '/12/N101',
        message:
          'the set has no ship-to (N1*ST): the ordered-by party N1*OB at position 12 is taken as the ship-to',
      },
    ]);
  });
});

describe('856 ship-to fallback', () => {
  it('prefers the buying party N1*BY, which is one of our locations, over N1*OB', async () => {
    const text = sample05WithCheckDigits().replace('N1*SF*', 'N1*BY*XYZ DC 42*92*0042~\nN1*SF*');
    const { mapped, asn } = await mapped856(text, supplierOf());
    expect(asn.shipTo).toEqual({
      name: 'XYZ DC 42',
      code: '0042',
      locationId: 'edi-main:location:tp-vendor:92:0042',
    });
    expect(pathsOf(mapped.warnings!)).toEqual(['/15/N101']);
    expect(mapped.warnings![0]!.message).toContain('the buying party N1*BY at position 15');
  });

  it('takes N1*ST when it is sent, without a warning', async () => {
    const text = sample05WithCheckDigits().replace('N1*SF*', 'N1*ST*XYZ DC 7*92*0007~\nN1*SF*');
    const { mapped, asn } = await mapped856(text, supplierOf());
    expect(asn.shipTo.code).toBe('0007');
    expect(mapped.warnings).toBeUndefined();
  });

  it('fails when neither N1*ST nor N1*BY nor N1*OB is sent, naming the shipment level', async () => {
    const text = sample05WithCheckDigits().replace(OB_LOOP, '');
    expect(text).not.toContain('N1*OB');
    const set = (await setsFromText(text))[0]!;
    expect(dataErrorsOf(() => map856(set, supplierOf('lenient')))).toEqual([
      {
        path: '/3/N1',
        message:
          'the set has no ship-to: send an N1 loop with N101 ST or BY or OB and an id (N103/N104) or an address',
      },
    ]);
  });
});
