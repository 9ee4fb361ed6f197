/**
 * Helpers every vendor ⇄ canonical mapper uses, so a payload that does not map fails the same way everywhere: a
 * `data` HubError whose field errors name the *vendor's* field (a JSON pointer into the vendor payload), and the
 * payload is kept by whoever called the mapper.
 */
import { isUnitCode } from '../../canonical-model/uom';
import { HubError } from '../../platform/errors';
import type { FieldError } from '../../platform/errors';
import { decimalText } from './json';

/** Collects mapping defects so a mapper can report every bad field at once. */
export class MappingProblems {
  readonly errors: FieldError[] = [];

  constructor(private readonly system: string) {}

  add(path: string, message: string): void {
    this.errors.push({ path, message });
  }

  /** Throws a `data` HubError naming every vendor field that did not map, when there is one. */
  throwIfAny(what: string): void {
    if (!this.errors.length) return;
    const first = this.errors[0]!;
    throw new HubError(
      'data',
      `${this.system} ${what} does not map: ${first.path} ${first.message}` +
        (this.errors.length > 1 ? ` (and ${this.errors.length - 1} more)` : ''),
      { fieldErrors: this.errors },
    );
  }

  /** A required, non-empty string (numbers are taken as their text); records a problem and returns '' otherwise. */
  text(value: unknown, path: string): string {
    if (typeof value === 'string' && value.trim()) return value.trim();
    if (typeof value === 'number' || typeof value === 'bigint') return String(value);
    this.add(path, value === undefined || value === null || value === '' ? 'is missing' : 'is not text');
    return '';
  }

  /** A decimal as an exact string (money, quantities); JSON numbers and numeric strings both accepted. */
  decimal(value: unknown, path: string, options: { nonNegative?: boolean } = {}): string {
    const text = decimalText(value);
    if (text === undefined) {
      this.add(path, `${JSON.stringify(value) ?? 'nothing'} is not a decimal number`);
      return '0';
    }
    if (options.nonNegative && text.startsWith('-')) this.add(path, `must not be negative (${text})`);
    return normaliseDecimal(text);
  }

  /** A unit of measure: the vendor's code through `aliases` (e.g. "Each" → "EA"), then a known canonical unit. */
  unit(value: unknown, path: string, aliases: Record<string, string> = {}): string {
    const raw = typeof value === 'string' ? value.trim() : '';
    const code = aliases[raw] ?? aliases[raw.toLowerCase()] ?? raw.toUpperCase();
    if (!raw || !isUnitCode(code)) {
      this.add(path, `${JSON.stringify(value) ?? 'nothing'} is not a unit of measure the hub knows`);
      return 'EA';
    }
    return code;
  }

  /** A plain business date (YYYY-MM-DD) from a date or a date-time. */
  date(value: unknown, path: string): string {
    const match = typeof value === 'string' ? /^(\d{4}-\d{2}-\d{2})/.exec(value) : null;
    if (!match) {
      this.add(path, `${JSON.stringify(value) ?? 'nothing'} is not a date`);
      return '1970-01-01';
    }
    return match[1]!;
  }
}

/** "0012.500" → "12.500", "-0" → "0": canonical decimals have no leading zeros (trailing zeros are kept). */
export function normaliseDecimal(text: string): string {
  const negative = text.startsWith('-');
  const [int = '0', frac] = (negative ? text.slice(1) : text).split('.');
  const trimmed = int.replace(/^0+(?=\d)/, '');
  const out = frac === undefined ? trimmed : `${trimmed}.${frac}`;
  return negative && /[1-9]/.test(out) ? `-${out}` : out;
}

/**
 * The provisional canonical id of a record read from a connector: stable for the same external record, unique
 * per connector and object type. The hub's cross-reference store links it (or replaces it with an existing id).
 */
export function provisionalId(connectorId: string, objectType: string, externalId: string): string {
  const safe = externalId.replace(/[^A-Za-z0-9_.:-]/g, (c) => `-${c.charCodeAt(0).toString(16)}`);
  return `${connectorId}:${objectType}:${safe}`.slice(0, 128);
}
