/**
 * Inbound events: every verified webhook the hub accepted, kept with its exact body, what it became (canonical
 * events) or why it could not be read. Nothing a system sent is lost: a delivery that fails to map stays here as
 * `failed` with the vendor field named, and support can replay it once the cause is fixed.
 */
import { randomBytes } from 'node:crypto';
import type { Collection, Db, Filter } from 'mongodb';
import { COLLECTIONS } from './collections';
import { NotFoundError } from './store-errors';
import type { FieldError } from './errors';

/** accepted — mapped and published; unpublished — mapped, the broker did not take it yet; failed — did not map. */
export type InboundEventStatus = 'accepted' | 'unpublished' | 'failed';

/** One canonical event a delivery became. */
export interface InboundCanonicalEvent {
  event: string;
  documentType: string;
  documentId: string;
}

/** One stored webhook delivery. */
export interface InboundEventRecord {
  _id: string;
  connectorId: string;
  connectorType: string;
  deliveryId: string;
  topic: string;
  status: InboundEventStatus;
  /** The body exactly as received (text keeps large integers exact). */
  rawBody: string;
  /**
   * The request headers (lower-case names), credentials and cookies removed, so a replay can read the delivery
   * again; kept as a list because a header name may contain "." (not a safe document key), and as objects
   * because FerretDB v1 stores no nested arrays.
   */
  headers: { name: string; value: string }[];
  events: InboundCanonicalEvent[];
  error?: { kind: string; message: string; fieldErrors?: FieldError[] };
  correlationId?: string;
  receivedAt: Date;
  updatedAt: Date;
  /** Replays so far. */
  replays: number;
}

/** What a caller may filter a listing by. */
export interface InboundEventQuery {
  connectorId?: string;
  status?: InboundEventStatus;
  limit?: number;
}

/** The store of inbound deliveries. */
export interface InboundEvents {
  ensureIndexes(): Promise<void>;
  record(
    input: Omit<InboundEventRecord, '_id' | 'receivedAt' | 'updatedAt' | 'replays'>,
  ): Promise<InboundEventRecord>;
  get(id: string): Promise<InboundEventRecord>;
  /** Newest first. */
  list(query?: InboundEventQuery): Promise<InboundEventRecord[]>;
  /** Records the outcome of a replay or a late publish. */
  update(
    id: string,
    change: Pick<InboundEventRecord, 'status' | 'events'> & { error?: InboundEventRecord['error'] },
    options?: { replayed?: boolean },
  ): Promise<InboundEventRecord>;
}

/** Builds the store over `COLLECTIONS.inboundEvents`. */
export function createInboundEvents(db: Db): InboundEvents {
  const collection: Collection<InboundEventRecord> = db.collection<InboundEventRecord>(
    COLLECTIONS.inboundEvents,
  );
  const get = async (id: string) => {
    const found = await collection.findOne({ _id: id });
    if (!found) throw new NotFoundError('inbound event', id);
    return found;
  };
  return {
    async ensureIndexes() {
      await collection.createIndex({ receivedAt: -1 }, { name: 'received_desc' });
      await collection.createIndex({ connectorId: 1, status: 1 }, { name: 'connector_status' });
    },
    async record(input) {
      const now = new Date();
      const record: InboundEventRecord = {
        _id: `evt_${randomBytes(12).toString('hex')}`,
        ...input,
        receivedAt: now,
        updatedAt: now,
        replays: 0,
      };
      if (record.error === undefined) delete record.error;
      await collection.insertOne(record);
      return record;
    },
    get,
    async list(query = {}) {
      const filter: Filter<InboundEventRecord> = {};
      if (query.connectorId !== undefined) filter.connectorId = query.connectorId;
      if (query.status !== undefined) filter.status = query.status;
      const limit = Math.min(Math.max(Math.trunc(query.limit ?? 50), 1), 200);
      return collection.find(filter).sort({ receivedAt: -1, _id: -1 }).limit(limit).toArray();
    },
    async update(id, change, options = {}) {
      const current = await get(id);
      const next: InboundEventRecord = {
        ...current,
        status: change.status,
        events: change.events,
        updatedAt: new Date(),
        replays: current.replays + (options.replayed ? 1 : 0),
      };
      if (change.error === undefined) delete next.error;
      else next.error = change.error;
      await collection.replaceOne({ _id: id }, next);
      return next;
    },
  };
}
