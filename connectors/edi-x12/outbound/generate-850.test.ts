import { describe, expect, it } from 'vitest';
import type { OutSegment } from '../x12/types';
import { generate850 } from './generate-850';
import { purchaseOrder } from './test-support/outbound-documents';
import { outboundContext, partnerProfile } from './test-support/partner-profiles';

const ofId = (body: OutSegment[], id: string) => body.filter((s) => s.id === id).map((s) => s.elements);

describe('generate850', () => {
  const context = outboundContext(partnerProfile({ role: 'supplier', productIdQualifiers: ['SK', 'VN'] }));

  it('writes BEG, the PO1 lines with exact prices and units, and a CTT hash of the quantities', () => {
    const body = generate850(purchaseOrder(), context);
    expect(body[0]).toEqual({ id: 'BEG', elements: ['00', 'SA', 'PO-88121', undefined, '20250328'] });
    expect(ofId(body, 'PO1')).toEqual([
      ['1', '200', 'CA', '22.14', '', 'SK', 'WID-1001', 'VN', 'ACM-88213'],
      ['2', '50', 'CA', '31.5', '', 'VN', 'ACM-88214'],
    ]);
    expect(ofId(body, 'CTT')).toEqual([['2', '250']]);
    expect(ofId(body, 'DTM')).toEqual([
      ['002', '20250425'],
      ['002', '20250425'],
    ]);
    expect(ofId(body, 'N1').map((e) => e[0])).toEqual(['BY', 'ST', 'BT']);
  });

  it('marks a cancelled order with BEG01 01 and a drop-ship order with BEG02 DS', () => {
    const order = { ...purchaseOrder(), status: 'cancelled' as const, type: 'drop-ship' as const };
    expect(generate850(order, context)[0]!.elements.slice(0, 2)).toEqual(['01', 'DS']);
  });

  it('refuses a line priced in another currency than the order', () => {
    const order = purchaseOrder();
    order.lines[1]!.unitPrice.currency = 'USD';
    expect(() => generate850(order, context)).toThrow(
      /\/lines\/1\/unitPrice\/currency is USD but the order is in EUR/,
    );
  });
});
