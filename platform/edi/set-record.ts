/** A received set's record, built from what the engine read and concluded. */
import type { SetOutcome } from '../../connectors/edi-x12/x12/outcome-types';
import { readBusinessKeys } from '../../connectors/edi-x12/x12/read-business-keys';
import type { TransactionSet } from '../../connectors/edi-x12/x12/types';
import type { SetRecord } from './set-store';
import { setText } from './set-text';

/** The fields of a set record that come from the wire and the syntax check. */
export function receivedSetFields(
  set: TransactionSet,
  outcome: SetOutcome,
  ctx: { interchangeId: string; connectorId: string; partnerId: string; test: boolean },
): Omit<SetRecord, '_id' | 'createdAt' | 'updatedAt' | 'replays' | 'status' | 'documents'> {
  const text = setText(set.segments, set.delimiters);
  return {
    // Read from the segments, so a set that is rejected or does not map is still found by its numbers; mapping
    // overwrites them with what it read.
    ...readBusinessKeys(set.setId, set.segments),
    interchangeId: ctx.interchangeId,
    connectorId: ctx.connectorId,
    partnerId: ctx.partnerId,
    direction: 'inbound',
    setId: set.setId,
    controlNumber: set.controlNumber,
    functionalId: set.group.functionalId,
    groupControlNumber: set.group.controlNumber,
    syntaxStatus: outcome.status,
    syntaxCodes: outcome.codes,
    segmentErrors: outcome.segmentErrors.map((e) => ({
      segmentId: e.segmentId,
      position: e.position,
      code: e.code,
      ...(e.loopId ? { loopId: e.loopId } : {}),
      elements: e.elementErrors.map((el) => ({
        position: el.position,
        ...(el.component ? { component: el.component } : {}),
        ...(el.elementNumber ? { dataElement: el.elementNumber } : {}),
        code: el.code,
        ...(el.data !== undefined ? { value: el.data } : {}),
      })),
    })),
    segmentCount: set.segments.length,
    envelope: { interchange: set.interchange, group: set.group, delimiters: set.delimiters },
    test: ctx.test,
    ...(text !== undefined ? { text } : {}),
  };
}
