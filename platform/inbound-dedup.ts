/**
 * Inbound de-duplication: the first delivery of a document version claims it; every later delivery of the same
 * (source, external id, version) is a duplicate and must not cause a second effect. A unique index decides, so
 * concurrent deliveries on several workers still produce exactly one 'new'.
 */
import type { Db, ObjectId } from 'mongodb';
import { COLLECTIONS } from './collections';
import { createWriteQueue } from './write-queue';
import { isDuplicateKeyError } from './mongo';

/** Identifies one version of one inbound document from one source. */
export interface InboundKey {
  sourceConnectorId: string;
  externalId: string;
  /** The document's version at the source (a revision number, an ETag, a modification time); compared as text. */
  version: string | number;
}

/** The stored claim. */
export interface InboundClaim {
  sourceConnectorId: string;
  externalId: string;
  version: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  /** Deliveries seen so far, the first included. */
  deliveries: number;
}

/** What `claim` answers: process it ('new') or skip it ('duplicate'). */
export type ClaimResult = 'new' | 'duplicate';

/** The de-duplication store; build one per process with createInboundDedup(db). */
export interface InboundDedup {
  /** Creates the unique index (idempotent); call at start-up. */
  ensureIndexes(): Promise<void>;
  /** 'new' for the first delivery of this key, 'duplicate' for every later one (which is counted). */
  claim(key: InboundKey): Promise<ClaimResult>;
  /**
   * Gives a claim back after its effect failed, so the redelivery is processed instead of skipped. Call it from
   * the handler's failure path; a process that dies between claim and effect leaves the claim in place.
   */
  release(key: InboundKey): Promise<void>;
  /** The stored claim, for support and tests. */
  get(key: InboundKey): Promise<InboundClaim | null>;
}

const keyFilter = (key: InboundKey) => ({
  sourceConnectorId: key.sourceConnectorId,
  externalId: key.externalId,
  version: String(key.version),
});

/** A claim's id: its key as one string, so every read and write finds it by id (FerretDB scans otherwise). */
export const claimId = (key: InboundKey) =>
  JSON.stringify([key.sourceConnectorId, key.externalId, String(key.version)]);

/**
 * Builds the inbound de-duplication store over `COLLECTIONS.inboundDedup` of `db`. Claims stored before claims
 * were keyed by id still decide (the unique index refuses their second delivery); only their bookkeeping falls
 * back to a search by fields.
 */
export function createInboundDedup(db: Db): InboundDedup {
  const collection = db.collection<InboundClaim & { _id: string | ObjectId }>(COLLECTIONS.inboundDedup);
  // Only the duplicate bookkeeping is queued (FerretDB v1 loses concurrent $inc); the claim itself is an insert,
  // which the unique index decides atomically on every server.
  const countDuplicate = createWriteQueue();
  return {
    async ensureIndexes() {
      await collection.createIndex(
        { sourceConnectorId: 1, externalId: 1, version: 1 },
        { name: 'inbound_key_unique', unique: true },
      );
    },

    async claim(key) {
      const now = new Date();
      const _id = claimId(key);
      try {
        await collection.insertOne({
          _id,
          ...keyFilter(key),
          firstSeenAt: now,
          lastSeenAt: now,
          deliveries: 1,
        });
        return 'new';
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
      await countDuplicate(async () => {
        const update = { $set: { lastSeenAt: now }, $inc: { deliveries: 1 } };
        const { matchedCount } = await collection.updateOne({ _id }, update);
        if (matchedCount === 0) await collection.updateOne(keyFilter(key), update);
      });
      return 'duplicate';
    },

    async release(key) {
      const { deletedCount } = await collection.deleteOne({ _id: claimId(key) });
      if (deletedCount === 0) await collection.deleteOne(keyFilter(key));
    },

    async get(key) {
      const projection = { _id: 0 };
      return (
        (await collection.findOne({ _id: claimId(key) }, { projection })) ??
        (await collection.findOne(keyFilter(key), { projection }))
      );
    },
  };
}
