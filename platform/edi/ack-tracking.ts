/**
 * What we sent and whether the partner acknowledged it: one record per functional group we sent, due for its 997
 * within the partner's agreed time. A 997 received is matched by (partner, AK102 = our GS06) and its AK2 loops by
 * ST02; a group past its due time without one is overdue, listed for support and counted in a gauge.
 */
import type { Collection, Db, Filter } from 'mongodb';
import { COLLECTIONS } from '../collections';

/** Where an acknowledgement stands. */
export type AckStatus = 'pending' | 'accepted' | 'accepted-with-errors' | 'partially-accepted' | 'rejected';

/** One functional group we sent. */
export interface OutboundGroupRecord {
  _id: string;
  partnerId: string;
  connectorId: string;
  interchangeId: string;
  interchangeControlNumber: string;
  functionalId: string;
  controlNumber: string;
  sets: { setId: string; controlNumber: string; status?: string; codes?: string[] }[];
  sentAt: Date;
  dueAt: Date;
  ackStatus: AckStatus;
  acknowledgedAt?: Date;
  /** The inbound interchange that carried the 997. */
  ackInterchangeId?: string;
  ackCodes?: string[];
}

/** A 997 as read: the group it answers and the verdict for it and each set. */
export interface ReceivedAck {
  functionalId: string;
  controlNumber: string;
  groupStatus: string;
  groupCodes: string[];
  sets: { setId: string; controlNumber: string; status: string; codes: string[] }[];
}

/** What matching a 997 found. */
export type AckMatch =
  | { matched: true; group: OutboundGroupRecord }
  | { matched: false; reason: 'unknown-group' | 'already-acknowledged' };

/** The acknowledgement tracker. */
export interface AckTracking {
  ensureIndexes(): Promise<void>;
  expect(group: Omit<OutboundGroupRecord, '_id' | 'ackStatus'>): Promise<OutboundGroupRecord>;
  match(partnerId: string, ack: ReceivedAck, ackInterchangeId: string): Promise<AckMatch>;
  list(query?: {
    partnerId?: string;
    status?: AckStatus | 'overdue';
    interchangeId?: string;
    now?: Date;
    limit?: number;
  }): Promise<OutboundGroupRecord[]>;
  /** How many groups are overdue now. */
  countOverdue(now?: Date): Promise<number>;
}

const GROUP_STATUS: Record<string, AckStatus> = {
  A: 'accepted',
  E: 'accepted-with-errors',
  P: 'partially-accepted',
  R: 'rejected',
  M: 'rejected',
  W: 'rejected',
  X: 'rejected',
};

const groupId = (partnerId: string, controlNumber: string) => `${partnerId}|${Number(controlNumber)}`;

/** Builds the tracker over `COLLECTIONS.ediOutboundGroups`. */
export function createAckTracking(db: Db): AckTracking {
  const collection: Collection<OutboundGroupRecord> = db.collection<OutboundGroupRecord>(
    COLLECTIONS.ediOutboundGroups,
  );
  const overdueFilter = (now: Date): Filter<OutboundGroupRecord> => ({
    ackStatus: 'pending',
    dueAt: { $lt: now },
  });
  return {
    async ensureIndexes() {
      await collection.createIndex({ ackStatus: 1, dueAt: 1 }, { name: 'status_due' });
      await collection.createIndex({ interchangeId: 1 }, { name: 'interchange' });
    },
    async expect(group) {
      const record: OutboundGroupRecord = {
        ...group,
        _id: groupId(group.partnerId, group.controlNumber),
        ackStatus: 'pending',
      };
      await collection.insertOne(record);
      return record;
    },
    async match(partnerId, ack, ackInterchangeId) {
      const found = await collection.findOne({ _id: groupId(partnerId, ack.controlNumber) });
      if (!found || found.functionalId !== ack.functionalId)
        return { matched: false, reason: 'unknown-group' };
      if (found.ackStatus !== 'pending') return { matched: false, reason: 'already-acknowledged' };
      const verdicts = new Map(ack.sets.map((s) => [`${s.setId}|${s.controlNumber}`, s]));
      const next: OutboundGroupRecord = {
        ...found,
        ackStatus: GROUP_STATUS[ack.groupStatus] ?? 'rejected',
        acknowledgedAt: new Date(),
        ackInterchangeId,
        ackCodes: ack.groupCodes,
        sets: found.sets.map((s) => {
          const verdict = verdicts.get(`${s.setId}|${s.controlNumber}`);
          // A 997 that lists only rejected sets accepts every set it does not name, as its AK9 says.
          const status = verdict?.status ?? (ack.groupStatus === 'R' ? 'R' : 'A');
          return { ...s, status, codes: verdict?.codes ?? [] };
        }),
      };
      await collection.replaceOne({ _id: found._id }, next);
      return { matched: true, group: next };
    },
    async list(query = {}) {
      const now = query.now ?? new Date();
      const filter: Filter<OutboundGroupRecord> =
        query.status === 'overdue' ? overdueFilter(now) : query.status ? { ackStatus: query.status } : {};
      if (query.partnerId) filter.partnerId = query.partnerId;
      if (query.interchangeId) filter.interchangeId = query.interchangeId;
      const limit = Math.min(Math.max(Math.trunc(query.limit ?? 50), 1), 500);
      return collection.find(filter).sort({ sentAt: -1, _id: -1 }).limit(limit).toArray();
    },
    async countOverdue(now = new Date()) {
      return collection.countDocuments(overdueFilter(now));
    },
  };
}
