import { describe, expect, it } from 'vitest';
import { creditLines, isSellerFault, planCredit } from './credit';
import type { ReturnLineInput, ReturnReceipt } from './types';

const line = (over: Partial<ReturnLineInput> = {}): ReturnLineInput => ({
  lineNumber: 1,
  orderLineNumber: 1,
  sku: 'WID-1001',
  uom: 'EA',
  quantity: '3',
  reason: 'no-longer-needed',
  unitPrice: '12.50',
  ...over,
});

const receipt = (
  lines: { n: number; received: string; condition: 'good' | 'damaged'; rejected?: string }[],
): ReturnReceipt => ({
  schemaVersion: '1',
  documentType: 'goods-receipt',
  id: 'gr_1',
  legalEntityId: 'le_acme_us',
  source: { connectorId: 'wms', system: 'shiphero', externalId: 'r1' },
  receiptNumber: 'R1',
  type: 'return',
  status: 'completed',
  locationId: 'loc_dc_primary',
  receivedAt: '2026-12-02T10:00:00Z',
  returnId: 'so_1.ra1',
  lines: lines.map((l, i) => ({
    lineNumber: i + 1,
    orderLineNumber: l.n,
    item: { identifiers: [{ qualifier: 'SKU', value: 'WID-1001' }] },
    quantityReceived: { value: l.received, uom: 'EA' },
    ...(l.rejected ? { quantityRejected: { value: l.rejected, uom: 'EA' } } : {}),
    condition: l.condition,
  })),
});

const oneInvoice = [{ invoiceId: 'inv_1', lines: [{ orderLineNumber: 1, quantity: '5' }] }];

describe('return credit', () => {
  it('credits good units in full and restocks them', () => {
    const plan = planCredit({
      returnId: 'so_1.ra1',
      lines: [line({ quantity: '2' })],
      receipt: receipt([{ n: 1, received: '2', condition: 'good' }]),
      invoices: oneInvoice,
      restockingFeePercent: '0',
    });
    expect(plan.lines[0]).toMatchObject({ credited: '2', restock: '2', fee: '0.00' });
    expect(plan.memos).toEqual([
      expect.objectContaining({ invoiceId: 'so_1.ra1.cm1', originalInvoiceId: 'inv_1', total: '25.00' }),
    ]);
  });

  it('gives no credit for damaged units returned for a reason not the seller’s fault', () => {
    const [credit] = creditLines(
      [line({ reason: 'no-longer-needed' })],
      receipt([
        { n: 1, received: '1', condition: 'good' },
        { n: 1, received: '2', condition: 'damaged', rejected: '2' },
      ]),
      '0',
    );
    expect(credit).toMatchObject({ received: '3', good: '1', notGood: '2', credited: '1', restock: '1' });
    expect(credit?.note).toMatch(/not credited/);
  });

  it('credits damaged units when the reason is the seller’s fault, without a restocking fee', () => {
    expect(isSellerFault('defective')).toBe(true);
    const plan = planCredit({
      returnId: 'so_1.ra1',
      lines: [line({ reason: 'defective', quantity: '2' })],
      receipt: receipt([{ n: 1, received: '2', condition: 'damaged', rejected: '2' }]),
      invoices: oneInvoice,
      restockingFeePercent: '15',
    });
    expect(plan.lines[0]).toMatchObject({ credited: '2', restock: '0', fee: '0.00' });
    expect(plan.total).toBe('25.00');
  });

  it('keeps the restocking fee off returns not the seller’s fault', () => {
    const plan = planCredit({
      returnId: 'so_1.ra1',
      lines: [line({ reason: 'overstock', quantity: '2' })],
      receipt: receipt([{ n: 1, received: '2', condition: 'good' }]),
      invoices: oneInvoice,
      restockingFeePercent: '10',
    });
    expect(plan.memos[0]?.lines[0]).toMatchObject({ quantity: '2', fee: '2.50', amount: '22.50' });
    expect(plan.total).toBe('22.50');
  });

  it('never credits more than was authorised', () => {
    const [credit] = creditLines(
      [line({ quantity: '2' })],
      receipt([{ n: 1, received: '5', condition: 'good' }]),
      '0',
    );
    expect(credit).toMatchObject({ received: '2', credited: '2' });
  });

  it('splits a line over the invoices that billed it, oldest first, one memo per invoice', () => {
    const plan = planCredit({
      returnId: 'so_1.ra1',
      lines: [
        line({ quantity: '4' }),
        line({ lineNumber: 2, orderLineNumber: 2, sku: 'WID-1002', quantity: '1', unitPrice: '3' }),
      ],
      receipt: receipt([
        { n: 1, received: '4', condition: 'good' },
        { n: 2, received: '1', condition: 'good' },
      ]),
      invoices: [
        { invoiceId: 'inv_old', lines: [{ orderLineNumber: 1, quantity: '3' }] },
        {
          invoiceId: 'inv_new',
          lines: [
            { orderLineNumber: 1, quantity: '2' },
            { orderLineNumber: 2, quantity: '1' },
          ],
        },
      ],
      restockingFeePercent: '0',
    });
    expect(plan.memos.map((m) => [m.invoiceId, m.originalInvoiceId, m.total])).toEqual([
      ['so_1.ra1.cm1', 'inv_old', '37.50'],
      ['so_1.ra1.cm2', 'inv_new', '15.50'],
    ]);
    expect(plan.memos[1]?.lines.map((l) => [l.orderLineNumber, l.quantity])).toEqual([
      [1, '1'],
      [2, '1'],
    ]);
    expect(plan.total).toBe('53.00');
  });

  it('does not credit units no invoice billed', () => {
    const plan = planCredit({
      returnId: 'so_1.ra1',
      lines: [line({ quantity: '3' })],
      receipt: receipt([{ n: 1, received: '3', condition: 'good' }]),
      invoices: [{ invoiceId: 'inv_1', lines: [{ orderLineNumber: 1, quantity: '1' }] }],
      restockingFeePercent: '0',
    });
    expect(plan.lines[0]).toMatchObject({ credited: '1' });
    expect(plan.lines[0]?.note).toMatch(/never invoiced/);
    expect(plan.total).toBe('12.50');
  });
});
