import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gs1KeyProblem, isValidGtin, isValidSscc, withGs1CheckDigit } from './gtin';

describe('GS1 check digits', () => {
  it.each([
    ['GTIN-8', '96385074'],
    ['GTIN-12 (UPC-A)', '012345678905'],
    ['GTIN-13 (EAN)', '4006381333931'],
    ['GTIN-14 (case)', '10012345678902'],
  ])('accepts the published %s example %s', (_label, gtin) => {
    expect(isValidGtin(gtin)).toBe(true);
  });

  it('accepts the published SSCC example and names the expected digit when it is wrong', () => {
    expect(isValidSscc('106141411234567897')).toBe(true);
    expect(gs1KeyProblem('sscc', '106141411234567891')).toBe(
      'SSCC-18 check digit is wrong: expected 7 as the last digit, got 1',
    );
  });

  it('rejects keys of the wrong length or with non-digits', () => {
    expect(isValidGtin('1234567')).toBe(false);
    expect(isValidGtin('01234567890X')).toBe(false);
    expect(isValidSscc('10614141123456789')).toBe(false);
    expect(gs1KeyProblem('gln', '061414100000')).toBe('a GLN has 13 digits');
  });

  it('detects every single-digit error (property)', () => {
    const body = fc
      .constantFrom(7, 11, 12, 13, 17)
      .chain((n) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n }));
    fc.assert(
      fc.property(body, fc.nat(), fc.integer({ min: 1, max: 9 }), (b, at, delta) => {
        const key = withGs1CheckDigit(b);
        const kind = key.length === 18 ? 'sscc' : 'gtin';
        expect(gs1KeyProblem(kind, key)).toBeUndefined();
        const i = at % key.length;
        const changed = `${key.slice(0, i)}${(Number(key[i]) + delta) % 10}${key.slice(i + 1)}`;
        expect(gs1KeyProblem(kind, changed)).toMatch(/check digit is wrong/);
      }),
      { numRuns: 2000 },
    );
  });
});
