import { describe, expect, it } from 'vitest';
import type { SalesOrder } from '../../../canonical-model/generated/index';
import { map850 } from './map-850';
import { dataErrorsOf, expectValidDocuments, partnerContext, pathsOf } from './test-support/inbound-context';
import { envelope, readFixture, setsFromText } from './test-support/sets-from-text';

const context = partnerContext();
const orderOf = async (text: string, i = 0) => {
  const mapped = map850((await setsFromText(text))[i]!, context);
  expectValidDocuments(mapped);
  return { mapped, order: mapped.documents[0] as SalesOrder };
};

const inline = (body: string) =>
  envelope('PO', `ST*850*0001~BEG*00*SA*PO-42**20240305~N1*ST*STORE 7*92*0007~${body}~SE*9*0001`);

describe('850 → SalesOrder', () => {
  it('maps the VICS grocery order (sample 01): PO number, dates, parties, case quantities, prices and allowance', async () => {
    const { mapped, order } = await orderOf(readFixture('01_850_vics_grocery_tilde.x12'));
    expect(mapped.businessKeys).toEqual({ poNumber: '520981', orderNumber: '520981' });
    expect(order).toMatchObject({
      orderNumber: '520981',
      customerPoNumber: '520981',
      customerId: 'cust-acme',
      channel: 'edi',
      orderDate: '2001-10-01',
      requestedDeliveryDate: '2001-10-11',
      currency: 'USD',
      freightTerms: 'prepaid',
      source: { system: 'x12', externalId: '520981', version: '000000164-121-00121001' },
    });
    expect(order.shipTo).toMatchObject({
      code: '2100988521100',
      address: { city: 'Calgary', countryCode: 'CA' },
    });
    expect(order.billTo?.code).toBe('2100988529600');
    // PO101 is empty in this sample: lines are numbered by position and carry no customer line number.
    expect(
      order.lines.map((l) => [l.lineNumber, l.customerLineNumber, l.quantity, l.unitPrice.amount]),
    ).toEqual([
      [1, undefined, { value: '20', uom: 'CS' }, '226.56'],
      [2, undefined, { value: '100', uom: 'CS' }, '2.82'],
    ]);
    expect(order.lines[1]!.attributes?.priceBasis).toBe('PP');
    expect(order.lines[0]!.discount).toEqual({ amount: '451.20', currency: 'USD' });
    expect(order.lines[0]!.item.identifiers).toContainEqual({ qualifier: 'VENDOR_PART', value: '4531' });
    expect(order.lines[0]!.item.description).toMatch(/^Grocery Item Description/);
    expect(order.notes?.[0]?.text).toContain('SAFEWAY PURCHASE ORDER FORM 662');
  });

  it('maps the clean orders of sample 02 and checks their CTT hash totals', async () => {
    const sets = await setsFromText(readFixture('02_850_pipe_multi_st_dirty_upc.x12'));
    expect(sets).toHaveLength(4);
    const orders = sets.slice(0, 3).map((set) => map850(set, context).documents[0] as SalesOrder);
    expect(orders.map((o) => o.customerPoNumber)).toEqual(['P1234567', 'Q1234567', 'V1234567']);
    expect(orders.map((o) => o.lines.length)).toEqual([5, 2, 1]);
    expect(orders[0]!.lines.map((l) => l.quantity.value)).toEqual(['25', '30', '6', '800', '1']);
    expect(orders[0]!.lines[0]!.item.identifiers).toEqual([{ qualifier: 'UPC', value: '717119850241' }]);
    expect(orders[0]!.shipTo).toEqual({ code: '1566008' });
    // No PO104: the price is not invented, the line says it was not sent.
    expect(orders[0]!.lines[0]!.attributes?.unitPriceMissing).toBe(true);
  });

  it('fails the dirty order of sample 02, naming every PO107 that is not a UPC', async () => {
    const set = (await setsFromText(readFixture('02_850_pipe_multi_st_dirty_upc.x12')))[3]!;
    const errors = dataErrorsOf(() => map850(set, context));
    expect(pathsOf(errors)).toEqual(['/10/PO107', '/11/PO107', '/14/PO107', '/4/PO107', '/6/PO107']);
    expect(errors.find((e) => e.path === '/10/PO107')?.message).toContain('"717119.837242" is not a UPC');
    expect(errors.find((e) => e.path === '/14/PO107')?.message).toMatch(/exactly 12 digits, this one has 13/);
  });

  it('reports a UPC whose check digit is wrong, with the digit expected', async () => {
    const text = inline('PO1*1*5*EA*1.25**UP*036000291453~CTT*1*5');
    const set = (await setsFromText(text))[0]!;
    expect(dataErrorsOf(() => map850(set, context))).toEqual([
      {
        path: '/4/PO107',
        message:
          '"036000291453" is not a valid UPC (UP): GTIN check digit is wrong: expected 2 as the last digit, got 3',
      },
    ]);
  });

  it("keeps a bad UPC as the customer's own item code, with a warning, for a 'lenient' partner", async () => {
    const text = inline('PO1*1*5*EA*1.25**UP*036000291453~CTT*1*5');
    const lenient = partnerContext({ partner: { ...context.partner, identifierChecks: 'lenient' } });
    const mapped = map850((await setsFromText(text))[0]!, lenient);
    const order = mapped.documents[0] as SalesOrder;
    expect(order.lines[0]!.item.identifiers).toEqual([{ qualifier: 'BUYER_PART', value: '036000291453' }]);
    expect(mapped.warnings).toEqual([
      {
        path: '/4/PO107',
        message:
          '"036000291453" is not a valid UPC (UP): GTIN check digit is wrong: expected 2 as the last digit, got 3; ' +
          'the line has no other product id, so "036000291453" is kept as BUYER_PART',
      },
    ]);
    expectValidDocuments(mapped);
  });

  it('names a bad order date, an unknown unit and a wrong CTT hash total', async () => {
    const text = envelope(
      'PO',
      'ST*850*0001~BEG*00*SA*PO-42**20241301~N1*ST*STORE 7*92*0007~PO1*1*5*ZZ*1.25**UP*036000291452~' +
        'PO1*2*7*EA*2**VN*X-1~CTT*2*13~SE*7*0001',
    );
    const set = (await setsFromText(text))[0]!;
    const errors = dataErrorsOf(() => map850(set, context));
    expect(errors.map((e) => e.path)).toEqual(['/2/BEG05', '/4/PO103', '/6/CTT02']);
    expect(errors[0]!.message).toBe('"20241301" is not a date (CCYYMMDD)');
    expect(errors[1]!.message).toContain('"ZZ" is not a unit of measure');
    expect(errors[2]!.message).toBe('hash total 13 does not match the sum of the line quantities, 12');
  });

  it('reads requested dates, currency, header charges and PO4 packs', async () => {
    const { order } = await orderOf(
      inline(
        'CUR*BY*CAD~DTM*010*20240310~DTM*037*20240308~DTM*001*20240320~' +
          'PO1*A1*12*EA*3.5*PE*UP*036000291452*BP*B-9~PO4*6*250*ML~SAC*C*D240***1250~CTT*1*12',
      ),
    );
    expect(order).toMatchObject({
      currency: 'CAD',
      requestedShipDate: '2024-03-10',
      doNotShipBefore: '2024-03-08',
      cancelAfter: '2024-03-20',
    });
    expect(order.lines[0]).toMatchObject({
      customerLineNumber: 'A1',
      unitPrice: { amount: '3.5', currency: 'CAD' },
      attributes: { priceBasis: 'PE', packsPerOuter: '6', packSize: '250 ML' },
    });
    // Partner preference puts the UPC first.
    expect(order.lines[0]!.item.identifiers[0]).toEqual({ qualifier: 'UPC', value: '036000291452' });
    expect(order.charges).toEqual([
      {
        kind: 'charge',
        type: 'freight',
        description: 'line 1: SAC D240',
        amount: { amount: '12.50', currency: 'CAD' },
      },
    ]);
  });

  it('refuses an order without a ship-to', async () => {
    const text = envelope('PO', 'ST*850*0001~BEG*00*SA*PO-1**20240305~PO1*1*1*EA*1**VN*X~SE*4*0001');
    const set = (await setsFromText(text))[0]!;
    expect(pathsOf(dataErrorsOf(() => map850(set, context)))).toEqual(['/2/N1']);
  });
});
