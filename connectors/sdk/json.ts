/**
 * JSON for vendor APIs, which put ids and money in JSON numbers: a Shopify order id above 2^53 or a NetSuite rate
 * with more digits than a double holds must not be rounded by JSON.parse. lossless-json reads each number's text;
 * numbers a double holds exactly stay numbers, every other one arrives as its exact decimal text (a string).
 */
import { LosslessNumber, isSafeNumber, parse, stringify } from 'lossless-json';

/** Parses JSON; numbers that a double cannot hold exactly come back as strings with their original digits. */
export function parseJson(text: string): unknown {
  return parse(text, null, (value: string) => (isSafeNumber(value) ? Number(value) : value));
}

/** Serialises JSON; values made with `jsonNumber` are written as bare numbers with their exact digits. */
export function stringifyJson(value: unknown): string {
  return stringify(value) ?? 'null';
}

/** A decimal string written to JSON as a number with exactly these digits (for APIs that want money as numbers). */
export function jsonNumber(decimal: string): LosslessNumber {
  return new LosslessNumber(decimal);
}

/** The exact decimal text of a JSON number or numeric string from a vendor payload, or undefined. */
export function decimalText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return value.trim();
  if (value instanceof LosslessNumber) return value.toString();
  return undefined;
}
