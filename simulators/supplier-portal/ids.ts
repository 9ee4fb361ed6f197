/** The portal's identifiers and label numbers: prefixed random ids ("po_8f3k2q7xzm"), dates and GS1 SSCC-18s. */
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A portal id such as "po_8f3k2q7xzm": a type prefix and 10 random base-36 characters. */
export function portalId(prefix: string): string {
  return `${prefix}_${[...randomBytes(10)].map((b) => ALPHABET[b % 36]).join('')}`;
}

/** The GS1 mod-10 check digit of a key body (weights 3, 1, 3 … from the right). */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) sum += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10;
}

/** An SSCC-18: extension digit 0, the company prefix, a serial reference filling 16 digits, the check digit. */
export function sscc(companyPrefix: string, serial: number): string {
  const body = `0${companyPrefix}${String(serial).padStart(16 - companyPrefix.length, '0')}`;
  return `${body}${gs1CheckDigit(body)}`;
}

/** Today (or `from` plus `days`) as YYYY-MM-DD in UTC. */
export function isoDate(days = 0, from?: string): string {
  const base = from ? Date.parse(`${from}T00:00:00Z`) : Date.now();
  return new Date(base + days * 86_400_000).toISOString().slice(0, 10);
}
