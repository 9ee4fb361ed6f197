import { describe, expect, it } from 'vitest';
import type { Segment } from './types';
import { readBusinessKeys } from './read-business-keys';

const seg = (text: string, index: number): Segment => {
  const [id = '', ...elements] = text.split('*');
  return { id, elements, index, offset: 0 };
};

describe('readBusinessKeys', () => {
  it('reads the numbers support searches by, first occurrence only, from sets that may not map', () => {
    const asn = ['ST*856*0001', 'BSN*00*ASN-1*20240316*1400', 'HL*2*1*O', 'PRF*PO-1', 'PRF*PO-2'].map(seg);
    expect(readBusinessKeys('856', asn)).toEqual({ asnNumber: 'ASN-1', poNumber: 'PO-1' });
    const invoice = ['ST*810*0001', 'BIG*20240320*INV-9**PO-7'].map(seg);
    expect(readBusinessKeys('810', invoice)).toEqual({ invoiceNumber: 'INV-9', poNumber: 'PO-7' });
    const advice = ['W06*F*538686*20240316*SHP1**PO-5'].map(seg);
    expect(readBusinessKeys('945', advice)).toEqual({
      orderNumber: '538686',
      shipmentNumber: 'SHP1',
      poNumber: 'PO-5',
    });
    expect(readBusinessKeys('850', ['BEG*00*SA*  *'].map(seg))).toEqual({});
    expect(readBusinessKeys('999', ['BEG*00*SA*X'].map(seg))).toEqual({});
  });
});
