import { describe, expect, it } from 'vitest';
import type { PurchaseOrderAck } from '../../../canonical-model/generated/index';
import { map850 } from './map-850';
import { map855 } from './map-855';
import { dataErrorsOf, expectValidDocuments, partnerContext, pathsOf } from './test-support/inbound-context';
import { envelope, readFixture, setsFromText } from './test-support/sets-from-text';

const supplier = partnerContext({
  partner: { ...partnerContext().partner, id: 'tp-books', role: 'supplier', partyId: 'sup-books' },
});
const ackOf = async (text: string, context = supplier) => {
  const mapped = map855((await setsFromText(text))[0]!, context);
  expectValidDocuments(mapped);
  return { mapped, ack: mapped.documents[0] as PurchaseOrderAck };
};

describe('855 → PurchaseOrderAck', () => {
  it('maps the book distributor ack (sample 03): header, line statuses, quantities and reason codes', async () => {
    const { mapped, ack } = await ackOf(readFixture('03_855_book_distributor_ack.edi'));
    expect(mapped.businessKeys).toEqual({ poNumber: 'POTEST1112', orderNumber: '60169126' });
    expect(ack).toMatchObject({
      direction: 'inbound',
      poNumber: 'POTEST1112',
      purchaseOrderId: 'edi-main:purchase-order:POTEST1112',
      supplierId: 'sup-books',
      ackNumber: '60169126',
      status: 'accepted',
      ackDate: '2020-10-15',
      currency: 'USD',
    });
    expect(
      ack.lines.map((l) => [l.lineNumber, l.status, l.quantityOrdered.value, l.quantityAccepted?.value]),
    ).toEqual([
      [1, 'accepted', '3', '3'],
      [2, 'rejected', '2', '0'],
      [3, 'rejected', '1', '0'],
      [4, 'accepted', '2', '2'],
    ]);
    // X12 UN ("unit") is counted as EA; ISBN-13s arrive as EANs; the reason codes are kept.
    expect(ack.lines[0]!.quantityOrdered.uom).toBe('EA');
    expect(ack.lines[0]!.item.identifiers).toEqual([{ qualifier: 'EAN', value: '9780446360265' }]);
    expect(ack.lines[1]!.reason).toContain('CW');
    expect(ack.lines[1]!.unitPriceOrdered).toEqual({ amount: '15.99', currency: 'USD' });
  });

  it('reads our own 855 back as an outbound ack that points at the sales order the 850 made', async () => {
    const customer = partnerContext({ perspective: 'partner' });
    const { ack } = await ackOf(readFixture('03_855_book_distributor_ack.edi'), customer);
    expect(ack).toMatchObject({ direction: 'outbound', customerId: 'cust-acme', supplierId: 'le-us' });
    const order = envelope(
      'PO',
      'ST*850*0001~BEG*00*SA*POTEST1112**20201015~N1*ST**92*1~PO1*1*1*EA*1**VN*X~SE*5*0001',
    );
    expect(ack.salesOrderId).toBe(map850((await setsFromText(order))[0]!, customer).documents[0]!.id);
  });

  it('maps backorders, quantity and date changes and substitutions', async () => {
    const text = envelope(
      'PR',
      'ST*855*0001~BAK*00*AC*PO-9*20240301****SO-1*20240302~' +
        'PO1*1*10*EA*2**VN*A~ACK*IB*10*EA~' +
        'PO1*2*10*EA*2**VN*B~ACK*IQ*6*EA*068*20240315~' +
        'PO1*3*4*CA*9**VN*C~ACK*IS*4*CA****VN*C2~' +
        'PO1*4*1*EA*1**VN*D~ACK*DR*1*EA*067*20240320~PO1*5*3*EA*2.25**VN*E~ACK*IP*3*EA~CTT*5*28~SE*14*0001',
    );
    const { ack } = await ackOf(text);
    expect(ack).toMatchObject({ status: 'accepted-with-changes', ackNumber: 'SO-1', ackDate: '2024-03-02' });
    expect(ack.estimatedShipDate).toBe('2024-03-15');
    expect(ack.lines.map((l) => [l.status, l.changes])).toEqual([
      ['backordered', undefined],
      ['changed', { quantity: { value: '6', uom: 'EA' }, shipDate: '2024-03-15' }],
      ['changed', { item: { identifiers: [{ qualifier: 'VENDOR_PART', value: 'C2' }] } }],
      ['changed', { deliveryDate: '2024-03-20' }],
      // IP: the echoed PO104 is the supplier's new price.
      ['changed', { unitPrice: { amount: '2.25', currency: 'USD' } }],
    ]);
  });

  it('refuses a changed line that says nothing about what changed', async () => {
    const text = envelope(
      'PR',
      'ST*855*0001~BAK*00*AC*PO-9*20240301~PO1*1*10*EA*2**VN*A~ACK*IC*10*EA~SE*5*0001',
    );
    const set = (await setsFromText(text))[0]!;
    const errors = dataErrorsOf(() => map855(set, supplier));
    expect(errors.map((e) => e.path)).toEqual(['/4/ACK01']);
    expect(errors[0]!.message).toContain('says the line changed, but the ACK carries no new quantity');
  });

  it('names an unknown ack type, an unknown line status and a bad ACK date', async () => {
    const text = envelope(
      'PR',
      'ST*855*0001~BAK*00*ZZ*PO-9*20240301~PO1*1*10*EA*2**VN*A~ACK*XX*10*EA*068*20240231~SE*5*0001',
    );
    const set = (await setsFromText(text))[0]!;
    expect(pathsOf(dataErrorsOf(() => map855(set, supplier)))).toEqual(['/2/BAK02', '/4/ACK01', '/4/ACK05']);
  });
});
