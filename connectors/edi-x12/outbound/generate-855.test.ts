import { describe, expect, it } from 'vitest';
import type { OutSegment } from '../x12/types';
import { generate855 } from './generate-855';
import { outboundAck } from './test-support/outbound-documents';
import { outboundContext, partnerProfile } from './test-support/partner-profiles';

const ofId = (body: OutSegment[], id: string) => body.filter((s) => s.id === id).map((s) => s.elements);
const context = outboundContext(partnerProfile({ productIdQualifiers: ['VN'] }));

describe('generate855', () => {
  it('answers with BAK AC, echoes each PO1 and gives each line an ACK status, quantity and date', () => {
    const body = generate855(outboundAck(), context);
    expect(body[0]).toEqual({
      id: 'BAK',
      elements: ['00', 'AC', 'PO-88121', '20250329', '', '', '', 'AB-2025-0399', '20250329'],
    });
    expect(ofId(body, 'PO1')).toEqual([
      ['1', '200', 'CA', '22.14', '', 'VN', 'ACM-88213'],
      ['2', '50', 'CA', undefined, '', 'VN', 'ACM-88214'],
    ]);
    expect(ofId(body, 'ACK')).toEqual([
      ['IC', '180', 'CA', '067', '20250502', ''],
      ['IR', undefined, undefined, undefined, undefined, ''],
    ]);
    expect(ofId(body, 'CTT')).toEqual([['2', '250']]);
  });

  it('codes accepted, backordered and substituted lines IA, IB and IS', () => {
    const ack = outboundAck();
    const [first, second] = ack.lines;
    ack.lines = [
      { ...first!, status: 'accepted', changes: undefined },
      { ...second!, status: 'backordered' },
      {
        ...first!,
        lineNumber: 3,
        changes: { item: { identifiers: [{ qualifier: 'VENDOR_PART', value: 'ACM-99' }] } },
      },
    ];
    const acks = ofId(generate855(ack, context), 'ACK');
    expect(acks.map((e) => e[0])).toEqual(['IA', 'IB', 'IS']);
    expect(acks[2]!.slice(6)).toEqual(['VN', 'ACM-99']);
  });

  it('refuses an inbound acknowledgement', () => {
    expect(() => generate855({ ...outboundAck(), direction: 'inbound' }, context)).toThrow(
      /\/direction must be outbound/,
    );
  });
});
