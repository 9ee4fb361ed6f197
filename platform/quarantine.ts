/**
 * Quarantine: inbound documents the hub refused to apply (an update from a system that is not the system of
 * record for that object type, or one with no rule at all), kept exactly as received until a person releases or
 * discards them. Nothing here applies a document: whoever releases one applies `document` afterwards.
 */
import { randomBytes } from 'node:crypto';
import type { Collection, Db, Filter } from 'mongodb';
import { COLLECTIONS } from './collections';
import { HubError } from './errors';
import { ConflictError, NotFoundError } from './store-errors';
import { createWriteQueue } from './write-queue';

/** held until a person decides; released (to be applied) or discarded. */
export type QuarantineStatus = 'held' | 'released' | 'discarded';

/** One entry in a quarantined document's history. */
export interface QuarantineHistoryEntry {
  at: Date;
  action: QuarantineStatus;
  by?: string;
  reason?: string;
}

/** A document held back, with who sent it, why and when. */
export interface QuarantineRecord {
  _id: string;
  status: QuarantineStatus;
  legalEntityId: string;
  objectType: string;
  /** The connector that sent the document. */
  connectorId: string;
  /** The document as received, stored as-is. */
  document: unknown;
  /** Why it was held, for a person to read. */
  reason: string;
  correlationId?: string;
  receivedAt: Date;
  updatedAt: Date;
  history: QuarantineHistoryEntry[];
}

/** What `hold` needs. */
export interface HoldInput {
  legalEntityId: string;
  objectType: string;
  connectorId: string;
  document: unknown;
  reason: string;
  correlationId?: string;
}

/** Filters of `list`, combined with AND. */
export interface QuarantineQuery {
  status?: QuarantineStatus;
  legalEntityId?: string;
  objectType?: string;
  connectorId?: string;
  /** 1–200, default 50. */
  limit?: number;
  cursor?: string;
}

/** The quarantine store; build one per process with createQuarantine(db). */
export interface Quarantine {
  ensureIndexes(): Promise<void>;
  /** Keeps `document` with the reason it was refused; returns the held record. */
  hold(input: HoldInput): Promise<QuarantineRecord>;
  /** The record, or NotFoundError. */
  get(id: string): Promise<QuarantineRecord>;
  /** Records newest first, one page at a time. */
  list(query?: QuarantineQuery): Promise<{ items: QuarantineRecord[]; nextCursor?: string }>;
  /** A person decided the document may be applied; the caller applies `document`. Releasing twice changes nothing. */
  release(id: string, options: { by: string; reason?: string }): Promise<QuarantineRecord>;
  /** A person decided the document is not to be applied; `reason` is required. Discarding twice changes nothing. */
  discard(id: string, options: { by: string; reason: string }): Promise<QuarantineRecord>;
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;

function decodeCursor(cursor: string): { receivedAt: Date; id: string } {
  try {
    const [ms, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof ms === 'number' && typeof id === 'string') return { receivedAt: new Date(ms), id };
  } catch {
    // fall through to the error below
  }
  throw new HubError('data', 'invalid cursor', {
    fieldErrors: [{ path: 'cursor', message: 'is not a cursor this API returned' }],
  });
}

/** Builds the quarantine store over `COLLECTIONS.quarantine` of `db`. */
export function createQuarantine(db: Db): Quarantine {
  const collection: Collection<QuarantineRecord> = db.collection<QuarantineRecord>(COLLECTIONS.quarantine);

  const get = async (id: string): Promise<QuarantineRecord> => {
    const doc = await collection.findOne({ _id: id });
    if (!doc) throw new NotFoundError('quarantined document', id);
    return doc;
  };

  const write = createWriteQueue();

  // Queued: a status change is a guarded update, and FerretDB v1 does not isolate concurrent updates.
  const decide = (
    id: string,
    to: 'released' | 'discarded',
    by: string,
    reason: string | undefined,
  ): Promise<QuarantineRecord> =>
    write(async () => {
      const now = new Date();
      const entry: QuarantineHistoryEntry = { at: now, action: to, by };
      if (reason !== undefined) entry.reason = reason;
      const updated = await collection.findOneAndUpdate(
        { _id: id, status: 'held' },
        { $set: { status: to, updatedAt: now }, $push: { history: entry } },
        { returnDocument: 'after' },
      );
      if (updated) return updated;
      const current = await get(id);
      if (current.status === to) return current;
      throw new ConflictError(`quarantined document ${id} is already ${current.status}`, current.status);
    });

  return {
    async ensureIndexes() {
      // One index per command: FerretDB v1 drops the connection when one createIndexes command names
      // several indexes that already exist.
      for (const { key, ...options } of [
        { key: { receivedAt: -1, _id: -1 }, name: 'received_desc' },
        { key: { status: 1, receivedAt: -1 }, name: 'status_received' },
        { key: { legalEntityId: 1, objectType: 1 }, name: 'entity_object' },
      ] as const) {
        await collection.createIndex(key, options);
      }
    },

    async hold(input) {
      const now = new Date();
      const record: QuarantineRecord = {
        _id: `qtn_${randomBytes(12).toString('hex')}`,
        status: 'held',
        legalEntityId: input.legalEntityId,
        objectType: input.objectType,
        connectorId: input.connectorId,
        document: input.document,
        reason: input.reason,
        ...(input.correlationId === undefined ? {} : { correlationId: input.correlationId }),
        receivedAt: now,
        updatedAt: now,
        history: [{ at: now, action: 'held', by: input.connectorId, reason: input.reason }],
      };
      await collection.insertOne(record);
      return record;
    },

    get,

    async list(query = {}) {
      const limit = Math.min(Math.max(Math.trunc(query.limit ?? DEFAULT_LIMIT), 1), MAX_LIMIT);
      const filter: Filter<QuarantineRecord> = {};
      if (query.status !== undefined) filter.status = query.status;
      if (query.legalEntityId !== undefined) filter.legalEntityId = query.legalEntityId;
      if (query.objectType !== undefined) filter.objectType = query.objectType;
      if (query.connectorId !== undefined) filter.connectorId = query.connectorId;
      if (query.cursor !== undefined) {
        const after = decodeCursor(query.cursor);
        filter.$or = [
          { receivedAt: { $lt: after.receivedAt } },
          { receivedAt: after.receivedAt, _id: { $lt: after.id } },
        ];
      }
      const docs = await collection
        .find(filter)
        .sort({ receivedAt: -1, _id: -1 })
        .limit(limit + 1)
        .toArray();
      const items = docs.slice(0, limit);
      const last = items[items.length - 1];
      if (docs.length <= limit || !last) return { items };
      const nextCursor = Buffer.from(JSON.stringify([last.receivedAt.getTime(), last._id])).toString(
        'base64url',
      );
      return { items, nextCursor };
    },

    release: (id, { by, reason }) => decide(id, 'released', by, reason),

    async discard(id, { by, reason }) {
      if (typeof reason !== 'string' || !reason.trim()) {
        throw new HubError('data', 'a reason is required to discard a quarantined document', {
          fieldErrors: [{ path: 'reason', message: 'is required' }],
        });
      }
      return decide(id, 'discarded', by, reason.trim());
    },
  };
}
