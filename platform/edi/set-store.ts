/**
 * One record per transaction set received or sent: its syntax verdict (what the 997 says), what it became (the
 * canonical documents, kept whole so support can read them), the business numbers it carries (PO, order, ASN,
 * invoice, shipment) so it can be found by them, and its own text so a set that did not map can be mapped again
 * after a fix without the rest of its interchange.
 */
import type { Collection, Db, Filter } from 'mongodb';
import type { Delimiters, GroupHeader, InterchangeHeader } from '../../connectors/edi-x12/x12/types';
import type { ReceivedAcknowledgement } from '../../connectors/edi-x12/inbound/context';
import type { SetBusinessKeys } from '../../connectors/edi-x12/x12/read-business-keys';
import type { FieldError } from '../errors';
import { COLLECTIONS } from '../collections';
import { newId } from '../ids';
import { NotFoundError } from '../store-errors';

/** What became of a set. */
export type SetStatus =
  /** mapped and validated; waits for its group's verdict before anything acts on it */
  | 'held'
  /** mapped, validated and published to the flows */
  | 'accepted'
  /** mapped, but the broker did not take it yet */
  | 'unpublished'
  /** a test-indicator interchange: mapped and kept, never given to production flows */
  | 'test'
  /** syntax errors: rejected in the 997, kept */
  | 'rejected'
  /** did not map to canonical documents: kept for a fix and a replay */
  | 'failed'
  /** a 997 that was matched to what we sent */
  | 'acknowledgement'
  /** generated and sent by us */
  | 'sent';

/** The business numbers a set carries; each is searchable. */
export type BusinessKeys = SetBusinessKeys;

/** Names of the searchable business keys. */
export const BUSINESS_KEY_NAMES = [
  'poNumber',
  'orderNumber',
  'asnNumber',
  'invoiceNumber',
  'shipmentNumber',
  'adjustmentNumber',
] as const satisfies readonly (keyof BusinessKeys)[];

/** One syntax error as the 997 reports it (AK3 with its AK4s). */
export interface StoredSegmentError {
  segmentId: string;
  position: number;
  code: string;
  loopId?: string;
  elements: { position: number; component?: number; dataElement?: string; code: string; value?: string }[];
}

/** A stored transaction set. */
export interface SetRecord extends BusinessKeys {
  _id: string;
  interchangeId: string;
  connectorId: string;
  partnerId?: string;
  direction: 'inbound' | 'outbound';
  setId: string;
  controlNumber: string;
  functionalId: string;
  groupControlNumber: string;
  /** The 997 verdict: AK501 A, E or R (outbound: undefined until acknowledged). */
  syntaxStatus?: string;
  syntaxCodes: string[];
  segmentErrors: StoredSegmentError[];
  status: SetStatus;
  /** The canonical documents it became (inbound) or was made from (outbound). */
  documents: { documentType: string; id: string; [field: string]: unknown }[];
  error?: { kind: string; message: string; fieldErrors?: FieldError[] };
  warnings?: FieldError[];
  /** A 997 received: what it acknowledges (matched to what we sent when its group is accepted). */
  acknowledgement?: ReceivedAcknowledgement;
  /** ST … SE as received, with the interchange's own delimiters (undefined past the size limit). */
  text?: string;
  segmentCount: number;
  /** The set's place in its file (1 = first set received), whatever order the records were stored in. */
  sequence?: number;
  /** The envelopes the set came in, so it can be mapped again from `text` alone. */
  envelope?: { interchange: InterchangeHeader; group: GroupHeader; delimiters: Delimiters };
  test: boolean;
  replays: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Filters of a listing; a business key matches exactly. */
export interface SetQuery extends BusinessKeys {
  interchangeId?: string;
  groupControlNumber?: string;
  partnerId?: string;
  setId?: string;
  status?: SetStatus;
  limit?: number;
}

/** The transaction-set store. */
export interface SetStore {
  ensureIndexes(): Promise<void>;
  create(input: Omit<SetRecord, '_id' | 'createdAt' | 'updatedAt' | 'replays'>): Promise<SetRecord>;
  /** Stores many at once (one round trip per 500), e.g. a group's sets once its verdict is known. */
  createMany(inputs: Omit<SetRecord, '_id' | 'createdAt' | 'updatedAt' | 'replays'>[]): Promise<SetRecord[]>;
  get(id: string): Promise<SetRecord>;
  update(
    id: string,
    change: Partial<Omit<SetRecord, '_id' | 'createdAt'>>,
    options?: { replayed?: boolean },
  ): Promise<SetRecord>;
  /** Sets fields of a record the caller already holds (one write; no read), e.g. the outcome of a commit. */
  patch(record: SetRecord, change: Partial<Omit<SetRecord, '_id' | 'createdAt'>>): Promise<SetRecord>;
  /** Oldest first within an interchange, newest first otherwise. */
  list(query?: SetQuery): Promise<SetRecord[]>;
}

/** Builds the store over `COLLECTIONS.ediTransactionSets`. */
export function createSetStore(db: Db): SetStore {
  const collection: Collection<SetRecord> = db.collection<SetRecord>(COLLECTIONS.ediTransactionSets);
  const get = async (id: string) => {
    const found = await collection.findOne({ _id: id });
    if (!found) throw new NotFoundError('transaction set', id);
    return found;
  };
  return {
    async ensureIndexes() {
      await collection.createIndex({ interchangeId: 1, sequence: 1 }, { name: 'interchange_sequence' });
      for (const key of BUSINESS_KEY_NAMES) {
        await collection.createIndex({ [key]: 1 }, { name: `by_${key}` });
      }
    },
    async create(input) {
      const now = new Date();
      const record: SetRecord = {
        ...input,
        _id: newId('set', 20),
        replays: 0,
        createdAt: now,
        updatedAt: now,
      };
      await collection.insertOne(record);
      return record;
    },
    async createMany(inputs) {
      const now = new Date();
      const records = inputs.map((input) => ({
        ...input,
        _id: newId('set', 20),
        replays: 0,
        createdAt: now,
        updatedAt: now,
      }));
      for (let i = 0; i < records.length; i += 500) await collection.insertMany(records.slice(i, i + 500));
      return records;
    },
    get,
    async update(id, change, options = {}) {
      const current = await get(id);
      const next: SetRecord = {
        ...current,
        ...change,
        replays: current.replays + (options.replayed ? 1 : 0),
        updatedAt: new Date(),
      };
      if (change.error === undefined && 'error' in change) delete next.error;
      await collection.replaceOne({ _id: id }, next);
      return next;
    },
    async patch(record, change) {
      const updatedAt = new Date();
      await collection.updateOne({ _id: record._id }, { $set: { ...change, updatedAt } });
      return { ...record, ...change, updatedAt };
    },
    async list(query = {}) {
      const filter: Filter<SetRecord> = {};
      if (query.interchangeId) filter.interchangeId = query.interchangeId;
      if (query.groupControlNumber) filter.groupControlNumber = query.groupControlNumber;
      if (query.partnerId) filter.partnerId = query.partnerId;
      if (query.setId) filter.setId = query.setId;
      if (query.status) filter.status = query.status;
      for (const key of BUSINESS_KEY_NAMES) if (query[key]) filter[key] = query[key];
      const limit = Math.min(Math.max(Math.trunc(query.limit ?? 50), 1), 500);
      if (query.interchangeId) {
        return collection.find(filter).sort({ sequence: 1, _id: 1 }).limit(limit).toArray();
      }
      return collection.find(filter).sort({ createdAt: -1, _id: -1 }).limit(limit).toArray();
    },
  };
}
