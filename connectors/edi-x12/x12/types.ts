/**
 * The shapes every part of the X12 engine shares: delimiters, segments as read, and the envelope context a
 * transaction set is mapped in. Element positions follow X12 numbering: `element(seg, 3)` is BEG03.
 */

/** The delimiters of one interchange, as detected from its ISA or as configured for sending. */
export interface Delimiters {
  /** Element separator: the ISA's 4th character (offset 3). */
  element: string;
  /** Component (sub-element) separator: ISA16 (offset 104). */
  component: string;
  /** Segment terminator: the character after ISA16 (offset 105). */
  segment: string;
  /** Repetition separator (ISA11 from version 00402 on); undefined when ISA11 is the control standards id `U`. */
  repetition?: string;
  /** Characters written after each segment terminator (e.g. "\r\n"); "" when none. */
  suffix: string;
}

/** One segment as read: its id and its elements, positions kept (an empty element is ""). */
export interface Segment {
  /** The segment id, e.g. "BEG". */
  id: string;
  /** Elements after the id: `elements[0]` is XX01. Composites are not split (see `components`). */
  elements: string[];
  /** 1-based ordinal of the segment in the interchange (ISA is 1). */
  index: number;
  /** Byte offset of the segment's first byte in the input (after a byte-order mark). */
  offset: number;
}

/** The value of element `n` (1-based, X12 numbering) of a segment, or "" when absent. */
export function element(segment: Segment, n: number): string {
  return segment.elements[n - 1] ?? '';
}

/** The components of a composite element value. */
export function components(value: string, delimiters: Delimiters): string[] {
  return value.split(delimiters.component);
}

/** What the ISA says about an interchange (IDs trimmed). */
export interface InterchangeHeader {
  authorizationQualifier: string;
  authorization: string;
  securityQualifier: string;
  senderQualifier: string;
  senderId: string;
  receiverQualifier: string;
  receiverId: string;
  /** ISA09 YYMMDD as sent. */
  date: string;
  /** ISA10 HHMM as sent. */
  time: string;
  /** ISA11 as sent: "U" or the repetition separator. */
  standardsOrRepetition: string;
  /** ISA12, e.g. "00401". */
  version: string;
  /** ISA13, nine digits as sent. */
  controlNumber: string;
  /** ISA14 = "1". */
  ackRequested: boolean;
  /** ISA15: P production, T test, I information. */
  usage: 'P' | 'T' | 'I';
}

/** What the GS says about a functional group. */
export interface GroupHeader {
  /** GS01, e.g. "PO". */
  functionalId: string;
  senderId: string;
  receiverId: string;
  /** GS04 CCYYMMDD. */
  date: string;
  /** GS05 HHMM[SS[d..]]. */
  time: string;
  /** GS06 as sent (compare numerically, echo as sent). */
  controlNumber: string;
  /** GS07, normally "X". */
  agency: string;
  /** GS08, e.g. "004010" or "004010VICS". */
  version: string;
}

/** One transaction set (ST … SE inclusive) with the envelopes it arrived in; what a set mapper receives. */
export interface TransactionSet {
  /** ST01, e.g. "850". */
  setId: string;
  /** ST02 as sent. */
  controlNumber: string;
  /** ST … SE, both included; a segment's position in the set (ST = 1) is its array index + 1. */
  segments: Segment[];
  group: GroupHeader;
  interchange: InterchangeHeader;
  delimiters: Delimiters;
}

/** A segment to write: its id and elements; a composite element is an array of components. */
export interface OutSegment {
  id: string;
  /** XX01 first; "" or undefined for an empty element (trailing empty elements are never written). */
  elements: (string | string[] | undefined)[];
}
