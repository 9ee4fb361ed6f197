/** Turns each record of a transaction into timeline entries, and merges them oldest first. */
import type { SetRecord } from '../edi/set-store';
import type { StoredDeadLetter } from './sources';
import type { TransactionDeadLetter, TransactionDocument, TransactionEvent } from './types';

const iso = (d: Date | string) => new Date(d).toISOString();

/** Entries the workflow wrote in its own timeline (order or PO view). */
export function workflowEvents(
  timeline: {
    at: string;
    kind: string;
    step: string;
    message: string;
    connectorId?: string;
    by?: string;
    documentId?: string;
  }[],
): TransactionEvent[] {
  return timeline.map((t) => ({
    at: t.at,
    source: 'workflow',
    kind: t.kind,
    step: t.step,
    message: t.message,
    ...(t.connectorId ? { connectorId: t.connectorId } : {}),
    ...(t.by ? { by: t.by } : {}),
    ...(t.documentId ? { refs: { documentId: t.documentId } } : {}),
  }));
}

/** The document line of a set, with the address of its interchange's raw bytes. */
export function documentOf(set: SetRecord, isa13?: string): TransactionDocument {
  const interchange = isa13 ?? set.envelope?.interchange.controlNumber;
  return {
    setRecordId: set._id,
    direction: set.direction,
    setId: set.setId,
    ...(set.partnerId ? { partnerId: set.partnerId } : {}),
    status: set.status,
    ...(set.syntaxStatus ? { acknowledgement: set.syntaxStatus } : {}),
    control: {
      ...(interchange ? { interchange } : {}),
      group: set.groupControlNumber,
      set: set.controlNumber,
    },
    interchangeId: set.interchangeId,
    rawUrl: `/v1/edi/interchanges/${encodeURIComponent(set.interchangeId)}/raw`,
    at: iso(set.createdAt),
  };
}

const VERDICT: Record<string, string> = { A: 'accepted', E: 'accepted with errors', R: 'rejected' };

/** A set's arrival or sending, and the 997 verdict on it (ours for a set received, the partner's for one sent). */
export function setEvents(set: SetRecord): TransactionEvent[] {
  const refs = { setId: set._id, interchangeId: set.interchangeId };
  const partner = set.partnerId ? ` ${set.direction === 'inbound' ? 'from' : 'to'} ${set.partnerId}` : '';
  const numbers = `GS06 ${set.groupControlNumber}, ST02 ${set.controlNumber}`;
  const events: TransactionEvent[] = [
    {
      at: iso(set.createdAt),
      source: 'edi',
      kind: set.direction === 'inbound' ? 'received' : 'sent',
      message:
        `${set.setId} ${set.direction === 'inbound' ? 'received' : 'sent'}${partner} (${numbers}): ${set.status}` +
        (set.error ? ` — ${set.error.message}` : ''),
      refs,
    },
  ];
  if (set.syntaxStatus) {
    const verdict = VERDICT[set.syntaxStatus] ?? set.syntaxStatus;
    events.push({
      at: iso(set.direction === 'inbound' ? set.createdAt : set.updatedAt),
      source: 'acknowledgement',
      kind: set.direction === 'inbound' ? 'acknowledgement-sent' : 'acknowledgement-received',
      message:
        set.direction === 'inbound'
          ? `997 sent: ${set.setId} ${verdict}${set.syntaxCodes.length ? ` (${set.syntaxCodes.join(', ')})` : ''}`
          : `997 received${partner.replace(' to ', ' from ')}: ${set.setId} ${verdict}`,
      refs,
    });
  }
  return events;
}

/** The line of a dead letter in the record. */
export function deadLetterLine(d: StoredDeadLetter): TransactionDeadLetter {
  return {
    id: d._id,
    status: d.status,
    flow: d.flow,
    step: d.step,
    ...(d.connectorId ? { connectorId: d.connectorId } : {}),
    error: { kind: d.error.kind, message: d.error.message },
    attempts: d.attempts,
    updatedAt: iso(d.updatedAt),
  };
}

/** "3 changes: replace /order/lines/0/item/itemId, …" for an edit's entry (the first few pointers). */
function describeChanges(h: StoredDeadLetter['history'][number]): string {
  const changes = h.changes ?? [];
  const count = changes.length + (h.changesOmitted ?? 0);
  const listed = changes.slice(0, 3).map((c) => `${c.op} ${c.path}`);
  const more = count > listed.length ? ', …' : '';
  return `${count} change${count === 1 ? '' : 's'}: ${listed.join(', ')}${more}`;
}

/** Every entry of a dead letter's history: failures, replays (with who and why), resolution, discard. */
export function deadLetterEvents(d: StoredDeadLetter): TransactionEvent[] {
  return d.history.map((h) => ({
    at: iso(h.at),
    source: 'dead-letter',
    kind: h.action,
    step: d.step,
    message:
      h.action === 'failed'
        ? `${d.step} failed after ${h.attempts ?? 1} attempt(s): ${h.error?.message ?? d.error.message}`
        : h.action === 'edited'
          ? `${d.step}: payload edited — ${h.reason ?? 'no reason given'} (${describeChanges(h)})`
          : `${d.step}: ${h.action}${h.reason ? ` — ${h.reason}` : ''}`,
    ...(d.connectorId ? { connectorId: d.connectorId } : {}),
    ...(h.by ? { by: h.by } : {}),
    refs: { deadLetterId: d._id },
    ...(h.changes ? { changes: h.changes } : {}),
  }));
}

/** Oldest first; entries at the same instant keep the order they were given in. */
export function mergeTimeline(...parts: TransactionEvent[][]): TransactionEvent[] {
  return parts
    .flat()
    .map((e, i) => ({ e, i, t: Date.parse(e.at) }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map(({ e }) => e);
}
