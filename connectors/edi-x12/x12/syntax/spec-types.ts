/**
 * The shape of a set definition: the segment table (order, requirement, max use, loops) and the element rules of
 * the segments we know, written in a compact notation so each set file reads like the X12 table it transcribes.
 */

/** X12 data types we check; `C` is a composite whose components have their own rules. */
export type DataType = 'AN' | 'ID' | 'DT' | 'TM' | 'N0' | 'N1' | 'N2' | 'N3' | 'N4' | 'R' | 'C';

/** Rules of one element position. */
export interface ElementSpec {
  /** Data element reference number (AK402). */
  ref: string;
  /** M mandatory; O optional; X conditional (checked as optional: relational conditions are not modelled). */
  req: 'M' | 'O' | 'X';
  type: DataType;
  min: number;
  max: number;
  codes?: ReadonlySet<string>;
  components?: ElementSpec[];
}

/** Rules of one segment: the positions we know, and how many elements it may have at most. */
export interface SegmentSpec {
  id: string;
  maxElements: number;
  /** Known positions (1-based); positions not listed are only counted, not checked. */
  elements: ReadonlyMap<number, ElementSpec>;
}

/** A segment's place in the table. */
export interface SegmentUse {
  kind: 'segment';
  id: string;
  req: 'M' | 'O';
  max: number;
}

/** A loop's place in the table; its first entry is the trigger segment (requirement M, max 1). */
export interface LoopUse {
  kind: 'loop';
  /** The trigger segment id; also what we report as AK303. */
  id: string;
  req: 'M' | 'O';
  max: number;
  entries: TableEntry[];
}

/** One row of a set table. */
export type TableEntry = SegmentUse | LoopUse;

/** A transaction set definition: what lies between ST and SE, and which group it belongs in. */
export interface SetDefinition {
  setId: string;
  /** GS01 of the groups this set travels in. */
  functionalId: string;
  table: TableEntry[];
}

/**
 * One element rule from "REQ TYPE MIN/MAX REF", e.g. `el('M ID 2/2 353', BEG01_CODES)`.
 * The notation mirrors the X12 element tables.
 */
export function el(notation: string, codes?: Iterable<string>): ElementSpec {
  const [req, type, lengths, ref] = notation.split(' ');
  const [min, max] = (lengths ?? '').split('/').map(Number);
  if (
    !req ||
    !type ||
    !ref ||
    min === undefined ||
    max === undefined ||
    Number.isNaN(min) ||
    Number.isNaN(max)
  ) {
    throw new Error(`bad element notation: ${notation}`);
  }
  return {
    ref,
    req: req as ElementSpec['req'],
    type: type as DataType,
    min,
    max,
    ...(codes ? { codes: new Set(codes) } : {}),
  };
}

/** A composite element rule: `composite('X C001', [el(...), ...])`. */
export function composite(notation: string, components: ElementSpec[]): ElementSpec {
  const [req, ref] = notation.split(' ');
  return { ref: ref ?? '', req: (req ?? 'O') as ElementSpec['req'], type: 'C', min: 1, max: 1, components };
}

/** A segment rule: its maximum element count and the rules of the positions we check. */
export function segmentSpec(
  id: string,
  maxElements: number,
  elements: Record<number, ElementSpec>,
): SegmentSpec {
  return { id, maxElements, elements: new Map(Object.entries(elements).map(([k, v]) => [Number(k), v])) };
}

/** Table rows from "ID REQ MAX; …", e.g. `rows('BEG M 1; CUR O 1; REF O >1')` (">1" is unbounded). */
export function rows(notation: string): SegmentUse[] {
  return notation
    .split(';')
    .map((row) => row.trim())
    .filter((row) => row !== '')
    .map((row) => {
      const [id, req, max] = row.split(/\s+/);
      if (!id || (req !== 'M' && req !== 'O') || !max) throw new Error(`bad table row: ${row}`);
      return { kind: 'segment', id, req, max: max === '>1' ? Number.POSITIVE_INFINITY : Number(max) };
    });
}

/** A loop: trigger id, requirement, max iterations (">1" unbounded) and its rows (the trigger row first). */
export function loop(
  id: string,
  req: 'M' | 'O',
  max: number | '>1',
  ...entries: (string | TableEntry)[]
): LoopUse {
  const table = entries.flatMap((entry) => (typeof entry === 'string' ? rows(entry) : [entry]));
  return { kind: 'loop', id, req, max: max === '>1' ? Number.POSITIVE_INFINITY : max, entries: table };
}

/** Table rows and loops in order: strings are parsed with `rows`. */
export function table(...entries: (string | TableEntry)[]): TableEntry[] {
  return entries.flatMap((entry) => (typeof entry === 'string' ? rows(entry) : [entry]));
}
