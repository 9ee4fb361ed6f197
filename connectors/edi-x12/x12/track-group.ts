/**
 * One functional group while it is read: its header, the sets counted so far, and its verdict once GE (or the
 * lack of one) is known. Only counts and the outcomes asked for are kept, never the sets themselves.
 */
import type { GroupOutcome, GroupStatus, SetOutcome } from './outcome-types';
import { sameControlNumber } from './read-isa-header';
import type { GroupHeader, Segment } from './types';
import { element } from './types';

/** A group being read. */
export interface OpenGroup {
  header: GroupHeader;
  received: number;
  accepted: number;
  allAccepted: boolean;
  sets: SetOutcome[];
  seenControlNumbers: Set<string>;
  codes: string[];
}

/** The functional ids of the sets we know, so an unknown GS01 can be reported (AK905 1). */
export type FunctionalIds = ReadonlySet<string>;

/** Opens a group at its GS. */
export function openGroup(gs: Segment, functionalIds: FunctionalIds): OpenGroup {
  const header: GroupHeader = {
    functionalId: element(gs, 1),
    senderId: element(gs, 2),
    receiverId: element(gs, 3),
    date: element(gs, 4),
    time: element(gs, 5),
    controlNumber: element(gs, 6),
    agency: element(gs, 7),
    version: element(gs, 8),
  };
  const codes: string[] = [];
  if (!functionalIds.has(header.functionalId)) codes.push('1');
  if (!/^\d{1,9}$/.test(header.controlNumber)) codes.push('6');
  return {
    header,
    received: 0,
    accepted: 0,
    allAccepted: true,
    sets: [],
    seenControlNumbers: new Set(),
    codes,
  };
}

/** Counts a finished set; keeps its outcome unless only errors are kept and it was accepted clean. */
export function countSet(group: OpenGroup, outcome: SetOutcome, keep: 'all' | 'errors-only'): void {
  group.received += 1;
  if (outcome.status === 'A' || outcome.status === 'E') group.accepted += 1;
  if (outcome.status !== 'A') group.allAccepted = false;
  if (keep === 'all' || outcome.status !== 'A') group.sets.push(outcome);
}

/**
 * The group's verdict. Group-level defects (trailer missing, GE02 ≠ GS06, GE01 ≠ sets received, unsupported
 * group, bad control number) reject it; otherwise A, E (accepted with errors noted), P (some sets rejected) or
 * R (none accepted).
 */
export function finishGroup(group: OpenGroup, ge: Segment | undefined): GroupOutcome {
  const codes = [...group.codes];
  let included = group.received;
  if (!ge) codes.push('3');
  else {
    const count = element(ge, 1);
    if (/^\d+$/.test(count)) included = Number(count);
    if (!/^\d+$/.test(count) || included !== group.received) codes.push('5');
    if (!sameControlNumber(element(ge, 2), group.header.controlNumber)) codes.push('4');
  }
  let status: GroupStatus;
  if (codes.length > 0) status = 'R';
  else if (group.received === 0 || group.allAccepted) status = 'A';
  else if (group.accepted === group.received) status = 'E';
  else if (group.accepted > 0) status = 'P';
  else status = 'R';
  return {
    header: group.header,
    status,
    codes: [...new Set(codes)].sort((a, b) => Number(a) - Number(b)).slice(0, 5),
    included,
    received: group.received,
    accepted: group.accepted,
    sets: group.sets,
  };
}
