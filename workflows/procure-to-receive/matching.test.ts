import { describe, expect, it } from 'vitest';
import type { InvoiceLine } from '../../canonical-model/generated/index';
import { threeWayMatch, withinPercent } from './matching';
import type { MatchLine } from './matching';

const poLine = (over: Partial<MatchLine> = {}): MatchLine => ({
  lineNumber: 1,
  sku: 'WID-1001',
  unitPrice: '10.00',
  billable: '10',
  billed: '0',
  stillExpected: '0',
  ...over,
});

const invLine = (
  n: number,
  quantity: string,
  price: string,
  over: Partial<InvoiceLine> = {},
): InvoiceLine => ({
  lineNumber: n,
  orderLineNumber: 1,
  item: { identifiers: [{ qualifier: 'SKU', value: 'WID-1001' }] },
  description: 'widget',
  quantity: { value: quantity, uom: 'EA' },
  unitPrice: { amount: price, currency: 'USD' },
  amount: { amount: '0', currency: 'USD' },
  ...over,
});

const match = (lines: InvoiceLine[], po: MatchLine[], q = 0, p = 1) =>
  threeWayMatch({ invoice: { lines }, lines: po, quantityTolerancePercent: q, priceTolerancePercent: p });

describe('three-way match', () => {
  it('matches what was received at the PO price', () => {
    expect(match([invLine(1, '10', '10.00')], [poLine()])).toEqual({
      outcome: 'match',
      differences: [],
      billed: [{ lineNumber: 1, quantity: '10' }],
    });
  });

  it('accepts a price within tolerance and refuses one beyond it, naming the line', () => {
    expect(match([invLine(1, '10', '10.10')], [poLine()]).outcome).toBe('match');
    expect(match([invLine(1, '10', '10.11')], [poLine()])).toMatchObject({
      outcome: 'mismatch',
      differences: [{ lineNumber: 1, field: 'unitPrice', expected: '10.00', actual: '10.11' }],
    });
    expect(match([invLine(1, '10', '9.89')], [poLine()]).outcome).toBe('mismatch');
  });

  it('adds up invoice lines of one PO line and subtracts what was already billed', () => {
    const po = [poLine({ billable: '10', billed: '4' })];
    expect(match([invLine(1, '3', '10'), invLine(2, '3', '10')], po).outcome).toBe('match');
    expect(match([invLine(1, '3', '10'), invLine(2, '4', '10')], po)).toMatchObject({
      outcome: 'mismatch',
      differences: [{ lineNumber: 1, field: 'quantity', expected: '6', actual: '7' }],
    });
  });

  it('waits for receipt when units still expected could cover the quantity', () => {
    const po = [poLine({ billable: '6', stillExpected: '4' })];
    expect(match([invLine(1, '10', '10')], po)).toMatchObject({
      outcome: 'wait',
      differences: [{ field: 'quantity', expected: '6', actual: '10' }],
    });
    expect(match([invLine(1, '11', '10')], po).outcome).toBe('mismatch');
  });

  it('allows the quantity tolerance on top of what was received', () => {
    expect(match([invLine(1, '10.5', '10')], [poLine()], 5).outcome).toBe('match');
    expect(match([invLine(1, '10.6', '10')], [poLine()], 5).outcome).toBe('mismatch');
  });

  it('a line that is not on the PO differs in item; a SKU finds its line without an order line number', () => {
    const po = [poLine(), poLine({ lineNumber: 2, sku: 'WID-1002', unitPrice: '5' })];
    expect(
      match(
        [
          invLine(1, '2', '5', {
            orderLineNumber: undefined,
            item: { identifiers: [{ qualifier: 'SKU', value: 'WID-1002' }] },
          }),
          invLine(2, '1', '3', {
            orderLineNumber: 7,
            item: { identifiers: [{ qualifier: 'SKU', value: 'GADGET' }] },
          }),
        ],
        po,
      ),
    ).toMatchObject({
      outcome: 'mismatch',
      differences: [{ lineNumber: 2, field: 'item', actual: 'GADGET' }],
      billed: [{ lineNumber: 2, quantity: '2' }],
    });
  });

  it('an order line number whose SKU differs is matched by SKU instead', () => {
    const po = [poLine(), poLine({ lineNumber: 2, sku: 'WID-1002', unitPrice: '5' })];
    const result = match(
      [
        invLine(1, '2', '5', {
          orderLineNumber: 1,
          item: { identifiers: [{ qualifier: 'SKU', value: 'WID-1002' }] },
        }),
      ],
      po,
    );
    expect(result).toMatchObject({ outcome: 'match', billed: [{ lineNumber: 2, quantity: '2' }] });
  });

  it('withinPercent is exact on decimals', () => {
    expect(withinPercent('100.5', '100', 0.5)).toBe(true);
    expect(withinPercent('100.500001', '100', 0.5)).toBe(false);
    expect(withinPercent('99.5', '100', 0.5)).toBe(true);
  });
});
