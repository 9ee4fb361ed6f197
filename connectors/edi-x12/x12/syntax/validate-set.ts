/**
 * Syntax check of one transaction set body (the segments between ST and SE): order, use counts and loops from
 * the set table, then element rules for segments that are in place. Produces the AK3/AK4 list of a 997.
 */
import type { SegmentError } from '../outcome-types';
import type { Segment } from '../types';
import { allSegmentIds, SegmentOrder } from './check-segment-order';
import { SEGMENT_SPECS, SET_DEFINITIONS } from './index';
import type { SegmentSpec, SetDefinition } from './spec-types';
import { validateElements } from './validate-elements';

/** Most AK3 loops reported per set: the 997 must stay small even for a set that is garbage from end to end. */
export const MAX_SEGMENT_ERRORS = 100;

let knownIds: Set<string> | undefined;

/** Segment ids we recognise (AK304 "2 unexpected" rather than "1 unrecognized"). */
function recognised(): Set<string> {
  knownIds ??= new Set([
    ...allSegmentIds([...SET_DEFINITIONS.values()].map((d) => d.table)),
    ...SEGMENT_SPECS.keys(),
  ]);
  return knownIds;
}

/**
 * AK3 errors of a set. `segments` is ST … SE; when the set has no SE (trailer missing) pass it without one and
 * `hasTrailer: false`, so missing mandatory segments are still reported at the last position.
 */
export function validateSetBody(
  definition: SetDefinition,
  segments: readonly Segment[],
  componentSeparator: string,
  options: { hasTrailer: boolean; specs?: ReadonlyMap<string, SegmentSpec> } = { hasTrailer: true },
): SegmentError[] {
  const specs = options.specs ?? SEGMENT_SPECS;
  const order = new SegmentOrder(definition.table, recognised());
  const errors: SegmentError[] = [];
  const bodyEnd = options.hasTrailer ? segments.length - 1 : segments.length;
  for (let i = 1; i < bodyEnd; i += 1) {
    const segment = segments[i] as Segment;
    const position = i + 1;
    const id = /^[A-Z][A-Z0-9]{1,2}$/.test(segment.id) ? segment.id : '';
    const verdict = order.next(id, position);
    errors.push(...verdict.missing);
    const loop = verdict.loopId ? { loopId: verdict.loopId } : {};
    if (verdict.code) {
      errors.push({
        segmentId: segment.id.slice(0, 3) || '?',
        position,
        ...loop,
        code: verdict.code,
        elementErrors: [],
      });
      continue;
    }
    const spec = specs.get(id);
    const elementErrors = spec ? validateElements(segment, spec, componentSeparator) : [];
    if (elementErrors.length > 0) {
      errors.push({ segmentId: id, position, ...loop, code: '8', elementErrors: elementErrors.slice(0, 99) });
    }
    if (errors.length >= MAX_SEGMENT_ERRORS) return errors.slice(0, MAX_SEGMENT_ERRORS);
  }
  errors.push(...order.end(options.hasTrailer ? segments.length : segments.length + 1));
  return errors.slice(0, MAX_SEGMENT_ERRORS);
}
