/**
 * The verdict on one transaction set once its trailer (or the lack of one) is known: envelope checks (SE01 count,
 * SE02 = ST02, ST02 unique, set supported and in the right group) and the syntax check of its body.
 */
import type { SetOutcome } from './outcome-types';
import { SET_DEFINITIONS } from './syntax/index';
import type { SetDefinition } from './syntax/spec-types';
import { validateSetBody } from './syntax/validate-set';
import type { Segment } from './types';
import { element } from './types';

/** How strictly a set's group is checked, and with which definitions. */
export interface SetRules {
  /** A set whose ST01 does not belong to GS01: 'reject' (AK5 R 6, default) or 'accept' (AK5 E 6, routed by ST01). */
  functionalIdMismatch: 'reject' | 'accept';
  definitions: ReadonlyMap<string, SetDefinition>;
}

/** Default rules: the built-in 4010 definitions, mismatched sets rejected. */
export const DEFAULT_SET_RULES: SetRules = { functionalIdMismatch: 'reject', definitions: SET_DEFINITIONS };

/**
 * Checks a set. `segments` runs from ST to SE inclusive, or to the last segment read when `trailer` is false
 * (another ST, GE, IEA or the end of input came first). `seenControlNumbers` is the group's ST02s so far.
 */
export function finishSet(
  segments: readonly Segment[],
  context: {
    functionalId: string;
    componentSeparator: string;
    seenControlNumbers: Set<string>;
    trailer: boolean;
  },
  rules: SetRules = DEFAULT_SET_RULES,
): SetOutcome {
  const st = segments[0] as Segment;
  const setId = element(st, 1);
  const controlNumber = element(st, 2);
  const codes: string[] = [];
  let accept = false;
  const definition = rules.definitions.get(setId);
  if (!definition) codes.push('1');
  else if (definition.functionalId !== context.functionalId) {
    codes.push('6');
    accept = rules.functionalIdMismatch === 'accept';
  }
  if (!context.trailer) codes.push('2');
  if (!/^.{4,9}$/.test(controlNumber)) codes.push('7');
  if (context.trailer) {
    const se = segments[segments.length - 1] as Segment;
    if (!/^\d+$/.test(element(se, 1)) || Number(element(se, 1)) !== segments.length) codes.push('4');
    if (element(se, 2) !== controlNumber) codes.push('3');
  }
  if (context.seenControlNumbers.has(controlNumber)) codes.push('23');
  context.seenControlNumbers.add(controlNumber);
  const segmentErrors = definition
    ? validateSetBody(definition, segments, context.componentSeparator, { hasTrailer: context.trailer })
    : [];
  if (segmentErrors.length > 0) codes.push('5');
  const onlyNoted = accept && codes.every((code) => code === '6');
  return {
    setId,
    controlNumber,
    status: codes.length === 0 ? 'A' : onlyNoted ? 'E' : 'R',
    codes: sortCodes(codes),
    segmentErrors,
    segmentCount: segments.length + (context.trailer ? 0 : 1),
  };
}

/** AK502-506 hold at most five codes; numeric order reads best. */
function sortCodes(codes: string[]): string[] {
  return [...new Set(codes)].sort((a, b) => Number(a) - Number(b)).slice(0, 5);
}
