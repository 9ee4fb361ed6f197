/** Quantity helpers shared by the stock ledger and the allocation planner: validation and decimal min/max/sum. */
import { addDecimal, compareDecimal, multiplyDecimal } from '../../canonical-model/decimal';
import { HubError } from '../errors';

const NON_NEGATIVE_DECIMAL = /^\d+(\.\d+)?$/;

/** True for a non-negative plain decimal string ("7", "2.5"). */
export function isQuantity(value: unknown): value is string {
  return typeof value === 'string' && NON_NEGATIVE_DECIMAL.test(value);
}

/** Returns `value` when it is a non-negative decimal string; otherwise throws a `data` HubError naming `path`. */
export function requireQuantity(value: unknown, path: string): string {
  if (isQuantity(value)) return value;
  throw new HubError('data', `${path} must be a non-negative decimal string, got ${JSON.stringify(value)}`, {
    fieldErrors: [{ path, message: 'must be a non-negative decimal string' }],
  });
}

/** Returns `value` when it is a non-empty string; otherwise throws a `data` HubError naming `path`. */
export function requireText(value: unknown, path: string): string {
  if (typeof value === 'string' && value.trim() !== '') return value;
  throw new HubError('data', `${path} must be a non-empty string`, {
    fieldErrors: [{ path, message: 'must be a non-empty string' }],
  });
}

/** The smaller of two decimals. */
export function minDecimal(a: string, b: string): string {
  return compareDecimal(a, b) <= 0 ? a : b;
}

/** The value, or "0" when it is negative. */
export function atLeastZero(value: string): string {
  return compareDecimal(value, '0') < 0 ? '0' : value;
}

/** True when the decimal is greater than zero. */
export function isPositive(value: string): boolean {
  return compareDecimal(value, '0') > 0;
}

/** The sum of decimals ("0" for none). */
export function sumDecimals(values: readonly string[]): string {
  return values.reduce((total, v) => addDecimal(total, v), '0');
}

/**
 * The protected share of a warehouse's on-hand: `percent` % of it, rounded down to whole units (a negative on-hand
 * protects nothing). Only priority customers may take it under the customer-priority strategy.
 */
export function protectedShare(onHand: string, percent: number): string {
  if (!Number.isFinite(percent) || percent <= 0 || !isPositive(onHand)) return '0';
  const pct = Math.min(percent, 100).toFixed(6);
  const whole = multiplyDecimal(onHand, pct).split('.')[0] ?? '0';
  // onHand × pct / 100: drop the last two digits of the whole part.
  return whole.length <= 2 ? '0' : whole.slice(0, -2);
}
