/**
 * Exact arithmetic on the hub's decimal strings (bigint scaled by a power of ten), pure so workflow code may use it. Vendors send money and quantities
 * as JSON numbers; connectors and simulators compute credit, stock values and line amounts here, so a double never
 * rounds a cent. Inputs are plain decimals ("-12.50"); trailing zeros are kept, "-0" never appears.
 */

interface Scaled {
  units: bigint;
  scale: number;
}

function scaled(text: string): Scaled {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw new Error(`${text} is not a decimal number`);
  const frac = match[3] ?? '';
  const units = BigInt(`${match[2]}${frac}`);
  return { units: match[1] ? -units : units, scale: frac.length };
}

function align(a: Scaled, b: Scaled): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.units * 10n ** BigInt(scale - a.scale), b.units * 10n ** BigInt(scale - b.scale), scale];
}

function format(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const out = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return negative ? `-${out}` : out;
}

/** a + b. */
export function addDecimal(a: string, b: string): string {
  const [x, y, scale] = align(scaled(a), scaled(b));
  return format(x + y, scale);
}

/** a − b. */
export function subtractDecimal(a: string, b: string): string {
  const [x, y, scale] = align(scaled(a), scaled(b));
  return format(x - y, scale);
}

/** a × b, with every digit of the product. */
export function multiplyDecimal(a: string, b: string): string {
  const x = scaled(a);
  const y = scaled(b);
  return format(x.units * y.units, x.scale + y.scale);
}

/** Negative, zero or positive as a < b, a = b, a > b. */
export function compareDecimal(a: string, b: string): number {
  const [x, y] = align(scaled(a), scaled(b));
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Rounds half away from zero to at most `places` decimals (a value with fewer is returned as it is). */
export function roundDecimal(text: string, places: number): string {
  const { units, scale } = scaled(text);
  if (scale <= places) return format(units, scale);
  const divisor = 10n ** BigInt(scale - places);
  const magnitude = units < 0n ? -units : units;
  let rounded = magnitude / divisor;
  if ((magnitude % divisor) * 2n >= divisor) rounded += 1n;
  return format(units < 0n ? -rounded : rounded, places);
}

/** Rounds half away from zero to exactly `places` decimals, padding with zeros ("3.1" → "3.10"). */
export function toPlaces(text: string, places: number): string {
  const { units, scale } = scaled(roundDecimal(text, places));
  return format(units * 10n ** BigInt(places - scale), places);
}
