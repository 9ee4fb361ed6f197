/**
 * One record per interchange file the hub received or sent: who it was from and to, its control number, what the
 * envelope checks found, the acknowledgement it got or produced, and where its original bytes are (raw-store.ts).
 * Inbound duplicates are decided by a claim on (partner, sender, ISA13) that a unique `_id` settles, so two
 * replicas receiving the same file at once still process it once.
 */
import type { Collection, Db, Filter } from 'mongodb';
import { COLLECTIONS } from '../collections';
import { newId } from '../ids';
import { isDuplicateKeyError } from '../mongo';
import { NotFoundError } from '../store-errors';

/** Where an interchange stands. */
export type InterchangeStatus =
  | 'receiving'
  /** receiving failed part-way (store or stream); the claim was given back, so a resend is processed */
  | 'interrupted'
  | 'accepted'
  | 'accepted-with-errors'
  | 'partially-accepted'
  | 'rejected'
  | 'duplicate'
  | 'unreadable'
  | 'sent'
  | 'queued';

/** The outcome of one functional group, as its 997 says (or will say). */
export interface GroupSummary {
  functionalId: string;
  controlNumber: string;
  version: string;
  status: string;
  codes: string[];
  included: number;
  received: number;
  accepted: number;
}

/** A stored interchange. */
export interface InterchangeRecord {
  _id: string;
  connectorId: string;
  partnerId?: string;
  direction: 'inbound' | 'outbound';
  transport: 'http' | 'sftp' | 'api';
  fileName?: string;
  rawFileId?: string;
  byteCount: number;
  sha256?: string;
  controlNumber?: string;
  sender?: { qualifier: string; id: string };
  receiver?: { qualifier: string; id: string };
  usage?: 'P' | 'T' | 'I';
  status: InterchangeStatus;
  ta1?: { status: string; note: string; message?: string };
  groups: GroupSummary[];
  sets: { received: number; accepted: number; rejected: number; mapped: number; failed: number };
  /** Outbound: the inbound interchange this acknowledges. Inbound: the acknowledgement we produced. */
  acknowledgementOf?: string;
  acknowledgementInterchangeId?: string;
  /** Outbound: the set ids it carries, e.g. ["850"] or ["997"]. */
  setIds?: string[];
  error?: { kind: string; message: string };
  correlationId?: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Filters of a listing. */
export interface InterchangeQuery {
  connectorId?: string;
  partnerId?: string;
  direction?: 'inbound' | 'outbound';
  status?: InterchangeStatus;
  controlNumber?: string;
  fileName?: string;
  limit?: number;
}

/** What a claim answers: process it, or it was received before (with the earlier record's id). */
export type InterchangeClaim = { outcome: 'new' } | { outcome: 'duplicate'; interchangeId: string };

/** The interchange store. */
export interface InterchangeStore {
  ensureIndexes(): Promise<void>;
  create(
    input: Omit<InterchangeRecord, '_id' | 'createdAt' | 'updatedAt' | 'groups' | 'sets'> &
      Partial<Pick<InterchangeRecord, 'groups' | 'sets'>>,
  ): Promise<InterchangeRecord>;
  get(id: string): Promise<InterchangeRecord>;
  update(
    id: string,
    change: Partial<Omit<InterchangeRecord, '_id' | 'createdAt'>>,
  ): Promise<InterchangeRecord>;
  /** Newest first. */
  list(query?: InterchangeQuery): Promise<InterchangeRecord[]>;
  /** Claims (partner, sender, ISA13) for `interchangeId`; a second claim is a duplicate. */
  claim(
    partnerId: string,
    sender: string,
    controlNumber: string,
    interchangeId: string,
  ): Promise<InterchangeClaim>;
  /** Gives a claim back (the interchange could not be kept), so a resend is processed. */
  releaseClaim(partnerId: string, sender: string, controlNumber: string): Promise<void>;
}

interface ClaimRecord {
  _id: string;
  interchangeId: string;
  claimedAt: Date;
}

const EMPTY_SETS = { received: 0, accepted: 0, rejected: 0, mapped: 0, failed: 0 };
const claimId = (partnerId: string, sender: string, controlNumber: string) =>
  `${partnerId}|${sender.trim().toUpperCase()}|${Number(controlNumber)}`;

/** Builds the store over `COLLECTIONS.ediInterchanges` and `COLLECTIONS.ediInterchangeClaims`. */
export function createInterchangeStore(db: Db): InterchangeStore {
  const collection: Collection<InterchangeRecord> = db.collection<InterchangeRecord>(
    COLLECTIONS.ediInterchanges,
  );
  const claims: Collection<ClaimRecord> = db.collection<ClaimRecord>(COLLECTIONS.ediInterchangeClaims);
  const get = async (id: string) => {
    const found = await collection.findOne({ _id: id });
    if (!found) throw new NotFoundError('interchange', id);
    return found;
  };
  return {
    async ensureIndexes() {
      await collection.createIndex({ createdAt: -1 }, { name: 'created_desc' });
      await collection.createIndex({ partnerId: 1, controlNumber: 1 }, { name: 'partner_control' });
    },
    async create(input) {
      const now = new Date();
      const record: InterchangeRecord = {
        groups: [],
        sets: { ...EMPTY_SETS },
        ...input,
        _id: newId('ich', 20),
        createdAt: now,
        updatedAt: now,
      };
      await collection.insertOne(record);
      return record;
    },
    get,
    async update(id, change) {
      const next = { ...(await get(id)), ...change, updatedAt: new Date() };
      await collection.replaceOne({ _id: id }, next);
      return next;
    },
    async list(query = {}) {
      const filter: Filter<InterchangeRecord> = {};
      if (query.connectorId) filter.connectorId = query.connectorId;
      if (query.partnerId) filter.partnerId = query.partnerId;
      if (query.direction) filter.direction = query.direction;
      if (query.status) filter.status = query.status;
      if (query.controlNumber) filter.controlNumber = query.controlNumber;
      if (query.fileName) filter.fileName = query.fileName;
      const limit = Math.min(Math.max(Math.trunc(query.limit ?? 50), 1), 200);
      return collection.find(filter).sort({ createdAt: -1, _id: -1 }).limit(limit).toArray();
    },
    async claim(partnerId, sender, controlNumber, interchangeId) {
      const _id = claimId(partnerId, sender, controlNumber);
      try {
        await claims.insertOne({ _id, interchangeId, claimedAt: new Date() });
        return { outcome: 'new' };
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        const earlier = await claims.findOne({ _id });
        return { outcome: 'duplicate', interchangeId: earlier?.interchangeId ?? '?' };
      }
    },
    async releaseClaim(partnerId, sender, controlNumber) {
      await claims.deleteOne({ _id: claimId(partnerId, sender, controlNumber) });
    },
  };
}
