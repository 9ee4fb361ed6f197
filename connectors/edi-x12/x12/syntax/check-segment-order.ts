/**
 * Segment order against a set table, one segment at a time: a stack of open loops, each with its position and the
 * use counts of its rows. A segment is looked for from the current row forward in the innermost loop, then in
 * each enclosing loop (which closes the inner ones); the trigger of an open loop starts its next iteration.
 */
import type { SegmentError } from '../outcome-types';
import type { LoopUse, TableEntry } from './spec-types';

interface Frame {
  entries: TableEntry[];
  loop?: LoopUse;
  /** Index of the row last used, -1 before the first. */
  at: number;
  uses: number[];
}

/** What the order check says about one segment. */
export interface OrderVerdict {
  /** AK304 when the segment is out of place (1, 2, 4, 5, 7); undefined when it fits. */
  code?: string;
  /** The loop the segment was placed in (AK303). */
  loopId?: string;
  /** Mandatory rows found missing while moving past them (AK3 code 3). */
  missing: SegmentError[];
}

/** Tracks one set's segments against its table; `known` holds every segment id we recognise at all. */
export class SegmentOrder {
  private readonly stack: Frame[];
  private readonly inSet: ReadonlySet<string>;

  constructor(
    table: TableEntry[],
    private readonly known: ReadonlySet<string>,
  ) {
    this.stack = [{ entries: table, at: -1, uses: table.map(() => 0) }];
    this.inSet = idsOf(table);
  }

  /** Places the segment `id` found at `position` (ST = 1). */
  next(id: string, position: number): OrderVerdict {
    for (let depth = this.stack.length - 1; depth >= 0; depth -= 1) {
      const frame = this.stack[depth] as Frame;
      const from = Math.max(frame.at, frame.loop ? 1 : 0);
      let index = -1;
      for (let i = from; i < frame.entries.length; i += 1) {
        if ((frame.entries[i] as TableEntry).id === id) {
          index = i;
          break;
        }
      }
      if (index < 0) continue;
      const missing: SegmentError[] = [];
      while (this.stack.length - 1 > depth) missing.push(...this.close(this.stack.pop() as Frame, position));
      missing.push(...this.skipped(frame, frame.at + (frame.uses[frame.at] ? 1 : 0), index, position));
      const entry = frame.entries[index] as TableEntry;
      frame.at = index;
      frame.uses[index] = (frame.uses[index] ?? 0) + 1;
      const overUse = (frame.uses[index] ?? 0) > entry.max;
      if (entry.kind === 'loop') {
        this.stack.push({
          entries: entry.entries,
          loop: entry,
          at: 0,
          uses: entry.entries.map((_, i) => (i === 0 ? 1 : 0)),
        });
        return { ...(overUse ? { code: '4' } : {}), loopId: entry.id, missing };
      }
      return { ...(overUse ? { code: '5' } : {}), ...loopOf(frame), missing };
    }
    const code = this.inSet.has(id) ? '7' : this.known.has(id) ? '2' : '1';
    return { code, ...loopOf(this.stack[this.stack.length - 1] as Frame), missing: [] };
  }

  /** Closes every open loop at the trailer (`position` is SE's); returns mandatory rows never seen. */
  end(position: number): SegmentError[] {
    const missing: SegmentError[] = [];
    while (this.stack.length > 1) missing.push(...this.close(this.stack.pop() as Frame, position));
    const root = this.stack[0] as Frame;
    missing.push(
      ...this.skipped(root, root.at + (root.uses[root.at] ? 1 : 0), root.entries.length, position),
    );
    return missing;
  }

  private close(frame: Frame, position: number): SegmentError[] {
    return this.skipped(frame, frame.at + 1, frame.entries.length, position);
  }

  /** Mandatory rows in [from, to) of a frame that were never used. */
  private skipped(frame: Frame, from: number, to: number, position: number): SegmentError[] {
    const errors: SegmentError[] = [];
    for (let i = Math.max(from, 0); i < to; i += 1) {
      const entry = frame.entries[i] as TableEntry;
      if (entry.req === 'M' && !frame.uses[i]) {
        errors.push({ segmentId: entry.id, position, ...loopOf(frame), code: '3', elementErrors: [] });
      }
    }
    return errors;
  }
}

function loopOf(frame: Frame): { loopId?: string } {
  return frame.loop ? { loopId: frame.loop.id } : {};
}

const tableIds = new WeakMap<TableEntry[], Set<string>>();

/** The ids of a table, computed once per table (a set is checked per transaction set, often millions of times). */
function idsOf(table: TableEntry[]): Set<string> {
  let ids = tableIds.get(table);
  if (!ids) {
    ids = collectIds(table);
    tableIds.set(table, ids);
  }
  return ids;
}

function collectIds(entries: TableEntry[], into = new Set<string>()): Set<string> {
  for (const entry of entries) {
    into.add(entry.id);
    if (entry.kind === 'loop') collectIds(entry.entries, into);
  }
  return into;
}

/** Every segment id of the given tables (what counts as "recognised" for AK304 1 vs 2). */
export function allSegmentIds(tables: TableEntry[][]): Set<string> {
  const ids = new Set<string>(['ISA', 'IEA', 'GS', 'GE', 'ST', 'SE', 'TA1']);
  for (const t of tables) collectIds(t, ids);
  return ids;
}
