/**
 * A transaction set as mappers walk it: each segment with its position in the set (ST = 1), which is what field
 * paths (`/4/BEG05`) and 997 AK3 segment positions count.
 */
import type { Segment, TransactionSet } from '../x12/types';
import { element } from '../x12/types';

/** A segment and its 1-based position in the set. */
export interface At {
  segment: Segment;
  position: number;
}

/** Every segment of the set with its position; ST and SE included. */
export function positioned(set: TransactionSet): At[] {
  return set.segments.map((segment, i) => ({ segment, position: i + 1 }));
}

/** The field path of element `n` of a segment: `/4/BEG05`. */
export function fieldPath(at: At, n: number): string {
  return `/${at.position}/${at.segment.id}${String(n).padStart(2, '0')}`;
}

/** The trimmed value of element `n` ("" when absent); fixed-width partners pad with spaces. */
export function value(at: At, n: number): string {
  return element(at.segment, n).trim();
}

/** The value of element `n`, or undefined when it is empty. */
export function optional(at: At, n: number): string | undefined {
  return value(at, n) || undefined;
}

/** The segments before the first loop start, and each loop: a start segment and everything up to the next start. */
export function splitLoops(items: At[], startId: string): { before: At[]; loops: At[][] } {
  const before: At[] = [];
  const loops: At[][] = [];
  for (const at of items) {
    if (at.segment.id === startId) loops.push([at]);
    else if (loops.length) loops[loops.length - 1]!.push(at);
    else before.push(at);
  }
  return { before, loops };
}

/** The segments with one of the ids. */
export function segmentsOf(items: At[], ...ids: string[]): At[] {
  return items.filter((at) => ids.includes(at.segment.id));
}

/** The first segment with the id (and, when given, element 1 equal to `qualifier`). */
export function firstOf(items: At[], id: string, qualifier?: string): At | undefined {
  return items.find((at) => at.segment.id === id && (qualifier === undefined || value(at, 1) === qualifier));
}

/**
 * Splits a set into its body and its summary: the summary starts at the first of `summaryIds` after the last
 * detail loop start (CTT, AMT, TDS …); SE is dropped from both. The ST and the set's header segment stay in body.
 */
export function bodyAndSummary(
  items: At[],
  detailId: string,
  summaryIds: string[],
): { body: At[]; summary: At[] } {
  const withoutTrailer = items.filter((at) => at.segment.id !== 'SE');
  let lastDetail = -1;
  withoutTrailer.forEach((at, i) => {
    if (at.segment.id === detailId) lastDetail = i;
  });
  const start = withoutTrailer.findIndex((at, i) => i > lastDetail && summaryIds.includes(at.segment.id));
  if (start < 0) return { body: withoutTrailer, summary: [] };
  return { body: withoutTrailer.slice(0, start), summary: withoutTrailer.slice(start) };
}
