/**
 * Canonical values → X12 data types, exactly: decimals stay strings end to end (R explicit decimals, N2 implied
 * decimals through bigint), units go through the 355 column of canonical-model/uom.ts, dates become CCYYMMDD.
 */
import { UNITS } from '../../../canonical-model/uom';
import type { UnitCode } from '../../../canonical-model/uom';
import { addDecimal } from '../../sdk/decimal';
import { HubError } from '../../../platform/errors';

/** Throws the `data` HubError of a canonical field (a JSON pointer into the document) that cannot be written. */
export function invalid(path: string, message: string): never {
  throw new HubError('data', `the document cannot be written as X12: ${path} ${message}`, {
    fieldErrors: [{ path, message }],
  });
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** An R (explicit decimal) value: "22.60" → "22.6", "4428.00" → "4428"; X12 drops trailing zeros. */
export function rDecimal(text: string, path: string): string {
  const match = DECIMAL.exec(text);
  if (!match) invalid(path, `${JSON.stringify(text)} is not a decimal number`);
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  const int = match[2]!.replace(/^0+(?=\d)/, '');
  const out = fraction ? `${int}.${fraction}` : int;
  return match[1] && /[1-9]/.test(out) ? `-${out}` : out;
}

/** An N2 (two implied decimals) value: "144.00" → "14400", "-0.5" → "-50"; more than two decimals is an error. */
export function impliedN2(text: string, path: string): string {
  const match = DECIMAL.exec(text);
  if (!match) invalid(path, `${JSON.stringify(text)} is not a decimal number`);
  const fraction = match[3] ?? '';
  if (/[1-9]/.test(fraction.slice(2)))
    invalid(path, `${text} has more than two decimals, which N2 cannot carry`);
  const units = BigInt(`${match[2]}${fraction.slice(0, 2).padEnd(2, '0')}`);
  return `${match[1] && units !== 0n ? '-' : ''}${units}`;
}

/** The X12 355 code of a canonical unit (canonical CS "case" is X12 CA). */
export function unitX12(uom: UnitCode): string {
  return UNITS[uom].x12;
}

/** A business date YYYY-MM-DD as CCYYMMDD. */
export function dateX12(date: string, path: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) invalid(path, `${JSON.stringify(date)} is not a YYYY-MM-DD date`);
  return date.replace(/-/g, '');
}

/** The exact sum of decimal strings (CTT02 hash totals, W76 totals). */
export function sumDecimals(values: string[]): string {
  return values.reduce((sum, value) => addDecimal(sum, value), '0');
}
