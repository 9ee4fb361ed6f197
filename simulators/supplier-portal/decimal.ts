/** Exact decimal arithmetic on decimal strings (BigInt-scaled), so the simulated supplier never rounds a cent wrong. */

interface Scaled {
  units: bigint;
  scale: number;
}

function split(decimal: string): Scaled {
  const negative = decimal.startsWith('-');
  const [int = '0', frac = ''] = (negative ? decimal.slice(1) : decimal).split('.');
  return { units: BigInt(`${negative ? '-' : ''}${int}${frac}`), scale: frac.length };
}

function format(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const text = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return negative && /[1-9]/.test(text) ? `-${text}` : text;
}

/** a × b, exactly. */
export function multiply(a: string, b: string): string {
  const x = split(a);
  const y = split(b);
  return format(x.units * y.units, x.scale + y.scale);
}

/** a + b, exactly. */
export function add(a: string, b: string): string {
  const x = split(a);
  const y = split(b);
  const scale = Math.max(x.scale, y.scale);
  return format(x.units * 10n ** BigInt(scale - x.scale) + y.units * 10n ** BigInt(scale - y.scale), scale);
}

/** Rounds half away from zero to exactly `places` decimals. */
export function round(a: string, places: number): string {
  const x = split(a);
  if (x.scale <= places) return format(x.units * 10n ** BigInt(places - x.scale), places);
  const divisor = 10n ** BigInt(x.scale - places);
  let quotient = x.units / divisor;
  const remainder = x.units % divisor;
  if ((remainder < 0n ? -remainder : remainder) * 2n >= divisor) quotient += x.units < 0n ? -1n : 1n;
  return format(quotient, places);
}

/** True when the decimal string is a whole number. */
export function isWhole(a: string): boolean {
  return /^\d+(\.0*)?$/.test(a);
}

/** Decimal places of a decimal string. */
export function placesOf(a: string): number {
  return a.split('.')[1]?.length ?? 0;
}
