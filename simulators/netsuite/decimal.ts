/**
 * Exact decimal arithmetic for the simulator's bookkeeping (received quantities, line amounts): NetSuite keeps
 * decimals exactly, so the simulator never lets a double round a quantity or an amount.
 */
import { LosslessNumber } from 'lossless-json';

interface Scaled {
  units: bigint;
  scale: number;
}

function scaled(value: unknown): Scaled {
  const text = value instanceof LosslessNumber ? value.toString() : String(value);
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

function text(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const out = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return negative ? `-${out}` : out;
}

/** a + b, exactly. */
export function add(a: unknown, b: unknown): string {
  const [x, y, scale] = align(scaled(a), scaled(b));
  return text(x + y, scale);
}

/** a × b, exactly. */
export function multiply(a: unknown, b: unknown): string {
  const x = scaled(a);
  const y = scaled(b);
  return text(x.units * y.units, x.scale + y.scale);
}

/** Negative, zero or positive as a < b, a = b, a > b. */
export function compare(a: unknown, b: unknown): number {
  const [x, y] = align(scaled(a), scaled(b));
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A JSON number with exactly these digits, as NetSuite sends numbers. */
export function num(value: unknown): LosslessNumber {
  return new LosslessNumber(value instanceof LosslessNumber ? value.toString() : String(value));
}
