/**
 * Reads X12 element values by data type (DT dates, TM times, R and Nn numbers, 355 units) and records a problem
 * naming the field (`/4/BEG05`) with a message a person can act on when one does not read.
 */
import { normaliseDecimal } from '../../sdk/mapping';
import type { MappingProblems } from '../../sdk/mapping';
import type { UnitCode } from '../../../canonical-model/uom';
import { localInstant } from './local-time';
import { fieldPath, value } from './read-set';
import type { At } from './read-set';
import { unitFromX12 } from './x12-units';

/** An X12 element reader bound to one set's problems and the partner's time zone. */
export class ElementReader {
  constructor(
    readonly problems: MappingProblems,
    readonly timeZone: string,
  ) {}

  /** Records a problem on element `n` of a segment. */
  report(at: At, n: number, message: string): void {
    this.problems.add(fieldPath(at, n), message);
  }

  /** A required value; `what` says what the element is for, so "is missing" is actionable. */
  required(at: At, n: number, what: string): string {
    const text = value(at, n);
    if (!text) this.report(at, n, `is missing (${what})`);
    return text;
  }

  /** A CCYYMMDD date (DT) as YYYY-MM-DD; undefined when empty and not required. */
  date(at: At, n: number, what?: string): string | undefined {
    const text = value(at, n);
    if (!text) {
      if (what) this.report(at, n, `is missing (${what})`);
      return undefined;
    }
    const match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
    const iso = match ? `${match[1]}-${match[2]}-${match[3]}` : '';
    if (!match || !isCalendarDate(iso)) {
      this.report(at, n, `${JSON.stringify(text)} is not a date (CCYYMMDD)`);
      return undefined;
    }
    return iso;
  }

  /** An HHMM[SS[d..]] time (TM) as HHMMSS, or undefined when empty. */
  time(at: At, n: number): string | undefined {
    const text = value(at, n);
    if (!text) return undefined;
    const match = /^([01]\d|2[0-3])([0-5]\d)(?:([0-5]\d)\d*)?$/.exec(text);
    if (!match) {
      this.report(at, n, `${JSON.stringify(text)} is not a time (HHMM or HHMMSS)`);
      return undefined;
    }
    return `${match[1]}${match[2]}${match[3] ?? '00'}`;
  }

  /** The instant of a date element and a time element, in the partner's time zone; undefined without a time. */
  instant(date: string | undefined, at: At, timeElement: number): string | undefined {
    const time = this.time(at, timeElement);
    return date && time ? localInstant(date, time, this.timeZone) : undefined;
  }

  /** An explicit decimal (R: "4.5", "-.5", "12."); undefined when empty and not required. */
  decimal(at: At, n: number, options: { what?: string; nonNegative?: boolean } = {}): string | undefined {
    const text = value(at, n);
    if (!text) {
      if (options.what) this.report(at, n, `is missing (${options.what})`);
      return undefined;
    }
    const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text);
    if (!match || !(match[2] || match[3])) {
      this.report(at, n, `${JSON.stringify(text)} is not a decimal number`);
      return undefined;
    }
    if (options.nonNegative && match[1]) {
      this.report(at, n, `must not be negative (${text})`);
      return undefined;
    }
    const fraction = (match[3] ?? '').replace(/0+$/, '');
    return normaliseDecimal(`${match[1]}${match[2] || '0'}${fraction ? `.${fraction}` : ''}`);
  }

  /** An implied-decimal number (Nn: TDS01 "14400" with n = 2 is "144.00"); undefined when empty and not required. */
  implied(at: At, n: number, places: number, what?: string): string | undefined {
    const text = value(at, n);
    if (!text) {
      if (what) this.report(at, n, `is missing (${what})`);
      return undefined;
    }
    const match = /^(-?)(\d+)$/.exec(text);
    if (!match) {
      this.report(
        at,
        n,
        `${JSON.stringify(text)} is not a number with ${places} implied decimals (N${places})`,
      );
      return undefined;
    }
    const digits = match[2]!.padStart(places + 1, '0');
    const whole = places ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits;
    return normaliseDecimal(`${match[1]}${whole}`);
  }

  /** A whole number (N0); undefined when empty and not required. */
  integer(at: At, n: number, what?: string): number | undefined {
    const text = value(at, n);
    if (!text) {
      if (what) this.report(at, n, `is missing (${what})`);
      return undefined;
    }
    if (!/^\d{1,9}$/.test(text)) {
      this.report(at, n, `${JSON.stringify(text)} is not a whole number`);
      return undefined;
    }
    return Number(text);
  }

  /** A unit of measure (355) as a canonical unit; records a problem and returns EA when unknown. */
  unit(at: At, n: number, what = 'the unit of measure', text = value(at, n)): UnitCode {
    if (!text) {
      this.report(at, n, `is missing (${what})`);
      return 'EA';
    }
    const unit = unitFromX12(text);
    if (!unit) {
      this.report(
        at,
        n,
        `${JSON.stringify(text)} is not a unit of measure (X12 355) the hub knows; ` +
          'ask the partner for a standard code such as EA, CA, BX or LB',
      );
      return 'EA';
    }
    return unit;
  }
}

function isCalendarDate(iso: string): boolean {
  const at = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().startsWith(iso);
}
