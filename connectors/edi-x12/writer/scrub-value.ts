/**
 * X12 has no escape character, so a data value holding a delimiter would split an element, a composite or a
 * segment at the receiver. Each such character, and CR/LF (line breaks are segment suffixes), becomes a space:
 * a space keeps the words of a name or an address apart where deleting the character would glue them, and it is
 * in the X12 basic character set every partner accepts.
 */
import type { Delimiters } from '../x12/types';

/** The characters no data value may contain under these delimiters. */
export function forbiddenCharacters(delimiters: Delimiters): Set<string> {
  const chars = [delimiters.element, delimiters.component, delimiters.segment, '\r', '\n'];
  if (delimiters.repetition) chars.push(delimiters.repetition);
  return new Set(chars);
}

/** `value` with every delimiter character and CR/LF replaced by a space. */
export function scrubValue(value: string, delimiters: Delimiters): string {
  const forbidden = forbiddenCharacters(delimiters);
  let out = '';
  for (const char of value) out += forbidden.has(char) ? ' ' : char;
  return out;
}
