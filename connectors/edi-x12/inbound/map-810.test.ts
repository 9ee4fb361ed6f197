import { describe, expect, it } from 'vitest';
import type { Invoice } from '../../../canonical-model/generated/index';
import { map810 } from './map-810';
import { dataErrorsOf, expectValidDocuments, partnerContext } from './test-support/inbound-context';
import { envelope, readFixture, setsFromText } from './test-support/sets-from-text';

const supplier = partnerContext({
  partner: { ...partnerContext().partner, id: 'tp-vendor', role: 'supplier', partyId: 'sup-vendor' },
});

const invoiceText = (tds: string) =>
  envelope(
    'IN',
    'ST*810*0001~BIG*20240304*INV-1001*20240220*PO-7788~CUR*SE*USD~N1*RI*ACME SUPPLY*92*R1~N3*1 MAIN ST~' +
      'N4*CHICAGO*IL*60601~N1*ST*OUR DC*92*DC1~ITD*01*3*2**10**30~DTM*011*20240301~' +
      'IT1*1*48*EA*3**UP*036000291452~PID*F****WIDGET~IT1*2*2*CA*10.005**VN*AB-1~SAC*A*C310***100~' +
      `TDS*${tds}~TXI*ST*4.99~SAC*C*D240***1000~CTT*2*50~SE*18*0001`,
  );

const invoiceOf = async (text: string, context = supplier) => {
  const mapped = map810((await setsFromText(text))[0]!, context);
  expectValidDocuments(mapped);
  return { mapped, invoice: mapped.documents[0] as Invoice };
};

describe('810 → Invoice', () => {
  it('maps the reference example: IT1*1*48*EA*3 and TDS*14400 is an AP invoice of 144.00', async () => {
    const text = envelope(
      'IN',
      'ST*810*0001~BIG*20240304*INV-7**PO-1~IT1*1*48*EA*3**VN*W~TDS*14400~CTT*1~SE*6*0001',
    );
    const { mapped, invoice } = await invoiceOf(text);
    expect(mapped.businessKeys).toEqual({ invoiceNumber: 'INV-7', poNumber: 'PO-1' });
    expect(invoice).toMatchObject({
      direction: 'AP',
      supplierId: 'sup-vendor',
      purchaseOrderId: 'edi-main:purchase-order:PO-1',
      totals: { subtotal: { amount: '144.00' }, taxTotal: { amount: '0.00' }, total: { amount: '144.00' } },
    });
    expect(invoice.lines[0]).toMatchObject({
      quantity: { value: '48', uom: 'EA' },
      unitPrice: { amount: '3' },
    });
  });

  it('reconciles lines, line and summary SAC, and TXI tax against TDS01', async () => {
    const { invoice } = await invoiceOf(invoiceText('17800'));
    expect(invoice.lines.map((l) => [l.amount.amount, l.discount?.amount])).toEqual([
      ['144.00', undefined],
      // 2 × 10.005 = 20.01, less the line allowance of 1.00 (SAC05 100, N2).
      ['19.01', '1.00'],
    ]);
    expect(invoice.totals).toEqual({
      subtotal: { amount: '163.01', currency: 'USD' },
      chargeTotal: { amount: '10.00', currency: 'USD' },
      taxTotal: { amount: '4.99', currency: 'USD' },
      total: { amount: '178.00', currency: 'USD' },
    });
    expect(invoice.paymentTerms).toEqual({
      description: '2% 10 net 30',
      netDays: 30,
      discountPercent: '2',
      discountDays: 10,
    });
    expect(invoice.remitTo?.address?.city).toBe('CHICAGO');
    expect(invoice.shipTo?.locationId).toBe('edi-main:location:tp-vendor:92:DC1');
    expect(invoice.shipDate).toBe('2024-03-01');
  });

  it('names TDS01 when the total does not reconcile, showing the sum it expected', async () => {
    const set = (await setsFromText(invoiceText('17700')))[0]!;
    expect(dataErrorsOf(() => map810(set, supplier))).toEqual([
      {
        path: '/14/TDS01',
        message:
          'total 177.00 (17700 with 2 implied decimals) does not equal the lines 163.01 + charges 10.00' +
          ' − allowances 0.00 + tax 4.99 = 178.00',
      },
    ]);
  });

  it('reads our own 810 back as an AR invoice to the customer', async () => {
    const { invoice } = await invoiceOf(invoiceText('17800'), partnerContext({ perspective: 'partner' }));
    expect(invoice).toMatchObject({
      direction: 'AR',
      customerId: 'cust-acme',
      salesOrderId: 'edi-main:sales-order:tp-acme:PO-7788',
      id: 'edi-main:invoice:INV-1001',
    });
    expect(invoice.supplierId).toBeUndefined();
  });

  it('names a bad invoice date and a missing unit price', async () => {
    const text = envelope('IN', 'ST*810*0001~BIG*2024030*INV-7~IT1*1*48*EA***VN*W~TDS*0~SE*5*0001');
    const set = (await setsFromText(text))[0]!;
    expect(dataErrorsOf(() => map810(set, supplier)).map((e) => e.path)).toEqual(['/2/BIG01', '/3/IT104']);
  });

  it('maps the TDS implied-decimals fixture: 48 EA at 3 with TDS*14400 is 144.00', async () => {
    const { mapped, invoice } = await invoiceOf(readFixture('v12_810_tds_implied_decimals.edi'));
    expect(mapped.businessKeys).toEqual({ invoiceNumber: 'INV-1201', poNumber: 'PO-5001' });
    expect(invoice).toMatchObject({
      invoiceNumber: 'INV-1201',
      invoiceDate: '2024-03-20',
      shipDate: '2024-03-16',
      paymentTerms: { netDays: 30, discountPercent: '2', discountDays: 10 },
      totals: { subtotal: { amount: '144.00' }, total: { amount: '144.00', currency: 'USD' } },
    });
    expect(invoice.lines).toEqual([
      expect.objectContaining({
        description: 'BLUE WIDGET',
        quantity: { value: '48', uom: 'EA' },
        unitPrice: { amount: '3', currency: 'USD' },
        amount: { amount: '144.00', currency: 'USD' },
        item: { identifiers: [{ qualifier: 'UPC', value: '012345678905' }], description: 'BLUE WIDGET' },
      }),
    ]);
    expect(invoice.remitTo).toMatchObject({ code: 'R01', address: { city: 'DAYTON', region: 'OH' } });
  });
});
