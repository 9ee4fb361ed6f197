/** The API's shapes of EDI records: `id` instead of `_id`, instants as ISO strings, absent fields as null. */
import type { OutboundGroupRecord } from '../../platform/edi/ack-tracking';
import type { InterchangeRecord } from '../../platform/edi/interchange-store';
import type { SetRecord } from '../../platform/edi/set-store';
import { BUSINESS_KEY_NAMES } from '../../platform/edi/set-store';

/** An interchange record as answered. */
export function presentInterchange(r: InterchangeRecord) {
  return {
    id: r._id,
    connectorId: r.connectorId,
    partnerId: r.partnerId ?? null,
    direction: r.direction,
    transport: r.transport,
    fileName: r.fileName ?? null,
    byteCount: r.byteCount,
    sha256: r.sha256 ?? null,
    controlNumber: r.controlNumber ?? null,
    sender: r.sender ?? null,
    receiver: r.receiver ?? null,
    usage: r.usage ?? null,
    status: r.status,
    ta1: r.ta1 ?? null,
    groups: r.groups,
    sets: r.sets,
    setIds: r.setIds ?? [],
    acknowledgementOf: r.acknowledgementOf ?? null,
    acknowledgementInterchangeId: r.acknowledgementInterchangeId ?? null,
    error: r.error ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** A transaction-set record as answered; `withText` adds the set's own text (single-record views). */
export function presentSet(r: SetRecord, withText = false) {
  const businessKeys: Record<string, string> = {};
  for (const k of BUSINESS_KEY_NAMES) if (r[k]) businessKeys[k] = r[k];
  return {
    id: r._id,
    interchangeId: r.interchangeId,
    connectorId: r.connectorId,
    partnerId: r.partnerId ?? null,
    direction: r.direction,
    setId: r.setId,
    controlNumber: r.controlNumber,
    functionalId: r.functionalId,
    groupControlNumber: r.groupControlNumber,
    status: r.status,
    syntaxStatus: r.syntaxStatus ?? null,
    syntaxCodes: r.syntaxCodes,
    segmentErrors: r.segmentErrors,
    businessKeys,
    documents: r.documents,
    error: r.error ?? null,
    warnings: r.warnings ?? [],
    ...(withText ? { text: r.text ?? null } : {}),
    segmentCount: r.segmentCount,
    test: r.test,
    replays: r.replays,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** A group we sent, with whether its 997 is overdue at `now`. */
export function presentGroup(g: OutboundGroupRecord, now: Date) {
  return {
    partnerId: g.partnerId,
    connectorId: g.connectorId,
    interchangeId: g.interchangeId,
    interchangeControlNumber: g.interchangeControlNumber,
    functionalId: g.functionalId,
    controlNumber: g.controlNumber,
    sets: g.sets,
    sentAt: g.sentAt.toISOString(),
    dueAt: g.dueAt.toISOString(),
    status: g.ackStatus,
    overdue: g.ackStatus === 'pending' && g.dueAt.getTime() < now.getTime(),
    acknowledgedAt: g.acknowledgedAt?.toISOString() ?? null,
    ackInterchangeId: g.ackInterchangeId ?? null,
    ackCodes: g.ackCodes ?? [],
  };
}
