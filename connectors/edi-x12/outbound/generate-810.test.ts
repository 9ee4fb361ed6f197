import { describe, expect, it } from 'vitest';
import type { OutSegment } from '../x12/types';
import { generate810 } from './generate-810';
import { arInvoice } from './test-support/outbound-documents';
import { outboundContext, partnerProfile } from './test-support/partner-profiles';

const ofId = (body: OutSegment[], id: string) => body.filter((s) => s.id === id).map((s) => s.elements);
const context = outboundContext(partnerProfile({ productIdQualifiers: ['BP', 'UP'] }));

describe('generate810', () => {
  it('writes the total in TDS with two implied decimals and unit prices as R decimals', () => {
    const body = generate810(arInvoice(), context);
    expect(ofId(body, 'TDS')).toEqual([['108260']]);
    expect(ofId(body, 'IT1')[0]).toEqual(['1', '240', 'EA', '3.1', '', 'BP', '887001', 'UP', '012345678905']);
    expect(ofId(body, 'IT1')[1]!.slice(0, 4)).toEqual(['2', '6', 'CA', '48']);
  });

  it('puts line discounts in the IT1 loop and document charges after TDS, amounts in N2', () => {
    const body = generate810(arInvoice(), context);
    const ids = body.map((s) => s.id);
    const sacs = body.map((s, i) => [i, s] as const).filter(([, s]) => s.id === 'SAC');
    expect(sacs.map(([, s]) => s.elements.slice(0, 5))).toEqual([
      ['A', 'C310', '', '', '1440'],
      ['C', 'D240', '', '', '8500'],
      ['A', 'F800', '', '', '2000'],
    ]);
    expect(sacs[0]![0]).toBeLessThan(ids.indexOf('TDS'));
    expect(sacs[1]![0]).toBeGreaterThan(ids.indexOf('TDS'));
    expect(ids.at(-1)).toBe('CTT');
  });

  it('marks a credit memo in BIG07 and writes a 144.00 credit as 14400', () => {
    const invoice = arInvoice();
    invoice.type = 'credit-memo';
    invoice.totals.total.amount = '144';
    const body = generate810(invoice, context);
    expect(body[0]!.elements[6]).toBe('CR');
    expect(ofId(body, 'TDS')).toEqual([['14400']]);
  });

  it('refuses an AP invoice and a total with sub-cent digits, naming the field', () => {
    expect(() => generate810({ ...arInvoice(), direction: 'AP' }, context)).toThrow(/\/direction must be AR/);
    const invoice = arInvoice();
    invoice.totals.total.amount = '1082.605';
    expect(() => generate810(invoice, context)).toThrow(/\/totals\/total\/amount .*more than two decimals/);
  });
});
