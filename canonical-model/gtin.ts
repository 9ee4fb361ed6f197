import type { ErrorObject, KeywordDefinition } from 'ajv';

/**
 * GS1 check digits (GTIN-8/12/13/14, SSCC-18, GLN-13) and the ajv keyword `x-gs1-check-digit` that enforces them.
 * The schema's `pattern` checks the shape; this keyword only judges the last digit, so a malformed value gets one
 * error (the pattern's) rather than two.
 */

/** The GS1 keys whose last digit is a mod-10 check digit. */
export type Gs1Key = 'gtin' | 'sscc' | 'gln';

/** Name of the ajv keyword, used in schemas as `"x-gs1-check-digit": "gtin" | "sscc" | "gln"`. */
export const GS1_CHECK_KEYWORD = 'x-gs1-check-digit';

const LENGTHS: Record<Gs1Key, readonly number[]> = { gtin: [8, 12, 13, 14], sscc: [18], gln: [13] };
const LABELS: Record<Gs1Key, string> = { gtin: 'GTIN', sscc: 'SSCC-18', gln: 'GLN' };

/** The GS1 mod-10 check digit for `body` (all digits of the key except the last). */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) {
    // Weights alternate 3, 1, 3, … starting from the digit next to the check digit.
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** Why `value` is not a valid GS1 key of this kind, or undefined when it is. */
export function gs1KeyProblem(kind: Gs1Key, value: string): string | undefined {
  const label = LABELS[kind];
  if (!/^\d+$/.test(value) || !LENGTHS[kind].includes(value.length)) {
    return `a ${label} has ${LENGTHS[kind].join(', ')} digits`;
  }
  const expected = gs1CheckDigit(value.slice(0, -1));
  const actual = value.charCodeAt(value.length - 1) - 48;
  return expected === actual
    ? undefined
    : `${label} check digit is wrong: expected ${expected} as the last digit, got ${actual}`;
}

/** True when `value` is a GTIN-8, -12, -13 or -14 with a correct check digit. */
export function isValidGtin(value: string): boolean {
  return gs1KeyProblem('gtin', value) === undefined;
}

/** True when `value` is an 18-digit SSCC with a correct check digit. */
export function isValidSscc(value: string): boolean {
  return gs1KeyProblem('sscc', value) === undefined;
}

/** Appends the correct check digit to a key body (useful for fixtures and connectors that build SSCCs). */
export function withGs1CheckDigit(body: string): string {
  return `${body}${gs1CheckDigit(body)}`;
}

function isGs1Key(value: unknown): value is Gs1Key {
  return value === 'gtin' || value === 'sscc' || value === 'gln';
}

/** The ajv keyword definition; the error message names the expected check digit. */
export const gs1CheckKeyword: KeywordDefinition = {
  keyword: GS1_CHECK_KEYWORD,
  type: 'string',
  schemaType: 'string',
  errors: true,
  metaSchema: { enum: ['gtin', 'sscc', 'gln'] },
  validate: function checkGs1(this: unknown, kind: unknown, data: unknown): boolean {
    // ajv reads a validating keyword's errors from the function itself.
    const self = checkGs1 as { errors?: Partial<ErrorObject>[] };
    if (!isGs1Key(kind) || typeof data !== 'string') return true;
    // Shape problems are the pattern's to report.
    if (!/^\d+$/.test(data) || !LENGTHS[kind].includes(data.length)) return true;
    const problem = gs1KeyProblem(kind, data);
    if (problem === undefined) return true;
    const expected = gs1CheckDigit(data.slice(0, -1));
    const error: Partial<ErrorObject> = {
      keyword: GS1_CHECK_KEYWORD,
      message: problem,
      params: { expected },
    };
    self.errors = [error];
    return false;
  },
};
