/**
 * Checks the delimiters we are about to write with: each one character, none a letter, digit or space (ISA
 * padding is spaces, data is alphanumeric), none used twice, and no suffix character that is also a delimiter —
 * otherwise a receiver could not find the structure again.
 */
import { HubError } from '../../../platform/errors';
import type { Delimiters } from '../x12/types';

type Role = 'element' | 'component' | 'segment' | 'repetition';

/** Throws a `data` HubError naming the delimiter (`delimiters.component`) that cannot be written with. */
export function validateDelimiters(delimiters: Delimiters): void {
  const roles: Role[] = ['element', 'component', 'segment', 'repetition'];
  const seen = new Map<string, Role>();
  for (const role of roles) {
    const value = delimiters[role];
    if (value === undefined && role === 'repetition') continue;
    const field = `delimiters.${role}`;
    if (typeof value !== 'string' || value.length !== 1) fail(field, `must be exactly one character`);
    if (/[A-Za-z0-9 ]/.test(value)) fail(field, `${JSON.stringify(value)} is a letter, digit or space`);
    if (role !== 'segment' && /[\r\n]/.test(value))
      fail(field, 'a line break can only be the segment terminator');
    const other = seen.get(value);
    if (other) fail(field, `${JSON.stringify(value)} is already the ${other} separator`);
    seen.set(value, role);
  }
  for (const char of delimiters.suffix) {
    if (char !== '\r' && char !== '\n') fail('delimiters.suffix', 'may only hold CR and LF');
    const role = seen.get(char);
    if (role) fail('delimiters.suffix', `${JSON.stringify(char)} is also the ${role} separator`);
  }
}

function fail(path: string, message: string): never {
  throw new HubError('data', `cannot write X12 with these delimiters: ${path} ${message}`, {
    fieldErrors: [{ path, message }],
  });
}
