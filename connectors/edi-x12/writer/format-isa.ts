/**
 * The ISA is fixed-width (2,10,2,10,2,15,2,15,6,4,1,5,9,1,1,1): receivers find the delimiters by offset, so a
 * padding mistake makes the whole interchange unreadable. Every width is checked and the result asserted to be
 * exactly 106 characters with its terminator.
 */
import { HubError } from '../../../platform/errors';
import type { Delimiters, InterchangeHeader } from '../x12/types';
import { forbiddenCharacters } from './scrub-value';

/**
 * What the ISA says, before padding: the fields of the InterchangeHeader the reader gives back that the hub sets
 * (ISA01-04 are always "00" and blanks, ISA11 follows from the version), with ISA13 as the number it pads to nine
 * digits.
 */
export type IsaFields = Pick<
  InterchangeHeader,
  | 'senderQualifier'
  | 'senderId'
  | 'receiverQualifier'
  | 'receiverId'
  | 'date'
  | 'time'
  | 'version'
  | 'ackRequested'
  | 'usage'
> & { controlNumber: number };

/** Length of an ISA segment including its terminator (suffix excluded). */
export const ISA_LENGTH = 106;

/** True when ISA11 is the repetition separator (00402 on) rather than the control standards id "U". */
export function usesRepetitionSeparator(version: string): boolean {
  return Number(version) >= 402;
}

function fail(path: string, message: string): never {
  throw new HubError('data', `cannot write the ISA: ${path} ${message}`, {
    fieldErrors: [{ path, message }],
  });
}

/** Checks an identity value against its width and the delimiters; `path` names it in the error. */
export function checkId(value: string, path: string, min: number, max: number, delimiters: Delimiters): void {
  if (value.length < min || value.length > max)
    fail(path, `must be ${min}-${max} characters (${JSON.stringify(value)})`);
  const forbidden = forbiddenCharacters(delimiters);
  for (const char of value) {
    if (forbidden.has(char)) fail(path, `contains ${JSON.stringify(char)}, which is a delimiter`);
  }
}

/** The ISA segment with its terminator (no suffix), exactly 106 characters. */
export function formatIsa(fields: IsaFields, delimiters: Delimiters): string {
  checkId(fields.senderQualifier, 'profile.us.isa.qualifier', 2, 2, delimiters);
  checkId(fields.senderId, 'profile.us.isa.id', 1, 15, delimiters);
  checkId(fields.receiverQualifier, 'profile.partner.isa.qualifier', 2, 2, delimiters);
  checkId(fields.receiverId, 'profile.partner.isa.id', 1, 15, delimiters);
  if (!/^\d{5}$/.test(fields.version)) fail('profile.interchangeVersion', 'must be five digits, e.g. 00401');
  if (!/^\d{6}$/.test(fields.date) || !/^\d{4}$/.test(fields.time))
    fail('createdAt', 'did not format as YYMMDD HHMM');
  const control = fields.controlNumber;
  if (!Number.isInteger(control) || control < 1 || control > 999_999_999) {
    fail('interchangeControlNumber', `must be a whole number from 1 to 999999999 (${control})`);
  }
  let isa11 = 'U';
  if (usesRepetitionSeparator(fields.version)) {
    if (!delimiters.repetition) fail('delimiters.repetition', `is required for version ${fields.version}`);
    isa11 = delimiters.repetition;
  }
  const elements = [
    'ISA',
    '00',
    ''.padEnd(10, ' '),
    '00',
    ''.padEnd(10, ' '),
    fields.senderQualifier,
    fields.senderId.padEnd(15, ' '),
    fields.receiverQualifier,
    fields.receiverId.padEnd(15, ' '),
    fields.date,
    fields.time,
    isa11,
    fields.version,
    String(control).padStart(9, '0'),
    fields.ackRequested ? '1' : '0',
    fields.usage,
    delimiters.component,
  ];
  const isa = elements.join(delimiters.element) + delimiters.segment;
  if (isa.length !== ISA_LENGTH) throw new HubError('bug', `the ISA came out ${isa.length} characters long`);
  return isa;
}
