/**
 * The TA1 verdict from the notes an interchange collected. Trailer and content defects (001 IEA02 ≠ ISA13,
 * 021 group count, 024 content outside a group) leave the interchange accepted with errors (E): its groups were
 * read and get their own 997s. Everything else (header content, delimiters, structure, premature end,
 * duplicate) rejects it (R).
 */
import type { Ta1Outcome } from './outcome-types';
import type { HeaderNote } from './read-isa-header';
import type { InterchangeHeader } from './types';

const NOTED_ONLY = new Set(['001', '021', '024']);

/** TA104/TA105 from the notes, most severe first; A with note 000 when there are none. */
export function summariseTa1(header: InterchangeHeader, notes: readonly HeaderNote[]): Ta1Outcome {
  const rejecting = notes.filter((n) => !NOTED_ONLY.has(n.note)).map((n) => n.note);
  const noted = notes.filter((n) => NOTED_ONLY.has(n.note)).map((n) => n.note);
  const ordered = [...new Set([...rejecting, ...noted])];
  return {
    controlNumber: header.controlNumber,
    date: header.date,
    time: header.time,
    status: rejecting.length > 0 ? 'R' : noted.length > 0 ? 'E' : 'A',
    note: ordered[0] ?? '000',
    notes: ordered,
  };
}
