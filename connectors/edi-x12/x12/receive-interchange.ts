/**
 * The inbound engine: reads interchanges from a byte stream and checks envelopes and set syntax as a streaming
 * state machine (interchange → group → set). Each set is handed to the caller as soon as it ends, with its
 * verdict, and dropped; only counts and verdicts stay. It never throws on bad input: every defect becomes a
 * TA1/997 code in the outcome. See ARCHITECTURE.md beside this file for the states and the codes.
 */
import type { FunctionalIds, OpenGroup } from './track-group';
import { countSet, finishGroup, openGroup } from './track-group';
import { DEFAULT_SET_RULES, finishSet } from './finish-set';
import type { SetRules } from './finish-set';
import type { GroupOutcome, InterchangeOutcome, SetOutcome } from './outcome-types';
import type { ByteSource, ReadOptions } from './read-segments';
import { readSegmentBatches } from './read-segments';
import type { HeaderNote } from './read-isa-header';
import { readIsaHeader, sameControlNumber } from './read-isa-header';
import { summariseTa1 } from './summarise-ta1';
import type { Delimiters, InterchangeHeader, Segment, TransactionSet } from './types';
import { element } from './types';

/** What the caller does with what is read. */
export interface ReceiveHandlers {
  /**
   * Called once per readable ISA; answer 'duplicate' when ISA13 was already received (TA1 R 025, sets withheld),
   * or 'withhold' when the caller will not take this interchange at all (e.g. no partner profile): it is read to
   * its IEA for the counts, and no set is passed on.
   */
  onHeader?(
    header: InterchangeHeader,
    delimiters: Delimiters,
  ): Promise<'continue' | 'duplicate' | 'withhold'>;
  /**
   * Called as each set ends, accepted or not. Its group (and interchange) verdict comes later: commit mapped
   * documents only when `onGroupEnd` reports the group not rejected and the interchange's TA1 is not R.
   */
  onSet?(set: TransactionSet, outcome: SetOutcome): Promise<void>;
  /** Called as each group ends (GE, or where its GE should have been). */
  onGroupEnd?(group: GroupOutcome, header: InterchangeHeader): Promise<void>;
}

/** Engine options. */
export interface ReceiveOptions extends ReadOptions, Partial<SetRules> {
  /** Keep every set's outcome ('all', default) or only those not accepted clean (flat memory on huge files). */
  keepSetOutcomes?: 'all' | 'errors-only';
}

interface OpenInterchange {
  outcome: InterchangeOutcome;
  header: InterchangeHeader;
  delimiters: Delimiters;
  notes: HeaderNote[];
  /** Header rejected or duplicate: read to IEA, pass nothing on. */
  withheld: boolean;
  groupsSeen: number;
  group?: OpenGroup;
  set?: Segment[];
}

/** Reads every interchange of the input; resolves with one outcome per interchange (or per unreadable run). */
export async function receiveInterchanges(
  input: ByteSource,
  handlers: ReceiveHandlers = {},
  options: ReceiveOptions = {},
): Promise<InterchangeOutcome[]> {
  const rules: SetRules = { ...DEFAULT_SET_RULES, ...pickRules(options) };
  const functionalIds: FunctionalIds = new Set([...rules.definitions.values()].map((d) => d.functionalId));
  const keep = options.keepSetOutcomes ?? 'all';
  const outcomes: InterchangeOutcome[] = [];
  let open: OpenInterchange | undefined;
  let unreadable: InterchangeOutcome | undefined;

  const endSet = async (state: OpenInterchange, trailer: boolean): Promise<void> => {
    const segments = state.set;
    const group = state.group;
    state.set = undefined;
    if (!segments || !group) return;
    const outcome = finishSet(
      segments,
      {
        functionalId: group.header.functionalId,
        componentSeparator: state.delimiters.component,
        seenControlNumbers: group.seenControlNumbers,
        trailer,
      },
      rules,
    );
    countSet(group, outcome, keep);
    const set: TransactionSet = {
      setId: outcome.setId,
      controlNumber: outcome.controlNumber,
      segments,
      group: group.header,
      interchange: state.header,
      delimiters: state.delimiters,
    };
    await handlers.onSet?.(set, outcome);
  };

  const endGroup = async (state: OpenInterchange, ge: Segment | undefined): Promise<void> => {
    if (state.set) await endSet(state, false);
    const group = state.group;
    state.group = undefined;
    if (!group) return;
    const outcome = finishGroup(group, ge);
    state.outcome.groups.push(outcome);
    await handlers.onGroupEnd?.(outcome, state.header);
  };

  const endInterchange = async (
    state: OpenInterchange,
    iea: Segment | undefined,
    end: number,
  ): Promise<void> => {
    if (!state.withheld) await endGroup(state, undefined);
    if (!iea) state.notes.push({ note: '023', problem: 'the input ended before IEA' });
    else {
      if (!/^\d+$/.test(element(iea, 1)) || Number(element(iea, 1)) !== state.groupsSeen) {
        state.notes.push({
          note: '021',
          problem: `IEA01 is ${element(iea, 1)} but ${state.groupsSeen} groups were read`,
        });
      }
      if (!sameControlNumber(element(iea, 2), state.header.controlNumber)) {
        state.notes.push({
          note: '001',
          problem: `IEA02 ${element(iea, 2)} does not match ISA13 ${state.header.controlNumber}`,
        });
      }
    }
    state.outcome.ta1 = summariseTa1(state.header, state.notes);
    state.outcome.problems.push(...state.notes.map((n) => n.problem));
    state.outcome.byteCount = end - state.outcome.offset;
    open = undefined;
  };

  const startInterchange = async (isa: Segment, delimiters: Delimiters): Promise<OpenInterchange> => {
    const { header, notes } = readIsaHeader(isa);
    const outcome: InterchangeOutcome = {
      header,
      delimiters,
      ta1: summariseTa1(header, notes),
      duplicate: false,
      groups: [],
      segmentCount: 0,
      offset: isa.offset,
      byteCount: 0,
      problems: [],
    };
    outcomes.push(outcome);
    const state: OpenInterchange = {
      outcome,
      header,
      delimiters,
      notes,
      withheld: notes.length > 0,
      groupsSeen: 0,
    };
    const verdict = state.withheld ? undefined : await handlers.onHeader?.(header, delimiters);
    if (verdict === 'duplicate') {
      outcome.duplicate = true;
      notes.push({ note: '025', problem: `interchange ${header.controlNumber} was already received` });
    }
    if (verdict === 'duplicate' || verdict === 'withhold') state.withheld = true;
    return state;
  };

  const onSegment = async (state: OpenInterchange, segment: Segment, end: number): Promise<void> => {
    state.outcome.segmentCount += 1;
    const id = segment.id;
    if (id === 'IEA') return endInterchange(state, segment, end);
    if (id === 'GS') state.groupsSeen += 1;
    if (state.withheld) return;
    if (id === 'GS') {
      if (state.group) await endGroup(state, undefined);
      state.group = openGroup(segment, functionalIds);
      return;
    }
    if (id === 'GE') {
      if (state.group) return endGroup(state, segment);
      return contentError(state, `GE at offset ${segment.offset} without GS`);
    }
    if (!state.group)
      return contentError(state, `${id || 'a segment'} at offset ${segment.offset} outside a group`);
    if (id === 'ST') {
      if (state.set) await endSet(state, false);
      state.set = [segment];
      return;
    }
    if (!state.set)
      return contentError(state, `${id || 'a segment'} at offset ${segment.offset} outside a set`);
    state.set.push(segment);
    if (id === 'SE') await endSet(state, true);
  };

  const contentError = (state: OpenInterchange, problem: string): void => {
    if (!state.notes.some((n) => n.note === '024')) state.notes.push({ note: '024', problem });
  };

  for await (const batch of readSegmentBatches(input, options)) {
    for (const event of batch) {
      if (event.kind === 'isa') {
        if (open) await endInterchange(open, undefined, event.segment.offset);
        open = await startInterchange(event.segment, event.delimiters);
        open.outcome.segmentCount = 1;
      } else if (event.kind === 'segment') {
        if (open) await onSegment(open, event.segment, event.end);
      } else if (event.kind === 'unreadable') {
        if (open) await endInterchange(open, undefined, event.offset);
        unreadable = unreadableOutcome(event.note, event.problem, event.offset);
        outcomes.push(unreadable);
      } else {
        if (open) await endInterchange(open, undefined, event.byteCount);
        if (unreadable) unreadable.byteCount = event.byteCount - unreadable.offset;
      }
    }
  }
  return outcomes;
}

function pickRules(options: ReceiveOptions): Partial<SetRules> {
  return {
    ...(options.functionalIdMismatch ? { functionalIdMismatch: options.functionalIdMismatch } : {}),
    ...(options.definitions ? { definitions: options.definitions } : {}),
  };
}

/** Bytes that are not an interchange: rejected with the note the reader found, nothing to echo. */
function unreadableOutcome(note: string, problem: string, offset: number): InterchangeOutcome {
  return {
    ta1: { controlNumber: '000000000', date: '', time: '', status: 'R', note, notes: [note] },
    duplicate: false,
    groups: [],
    segmentCount: 0,
    offset,
    byteCount: 0,
    problems: [problem],
  };
}
