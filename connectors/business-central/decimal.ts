/**
 * Exact decimal arithmetic on the hub's decimal strings (BigInt scaled by 10^places), so money read from Business
 * Central's JSON numbers is never pushed through floating point.
 */
import { normaliseDecimal } from '../sdk/mapping';

function parts(text: string): { digits: bigint; places: number } {
  const negative = text.startsWith('-');
  const [int = '0', frac = ''] = (negative ? text.slice(1) : text).split('.');
  const digits = BigInt(`${int}${frac}` || '0');
  return { digits: negative ? -digits : digits, places: frac.length };
}

function scaled(text: string, places: number): bigint {
  const p = parts(text);
  return p.digits * 10n ** BigInt(places - p.places);
}

function format(value: bigint, places: number): string {
  const negative = value < 0n;
  const abs = (negative ? -value : value).toString().padStart(places + 1, '0');
  const text = places ? `${abs.slice(0, -places)}.${abs.slice(-places)}` : abs;
  return normaliseDecimal(negative ? `-${text}` : text);
}

const placesOf = (...texts: string[]) => Math.max(...texts.map((t) => parts(t).places));

/** a + b. */
export function addDecimal(a: string, b: string): string {
  const p = placesOf(a, b);
  return format(scaled(a, p) + scaled(b, p), p);
}

/** a − b. */
export function subtractDecimal(a: string, b: string): string {
  const p = placesOf(a, b);
  return format(scaled(a, p) - scaled(b, p), p);
}

/** a × b, with every digit kept. */
export function multiplyDecimal(a: string, b: string): string {
  const pa = parts(a);
  const pb = parts(b);
  return format(pa.digits * pb.digits, pa.places + pb.places);
}

/** Negative, zero or positive as a is below, equal to or above b. */
export function compareDecimal(a: string, b: string): number {
  const p = placesOf(a, b);
  const d = scaled(a, p) - scaled(b, p);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** The amount rounded half away from zero to `places` decimals (money is stored with 2 in BC), zeros kept. */
export function roundDecimal(text: string, places: number): string {
  const p = parts(text);
  if (p.places <= places) {
    const [int = '0', frac = ''] = normaliseDecimal(text).split('.');
    return places ? `${int}.${frac.padEnd(places, '0')}` : int;
  }
  const factor = 10n ** BigInt(p.places - places);
  const abs = p.digits < 0n ? -p.digits : p.digits;
  const rounded = (abs + factor / 2n) / factor;
  const out = format(p.digits < 0n ? -rounded : rounded, places);
  const [int = '0', frac = ''] = out.split('.');
  return places ? `${int}.${frac.padEnd(places, '0')}` : int;
}

/** A money amount with at most 6 decimals (the canonical limit): longer BC doubles are rounded, zeros trimmed to 2. */
export function moneyAmount(text: string): string {
  const frac = text.split('.')[1] ?? '';
  if (frac.length <= 6) return text;
  return roundDecimal(text, 6).replace(/(\.\d{2}\d*?)0+$/, '$1');
}
