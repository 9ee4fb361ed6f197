/**
 * Maps a kept transaction set again — from its own text and the envelopes it came in, with the partner's current
 * profile — after a mapping fix or a corrected profile, and acts on what it becomes. Only a set that did not map
 * (`failed`) or was not published (`unpublished`) can be replayed; the record counts each replay.
 */
import { ConflictError } from '../store-errors';
import type { EdiDeps } from './deps';
import { commitSet, mapForRecord } from './map-set';
import type { SetRecord } from './set-store';
import { segmentsFromText } from './set-text';

/** Replays one set; ConflictError when its status does not allow it or its text was not kept. */
export async function replaySet(deps: EdiDeps, id: string, correlationId?: string): Promise<SetRecord> {
  const record = await deps.sets.get(id);
  if (record.status !== 'failed' && record.status !== 'unpublished') {
    throw new ConflictError(
      `transaction set ${id} is ${record.status}; only failed or unpublished sets are replayed`,
      record.status,
    );
  }
  const ctx = correlationId ? { correlationId } : {};
  if (record.status === 'unpublished') {
    return deps.sets.update(id, await commitSet(deps, record, ctx), { replayed: true });
  }
  if (!record.text || !record.envelope || !record.partnerId) {
    throw new ConflictError(
      `transaction set ${id} was too large to keep as text; receive its interchange again`,
      record.status,
    );
  }
  const partner = await deps.partners.get(record.partnerId);
  const { interchange, group, delimiters } = record.envelope;
  const set = {
    setId: record.setId,
    controlNumber: record.controlNumber,
    segments: segmentsFromText(record.text, delimiters),
    group,
    interchange,
    delimiters,
  };
  const kept = mapForRecord(deps, set, partner, record.connectorId);
  if (kept.status === 'failed') return deps.sets.update(id, kept, { replayed: true });
  const held = await deps.sets.update(id, { ...kept, error: undefined }, {});
  return deps.sets.update(id, { ...(await commitSet(deps, held, ctx)) }, { replayed: true });
}
