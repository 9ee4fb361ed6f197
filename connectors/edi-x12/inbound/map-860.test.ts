import { describe, expect, it } from 'vitest';
import type { SalesOrderChange } from '../../../canonical-model/generated/index';
import { map850 } from './map-850';
import { map860 } from './map-860';
import { dataErrorsOf, expectValidDocuments, partnerContext } from './test-support/inbound-context';
import { envelope, readFixture, setsFromText } from './test-support/sets-from-text';

const context = partnerContext();
const changeOf = async (body: string) => {
  const mapped = map860((await setsFromText(envelope('PC', `ST*860*0001~${body}~SE*99*0001`)))[0]!, context);
  expectValidDocuments(mapped);
  return { mapped, change: mapped.documents[0] as SalesOrderChange };
};

describe('860 → SalesOrderChange', () => {
  it('maps line changes against the sales order the 850 created', async () => {
    const { mapped, change } = await changeOf(
      'BCH*04*SA*PO-42**3*20240301*****20240306~DTM*002*20240320~' +
        'POC*1*QI*30**EA*2.5**UP*036000291452~POC*2*DI***EA***VN*X-2~POC*3*PC*5**EA*1.75**VN*X-3~' +
        'POC*4*AI*8**CA*12**VN*X-4~PID*F****NEW THING~CTT*4*43',
    );
    const order = map850(
      (
        await setsFromText(
          envelope('PO', 'ST*850*0001~BEG*00*SA*PO-42**20240301~N1*ST**92*7~PO1*1*1*EA*1**VN*X~SE*5*0001'),
        )
      )[0]!,
      context,
    ).documents[0]!;
    expect(mapped.businessKeys).toEqual({ poNumber: 'PO-42', orderNumber: 'PO-42' });
    expect(change).toMatchObject({
      salesOrderId: order.id,
      customerId: 'cust-acme',
      customerPoNumber: 'PO-42',
      changeSequence: '3',
      purpose: 'change',
      changeDate: '2024-03-06',
      requestedDeliveryDate: '2024-03-20',
    });
    expect(change.lines.map((l) => [l.lineNumber, l.change, l.quantity?.value, l.unitPrice?.amount])).toEqual(
      [
        [1, 'quantity-increase', '30', '2.5'],
        [2, 'delete', undefined, undefined],
        [3, 'price', '5', '1.75'],
        [4, 'add', '8', '12'],
      ],
    );
    expect(change.lines[3]!.item).toEqual({
      identifiers: [{ qualifier: 'VENDOR_PART', value: 'X-4' }],
      description: 'NEW THING',
    });
  });

  it('maps a cancellation of the whole order without lines', async () => {
    const { change } = await changeOf('BCH*01*SA*PO-42**4*20240301');
    expect(change).toMatchObject({ purpose: 'cancel', lines: [], changeDate: '2024-03-01' });
  });

  it('names a quantity change without a quantity and an unknown change type', async () => {
    const text = envelope(
      'PC',
      'ST*860*0001~BCH*04*SA*PO-42**5*20240301~POC*1*QD***EA***VN*A~POC*2*ZZ*1**EA***VN*B~SE*5*0001',
    );
    const set = (await setsFromText(text))[0]!;
    expect(dataErrorsOf(() => map860(set, context)).map((e) => e.path)).toEqual(['/3/POC03', '/4/POC02']);
  });

  it('maps the order change fixture as it is (its UPCs have valid check digits)', async () => {
    const text = readFixture('v15_860_order_change.edi');
    const mapped = map860((await setsFromText(text))[0]!, context);
    expectValidDocuments(mapped);
    const change = mapped.documents[0] as SalesOrderChange;
    expect(change).toMatchObject({
      customerPoNumber: 'PO-5001',
      changeSequence: '1',
      requestedDeliveryDate: '2024-03-25',
    });
    expect(change.lines.map((l) => [l.change, l.quantity?.value, l.unitPrice?.amount])).toEqual([
      ['quantity-increase', '10', '4.25'],
      ['delete', '20', '4.25'],
    ]);
    expect(change.lines.map((l) => l.item?.identifiers)).toEqual([
      [{ qualifier: 'UPC', value: '012345678905' }],
      [{ qualifier: 'UPC', value: '012345678912' }],
    ]);
  });
});
