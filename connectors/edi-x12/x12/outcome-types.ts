/**
 * What the inbound engine concludes about an interchange, its groups and its sets: exactly what a TA1 and a
 * 997/999 must say, plus counts for logs and metrics. The acknowledgement builders read only these shapes.
 */
import type { Delimiters, GroupHeader, InterchangeHeader } from './types';

/** TA104: A accepted, E accepted with errors noted, R rejected. */
export type Ta1Status = 'A' | 'E' | 'R';

/** The interchange-level verdict: what a TA1 would carry. */
export interface Ta1Outcome {
  /** ISA13 echoed (TA101); "000000000" when the ISA could not be read. */
  controlNumber: string;
  /** ISA09/ISA10 of the interchange acknowledged (TA102/TA103 echo them); "" when unreadable. */
  date: string;
  time: string;
  status: Ta1Status;
  /** TA105 note code, e.g. "000", "001", "023". */
  note: string;
  /** Every note code found, most severe first (a TA1 carries only the first). */
  notes: string[];
}

/** AK4: one element in error. */
export interface ElementError {
  /** Element position in the segment (AK401-1), 1-based. */
  position: number;
  /** Component position inside a composite (AK401-2), when the error is in a component. */
  component?: number;
  /** Data element reference number (AK402), e.g. "373"; absent when unknown. */
  elementNumber?: string;
  /** AK403: 1 missing, 3 too many elements, 4 too short, 5 too long, 6 invalid character, 7 invalid code, 8 date, 9 time. */
  code: string;
  /** AK404: a copy of the bad data (absent for a missing element). */
  data?: string;
}

/** AK3: one segment in error, with its element errors. */
export interface SegmentError {
  /** AK301 segment id. */
  segmentId: string;
  /** AK302 position in the set, ST = 1. For a missing segment, the position where it was expected. */
  position: number;
  /** AK303 loop id (e.g. "PO1", "HL"), when the segment sits in a loop. */
  loopId?: string;
  /** AK304: 1 unrecognized, 2 unexpected, 3 mandatory missing, 4 loop over max, 5 over max use, 7 out of sequence, 8 element errors. */
  code: string;
  elementErrors: ElementError[];
}

/** AK501 as we produce it: A accepted, E accepted with errors noted, R rejected. */
export type SetStatus = 'A' | 'E' | 'R';

/** The verdict on one transaction set: what its AK2 loop says. */
export interface SetOutcome {
  /** ST01. */
  setId: string;
  /** ST02 as sent. */
  controlNumber: string;
  status: SetStatus;
  /** AK502-AK506 codes (1 unsupported, 2 trailer missing, 3 SE02≠ST02, 4 SE01 count, 5 segment errors, 6 set id vs GS01, 23 ST02 not unique). */
  codes: string[];
  segmentErrors: SegmentError[];
  /** Segments counted from ST to SE inclusive (the value SE01 should hold). */
  segmentCount: number;
}

/** AK901: A, E, P partially accepted, R. */
export type GroupStatus = 'A' | 'E' | 'P' | 'R';

/** The verdict on one functional group: what its 997 says (AK1 … AK9). */
export interface GroupOutcome {
  header: GroupHeader;
  status: GroupStatus;
  /** AK905-AK909 codes (1 group not supported, 3 GE missing, 4 GE02≠GS06, 5 GE01 count, 6 control number syntax). */
  codes: string[];
  /** GE01 as sent (AK902); the received count when GE is missing or not numeric. */
  included: number;
  /** Sets received (AK903). */
  received: number;
  /** Sets accepted, A or E (AK904). */
  accepted: number;
  /** Per-set outcomes; with `keepSetOutcomes: 'errors-only'` only the sets not accepted as A. */
  sets: SetOutcome[];
}

/** The verdict on one interchange (or on bytes that are not one). */
export interface InterchangeOutcome {
  /** The ISA as read; undefined when the input does not start with a readable ISA. */
  header?: InterchangeHeader;
  delimiters?: Delimiters;
  ta1: Ta1Outcome;
  /** The caller reported ISA13 as already received (TA1 R 025); no set was passed on. */
  duplicate: boolean;
  groups: GroupOutcome[];
  /** Segments read, ISA and IEA included. */
  segmentCount: number;
  /** Byte offset of the ISA (after a byte-order mark) and number of bytes up to the end of IEA's terminator. */
  offset: number;
  byteCount: number;
  /** Plain-language notes for an error record (what was wrong and where). */
  problems: string[];
}
