/**
 * The simulator's bookkeeping (received quantities, line amounts) on the hub's exact decimals: NetSuite keeps
 * decimals exactly, so the simulator never lets a double round a quantity or an amount. Its records hold numbers
 * as LosslessNumber, plain numbers or strings, so every operand is read as its text first.
 */
import { LosslessNumber } from 'lossless-json';
import { addDecimal, compareDecimal, multiplyDecimal } from '../../connectors/sdk/decimal';

/** The digits of a number as the simulator stores it (LosslessNumber, number or string). */
export const textOf = (value: unknown): string =>
  value instanceof LosslessNumber ? value.toString() : String(value);

/** a + b, exactly. */
export const add = (a: unknown, b: unknown): string => addDecimal(textOf(a), textOf(b));

/** a × b, exactly. */
export const multiply = (a: unknown, b: unknown): string => multiplyDecimal(textOf(a), textOf(b));

/** Negative, zero or positive as a < b, a = b, a > b. */
export const compare = (a: unknown, b: unknown): number => compareDecimal(textOf(a), textOf(b));

/** A JSON number with exactly these digits, as NetSuite sends numbers. */
export function num(value: unknown): LosslessNumber {
  return new LosslessNumber(textOf(value));
}
