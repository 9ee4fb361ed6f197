import { describe, expect, it } from 'vitest';
import { isHubError } from '../../../platform/errors';
import { orderIdentifiers, productIdPairs } from './product-ids';
import { dateX12, impliedN2, rDecimal, unitX12 } from './x12-values';

describe('X12 value formats', () => {
  it('writes N2 amounts with two implied decimals, exactly', () => {
    expect(impliedN2('144.00', '/t')).toBe('14400');
    expect(impliedN2('144', '/t')).toBe('14400');
    expect(impliedN2('0.5', '/t')).toBe('50');
    expect(impliedN2('-144.00', '/t')).toBe('-14400');
    expect(impliedN2('-0.00', '/t')).toBe('0');
    expect(impliedN2('1.500', '/t')).toBe('150');
    // Past 2^53 a double would already have lost the cents.
    expect(impliedN2('987654321098765.43', '/t')).toBe('98765432109876543');
  });

  it('refuses an N2 amount with more than two decimals instead of rounding it', () => {
    try {
      impliedN2('10.125', '/totals/total/amount');
      expect.unreachable();
    } catch (err) {
      expect(isHubError(err) && err.fieldErrors?.[0]?.path).toBe('/totals/total/amount');
    }
  });

  it('writes R decimals without trailing zeros or leading zeros', () => {
    expect(rDecimal('22.60', '/p')).toBe('22.6');
    expect(rDecimal('4428.00', '/p')).toBe('4428');
    expect(rDecimal('0.50', '/p')).toBe('0.5');
    expect(rDecimal('007', '/p')).toBe('7');
    expect(rDecimal('-0.0', '/p')).toBe('0');
    expect(rDecimal('-3.1400', '/p')).toBe('-3.14');
    expect(() => rDecimal('1e3', '/p')).toThrow(/not a decimal/);
  });

  it('maps canonical units to X12 355 and dates to CCYYMMDD', () => {
    expect(unitX12('CS')).toBe('CA');
    expect(unitX12('CA')).toBe('CN');
    expect(unitX12('L')).toBe('LT');
    expect(dateX12('2025-04-03', '/d')).toBe('20250403');
    expect(() => dateX12('04/03/2025', '/d')).toThrow(/YYYY-MM-DD/);
  });
});

describe('product id pairs', () => {
  const item = {
    identifiers: [
      { qualifier: 'SKU' as const, value: 'WID-1001' },
      { qualifier: 'VENDOR_PART' as const, value: 'ACM-1' },
      { qualifier: 'UPC' as const, value: '012345678905' },
      { qualifier: 'VENDOR_PART' as const, value: 'ACM-2' },
    ],
  };

  it('sends the partner-preferred identifiers first, in preference order, and the rest as the item lists them', () => {
    expect(productIdPairs(item, ['UP', 'VP'], 10, '/item')).toEqual([
      'UP',
      '012345678905',
      'VP',
      'ACM-1',
      'VP',
      'ACM-2',
      'SK',
      'WID-1001',
    ]);
  });

  it('uses the standard qualifier of an identifier the preference does not name', () => {
    expect(orderIdentifiers(item, []).map((q) => q.x12)).toEqual(['SK', 'VN', 'UP', 'VN']);
  });

  it('refuses more identifiers than the segment has pairs for, naming the item', () => {
    expect(() => productIdPairs(item, [], 3, '/lines/2/item')).toThrow(
      /\/lines\/2\/item\/identifiers has 4 identifiers/,
    );
  });
});
