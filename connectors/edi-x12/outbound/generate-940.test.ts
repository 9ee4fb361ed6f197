import { describe, expect, it } from 'vitest';
import type { OutSegment } from '../x12/types';
import { generate940 } from './generate-940';
import { shippingOrder } from './test-support/outbound-documents';
import { outboundContext, partnerProfile } from './test-support/partner-profiles';

const ofId = (body: OutSegment[], id: string) => body.filter((s) => s.id === id).map((s) => s.elements);
const context = outboundContext(partnerProfile({ role: '3pl', productIdQualifiers: ['UP', 'VN'] }));

describe('generate940', () => {
  it('writes W05, the parties with the warehouse, the dates, W66 and W76 totals', () => {
    const body = generate940(shippingOrder(), context);
    expect(body[0]).toEqual({ id: 'W05', elements: ['N', '538686', '001001'] });
    expect(ofId(body, 'N1').map((e) => e[0])).toEqual(['ST', 'DE', 'WH']);
    expect(ofId(body, 'N1')[2]).toEqual(['WH', '', 'ZZ', 'loc_3pl_ontario_ca']);
    expect(ofId(body, 'G62')).toEqual([
      ['10', '20250404'],
      ['02', '20250407'],
    ]);
    expect(ofId(body, 'W66')[0]!.filter(Boolean)).toEqual(['PP', 'LT', 'MTEN']);
    expect(ofId(body, 'W76')).toEqual([['56', '500', 'LB']]);
  });

  it('writes each line as LX, W01 with the preferred ids first, G69 and N9 references', () => {
    const body = generate940(shippingOrder(), context);
    const w01 = ofId(body, 'W01')[0]!;
    expect(w01.slice(0, 7)).toEqual(['12', 'CA', '', 'UP', '000100000016', 'VN', '000100']);
    expect(ofId(body, 'N9').slice(0, 2)).toEqual([
      ['LI', '1'],
      ['LT', 'DEC0199', '', '20251205'],
    ]);
    expect(ofId(body, 'LX')).toEqual([['1'], ['2'], ['3']]);
  });

  it('refuses a total in another unit than the lines, a note longer than NTE holds and ids W01 cannot carry', () => {
    const order = shippingOrder();
    order.totals = { quantity: { value: '56', uom: 'EA' } };
    expect(() => generate940(order, context)).toThrow(/\/totals\/quantity\/uom/);
    const noted = shippingOrder();
    noted.notes = [{ type: 'shipping', text: 'x'.repeat(81) }];
    expect(() => generate940(noted, context)).toThrow(/\/notes\/0\/text/);
    const ids = shippingOrder();
    ids.lines[0]!.item.identifiers.push({ qualifier: 'SKU', value: 'A' }, { qualifier: 'MPN', value: 'B' });
    expect(() => generate940(ids, context)).toThrow(/\/lines\/0\/item\/identifiers has 4/);
  });
});
