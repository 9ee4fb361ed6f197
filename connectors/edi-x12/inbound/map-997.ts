/**
 * 997 Functional Acknowledgment → not a canonical document: the acknowledgement of one of OUR groups, which the
 * hub matches to what it sent (AK102 = our GS06, AK202 = our ST02). AK901 P and R are both accepted for a
 * partially accepted group, as senders differ.
 */
import { MappingProblems } from '../../sdk/mapping';
import type { TransactionSet } from '../x12/types';
import type { AcknowledgedSet, InboundContext, MappedSet, ReceivedAcknowledgement } from './context';
import { ElementReader } from './read-elements';
import { optional, positioned, segmentsOf, splitLoops, value } from './read-set';
import type { At } from './read-set';
import { requireSegment } from './require-segment';

const SET_STATUSES = ['A', 'E', 'M', 'R', 'W', 'X', 'P'];
const GROUP_STATUSES = ['A', 'E', 'P', 'R', 'M', 'W', 'X'];

/** AK304 segment syntax error codes. */
const SEGMENT_ERRORS: Record<string, string> = {
  '1': 'unrecognized segment id',
  '2': 'unexpected segment',
  '3': 'mandatory segment missing',
  '4': 'loop occurs over maximum times',
  '5': 'segment exceeds maximum use',
  '6': 'segment not in defined transaction set',
  '7': 'segment not in proper sequence',
  '8': 'segment has data element errors',
};

/** AK403 element syntax error codes. */
const ELEMENT_ERRORS: Record<string, string> = {
  '1': 'mandatory data element missing',
  '2': 'conditional required data element missing',
  '3': 'too many data elements',
  '4': 'data element too short',
  '5': 'data element too long',
  '6': 'invalid character in data element',
  '7': 'invalid code value',
  '8': 'invalid date',
  '9': 'invalid time',
  '10': 'exclusion condition violated',
  '12': 'too many repetitions',
  '13': 'too many components',
};

/** AK502-506 set error codes. */
const SET_ERRORS: Record<string, string> = {
  '1': 'transaction set not supported',
  '2': 'transaction set trailer missing',
  '3': 'ST02 and SE02 control numbers do not match',
  '4': 'SE01 does not match the number of segments',
  '5': 'one or more segments in error',
  '6': 'missing or invalid transaction set identifier',
  '7': 'missing or invalid transaction set control number',
  '18': 'transaction set not in functional group',
  '19': 'invalid implementation convention reference',
  '23': 'transaction set control number not unique within the functional group',
};

/** AK905-909 group error codes. */
const GROUP_ERRORS: Record<string, string> = {
  '1': 'functional group not supported',
  '2': 'functional group version not supported',
  '3': 'functional group trailer missing',
  '4': 'GS06 and GE02 control numbers do not agree',
  '5': 'GE01 does not match the number of transaction sets',
  '6': 'group control number violates syntax',
};

const described = (table: Record<string, string>, code: string) => `${table[code] ?? 'code'} (${code})`;

function readSetLoop(reader: ElementReader, loop: At[]): AcknowledgedSet {
  const ak2 = loop[0]!;
  const errors: string[] = [];
  let segment = '';
  for (const at of loop.slice(1)) {
    if (at.segment.id === 'AK3') {
      segment = `segment ${value(at, 1)} at position ${value(at, 2)}`;
      errors.push(`${segment}: ${described(SEGMENT_ERRORS, value(at, 4))}`);
    } else if (at.segment.id === 'AK4') {
      const bad = optional(at, 4);
      errors.push(
        `${segment ? `${segment}, ` : ''}element ${value(at, 1)} (data element ${value(at, 2)}): ` +
          `${described(ELEMENT_ERRORS, value(at, 3))}${bad ? `, sent ${JSON.stringify(bad)}` : ''}`,
      );
    }
  }
  const ak5 = segmentsOf(loop, 'AK5')[0];
  if (!ak5) reader.report(ak2, 1, `the answer for set ${value(ak2, 2)} has no AK5 (its status)`);
  const status = ak5 ? reader.required(ak5, 1, 'the set status') : '';
  if (ak5 && status && !SET_STATUSES.includes(status)) {
    reader.report(ak5, 1, `${JSON.stringify(status)} is not a set status (${SET_STATUSES.join(', ')})`);
  }
  for (let n = 2; ak5 && n <= 6; n += 1)
    if (value(ak5, n)) errors.push(`set: ${described(SET_ERRORS, value(ak5, n))}`);
  return {
    setId: reader.required(ak2, 1, 'the acknowledged set id'),
    controlNumber: reader.required(ak2, 2, 'the acknowledged set control number'),
    status,
    errors,
  };
}

/** Maps a 997 to the acknowledgement it carries (no canonical documents). */
export function map997(set: TransactionSet, _context: InboundContext): MappedSet {
  const problems = new MappingProblems('X12');
  const reader = new ElementReader(problems, 'UTC');
  const all = positioned(set);
  const ak1 = requireSegment(reader, all, 'AK1', 'the acknowledged group');
  const ak9 = requireSegment(reader, all, 'AK9', 'the group status');
  const { loops } = splitLoops(
    all.filter((at) => ['AK2', 'AK3', 'AK4', 'AK5'].includes(at.segment.id)),
    'AK2',
  );
  const sets = loops.map((loop) => readSetLoop(reader, loop));
  const functionalId = ak1 ? reader.required(ak1, 1, 'the functional id of the acknowledged group') : '';
  const controlNumber = ak1
    ? reader.required(ak1, 2, 'the control number (GS06) of the acknowledged group')
    : '';
  const groupStatus = ak9 ? reader.required(ak9, 1, 'the group status') : '';
  if (ak9 && groupStatus && !GROUP_STATUSES.includes(groupStatus)) {
    reader.report(
      ak9,
      1,
      `${JSON.stringify(groupStatus)} is not a group status (${GROUP_STATUSES.join(', ')})`,
    );
  }
  const count = (n: number, what: string) => (ak9 ? (reader.integer(ak9, n, what) ?? 0) : 0);
  const counts = {
    included: count(2, 'the number of sets included'),
    received: count(3, 'the number of sets received'),
    accepted: count(4, 'the number of sets accepted'),
  };
  const groupErrors: string[] = [];
  for (let n = 5; ak9 && n <= 9; n += 1)
    if (value(ak9, n)) groupErrors.push(described(GROUP_ERRORS, value(ak9, n)));
  problems.throwIfAny(`997 set ${set.controlNumber}`);
  const acknowledgement: ReceivedAcknowledgement = {
    acknowledgedGroup: { functionalId, controlNumber },
    groupStatus,
    counts,
    groupErrors,
    sets,
  };
  return { documents: [], businessKeys: {}, acknowledgement };
}
