/**
 * Element checks of one segment against its rules, producing AK4 errors. One code per element: the first that
 * applies of missing (1), invalid character (6), too short (4) / too long (5), then code (7), date (8), time (9).
 */
import type { ElementError } from '../outcome-types';
import type { Segment } from '../types';
import type { ElementSpec, SegmentSpec } from './spec-types';

/** AK4 errors of a segment; trailing empty elements are tolerated (they should not be sent, but often are). */
export function validateElements(
  segment: Segment,
  spec: SegmentSpec,
  componentSeparator: string,
): ElementError[] {
  const errors: ElementError[] = [];
  let last = segment.elements.length;
  while (last > 0 && segment.elements[last - 1] === '') last -= 1;
  for (const [position, rule] of spec.elements) {
    const value = position <= last ? (segment.elements[position - 1] ?? '') : '';
    const error =
      rule.type === 'C'
        ? checkComposite(value, rule, componentSeparator)
        : checkValue(value, rule, componentSeparator);
    if (error) errors.push({ position, ...error });
  }
  if (last > spec.maxElements) {
    errors.push({
      position: spec.maxElements + 1,
      code: '3',
      data: segment.elements[spec.maxElements] ?? '',
    });
  }
  return errors.sort((a, b) => a.position - b.position);
}

type Found = Omit<ElementError, 'position'>;

function checkComposite(value: string, rule: ElementSpec, separator: string): Found | undefined {
  if (value === '') return rule.req === 'M' ? { elementNumber: rule.ref, code: '1' } : undefined;
  const parts = value.split(separator);
  for (const [i, component] of (rule.components ?? []).entries()) {
    const error = checkValue(parts[i] ?? '', component, separator);
    if (error) return { ...error, component: i + 1 };
  }
  return undefined;
}

/** The check of one simple value (also used for ISA/GS fields). */
export function checkValue(value: string, rule: ElementSpec, separator: string): Found | undefined {
  if (value === '') return rule.req === 'M' ? { elementNumber: rule.ref, code: '1' } : undefined;
  const error = checkFilled(value, rule, separator);
  return error === undefined ? undefined : { elementNumber: rule.ref, code: error, data: value };
}

/** The AK403 code for a non-empty value, or undefined when it is valid (no closures: this runs per element). */
function checkFilled(value: string, rule: ElementSpec, separator: string): string | undefined {
  if (hasInvalidCharacter(value, separator)) return '6';
  if (rule.type === 'DT') {
    if (value.length < rule.min) return '4';
    if (value.length > rule.max) return '5';
    return isValidDate(value) ? undefined : '8';
  }
  if (rule.type === 'TM') {
    if (value.length < rule.min) return '4';
    if (value.length > rule.max) return '5';
    return isValidTime(value) ? undefined : '9';
  }
  let length = value.length;
  if (rule.type === 'R') {
    if (!/^-?(\d+\.?\d*|\.\d+)$/.test(value)) return '6';
    length = value.replace(/[-.]/g, '').length;
  } else if (rule.type !== 'AN' && rule.type !== 'ID') {
    if (!/^-?\d+$/.test(value)) return '6';
    length = value.replace('-', '').length;
  }
  if (length < rule.min) return '4';
  if (length > rule.max) return '5';
  if (rule.codes && !rule.codes.has(value)) return '7';
  return undefined;
}

/** Control characters and a stray component separator cannot be data. */
function hasInvalidCharacter(value: string, componentSeparator: string): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return true;
  }
  return value.includes(componentSeparator);
}

/** CCYYMMDD, or YYMMDD where the element allows six digits, on the calendar. */
export function isValidDate(value: string): boolean {
  if (!/^(\d{6}|\d{8})$/.test(value)) return false;
  const year = value.length === 8 ? Number(value.slice(0, 4)) : 2000 + Number(value.slice(0, 2));
  const month = Number(value.slice(-4, -2));
  const day = Number(value.slice(-2));
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** HHMM[SS[d..]] on the clock. */
export function isValidTime(value: string): boolean {
  if (!/^\d{4}(\d{2}\d*)?$/.test(value)) return false;
  const hours = Number(value.slice(0, 2));
  const minutes = Number(value.slice(2, 4));
  const seconds = value.length >= 6 ? Number(value.slice(4, 6)) : 0;
  return hours < 24 && minutes < 60 && seconds < 60;
}
