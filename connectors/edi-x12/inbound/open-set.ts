/**
 * The opening every looped set's mapper shares: a reader that collects problems in the partner's time zone, and
 * the set cut into header, detail loops and summary, so each mapper starts from the same reading of the set.
 */
import { MappingProblems } from '../../sdk/mapping';
import type { TransactionSet } from '../x12/types';
import type { InboundContext } from './context';
import { ElementReader } from './read-elements';
import { bodyAndSummary, positioned, splitLoops } from './read-set';
import type { At } from './read-set';

/** A set ready to map. */
export interface OpenSet {
  problems: MappingProblems;
  reader: ElementReader;
  /** Every segment with its position, ST and SE included. */
  all: At[];
  /** From ST to the first detail loop. */
  header: At[];
  /** Each detail loop: its start segment and everything up to the next start or the summary. */
  loops: At[][];
  /** From the first of the summary segments after the last loop start; SE excluded. */
  summary: At[];
}

/** Opens `set` for mapping: detail loops start at `detailId`, the summary at the first of `summaryIds` after them. */
export function openSet(
  set: TransactionSet,
  context: InboundContext,
  detailId: string,
  summaryIds: string[],
): OpenSet {
  const problems = new MappingProblems('X12');
  const reader = new ElementReader(problems, context.partner.timeZone);
  const all = positioned(set);
  const { body, summary } = bodyAndSummary(all, detailId, summaryIds);
  const { before: header, loops } = splitLoops(body, detailId);
  return { problems, reader, all, header, loops, summary };
}
