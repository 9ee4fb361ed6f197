/**
 * TEST SUPPORT ONLY. Parses an interchange with node-x12 — a parser the hub did not write, in strict mode, so it
 * also checks SE01/GE01/IEA01 and the ISA13/IEA02, GS06/GE02, ST02/SE02 pairs — and adapts what it read to the
 * hub's TransactionSet, so the round trip reads our output the way an independent receiver would.
 */
import { X12Parser } from 'node-x12';
import type { X12Interchange, X12Segment } from 'node-x12';
import type { Delimiters, GroupHeader, InterchangeHeader, Segment, TransactionSet } from '../../x12/types';

const values = (segment: X12Segment) => segment.elements.map((e) => e.value);

/** The interchange node-x12 reads from `text` (throws when node-x12 finds the envelope or a count wrong). */
export function parseWithNodeX12(text: string): X12Interchange {
  const parsed = new X12Parser(true).parse(text);
  if (Array.isArray(parsed)) throw new Error(`expected one interchange, node-x12 read ${parsed.length}`);
  return parsed;
}

/** Every transaction set of `text` as node-x12 reads it, shaped as the hub's TransactionSet. */
export function setsWithNodeX12(text: string): TransactionSet[] {
  const interchange = parseWithNodeX12(text);
  const options = interchange.options;
  const isa = values(interchange.header);
  const e = (n: number) => (isa[n - 1] ?? '').trim();
  const suffix = /^[\r\n]*/.exec(text.slice(106))![0];
  const delimiters: Delimiters = {
    element: options.elementDelimiter!,
    component: options.subElementDelimiter!,
    segment: options.segmentTerminator!,
    suffix,
    ...(Number(e(12)) >= 402 ? { repetition: isa[10]! } : {}),
  };
  const header: InterchangeHeader = {
    authorizationQualifier: e(1),
    authorization: e(2),
    securityQualifier: e(3),
    senderQualifier: e(5),
    senderId: e(6),
    receiverQualifier: e(7),
    receiverId: e(8),
    date: e(9),
    time: e(10),
    standardsOrRepetition: isa[10] ?? '',
    version: e(12),
    controlNumber: e(13).padStart(9, '0'),
    ackRequested: e(14) === '1',
    usage: e(15) as InterchangeHeader['usage'],
  };
  // Offsets are recomputed from the values: each segment is its id, its elements and a terminator plus suffix.
  let offset = 106 + suffix.length;
  let index = 1;
  const segment = (s: X12Segment): Segment => {
    const elements = values(s);
    const out = { id: s.tag, elements, index: ++index, offset };
    offset += s.tag.length + elements.reduce((n, v) => n + 1 + v.length, 0) + 1 + suffix.length;
    return out;
  };
  const sets: TransactionSet[] = [];
  for (const group of interchange.functionalGroups) {
    const gs = segment(group.header);
    const g = (n: number) => gs.elements[n - 1] ?? '';
    const groupHeader: GroupHeader = {
      functionalId: g(1),
      senderId: g(2),
      receiverId: g(3),
      date: g(4),
      time: g(5),
      controlNumber: g(6),
      agency: g(7),
      version: g(8),
    };
    for (const transaction of group.transactions) {
      const segments = [transaction.header, ...transaction.segments, transaction.trailer].map(segment);
      sets.push({
        setId: segments[0]!.elements[0] ?? '',
        controlNumber: segments[0]!.elements[1] ?? '',
        segments,
        group: groupHeader,
        interchange: header,
        delimiters,
      });
    }
    segment(group.trailer);
  }
  return sets;
}
