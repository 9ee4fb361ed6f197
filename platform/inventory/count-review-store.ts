/**
 * The count reviews over `count_reviews` (`_id` = the count movement's id). A record is inserted once (a redelivered
 * movement or a repeated activity finds it by the unique `_id`), and a decision only ever moves a pending record:
 * the guarded update matches `status: 'pending'`, so two people deciding at once cannot both win. Writes of one
 * process go one at a time (FerretDB v1 does not isolate a read-compare-write, see workflows/ARCHITECTURE.md).
 */
import type { Collection, Db, Filter } from 'mongodb';
import { idCursor, pageById } from '../id-pages';
import { isDuplicateKeyError } from '../mongo';
import { ConflictError, NotFoundError } from '../store-errors';
import { createWriteQueue } from '../write-queue';
import type { CountReview, CountReviewStatus, CountReviewStore } from './count-review-types';

/** The collection of count reviews (not in platform/collections.ts yet: the lead adds it there). */
export const COUNT_REVIEWS_COLLECTION = 'count_reviews';

type Stored = CountReview & { _id: string };

const MAX_LIMIT = 200;
const DEFAULT_LIMIT = 50;
const cursor = idCursor('count:', '/cursor');

const present = ({ _id: _i, ...review }: Stored): CountReview => review;

/** Builds the count review store. */
export function createCountReviewStore(db: Db): CountReviewStore {
  const reviews: Collection<Stored> = db.collection<Stored>(COUNT_REVIEWS_COLLECTION);
  const write = createWriteQueue();

  const find = async (id: string) => {
    const doc = await reviews.findOne({ _id: id });
    return doc ?? undefined;
  };
  const mustFind = async (id: string) => {
    const doc = await find(id);
    if (!doc) throw new NotFoundError('count review', id);
    return present(doc);
  };
  /** Inserts the record unless one of its id exists; answers what is stored. */
  const insertOnce = async (doc: Stored): Promise<{ stored: Stored; inserted: boolean }> => {
    try {
      await reviews.insertOne(doc);
      return { stored: doc, inserted: true };
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      const stored = await find(doc._id);
      if (!stored) throw err;
      return { stored, inserted: false };
    }
  };

  return {
    async ensureIndexes() {
      await reviews.createIndex({ status: 1, legalEntityId: 1 }, { name: 'status_entity' });
    },

    recordDecided: (review, status, note) =>
      write(async () => {
        const doc: Stored = {
          ...review,
          _id: review.id,
          status,
          recordedAt: new Date().toISOString(),
          ...(note ? { note } : {}),
        };
        const { stored, inserted } = await insertOnce(doc);
        if (inserted || stored.erp.externalId || !review.erp.externalId) return present(stored);
        // A redelivery after the ERP answered but before the first record kept it: fill the answer in.
        await reviews.updateOne({ _id: review.id }, { $set: { erp: review.erp } });
        return mustFind(review.id);
      }),

    recordPending: (review) =>
      write(async () => {
        const doc: Stored = {
          ...review,
          _id: review.id,
          status: 'pending',
          recordedAt: new Date().toISOString(),
        };
        return present((await insertOnce(doc)).stored);
      }),

    decide: (id, decision) =>
      write(async () => {
        const { matchedCount } = await reviews.updateOne(
          { _id: id, status: 'pending' },
          {
            $set: {
              status: decision.status,
              decidedBy: decision.by,
              decidedAt: decision.at,
              decisionReason: decision.reason,
              ...(decision.note ? { note: decision.note } : {}),
            },
          },
        );
        const review = await mustFind(id);
        if (matchedCount === 1) return review;
        if (review.status === decision.status && review.decidedBy === decision.by) return review;
        throw new ConflictError(
          `count ${id} is ${review.status}${review.decidedBy ? ` (by ${review.decidedBy})` : ''}; it cannot be ${decision.status}`,
          review.status,
        );
      }),

    markPosted: (id, erp) =>
      write(async () => {
        const { matchedCount } = await reviews.updateOne({ _id: id }, { $set: { erp } });
        if (matchedCount === 0) throw new NotFoundError('count review', id);
        return mustFind(id);
      }),

    async get(id) {
      const doc = await find(id);
      return doc ? present(doc) : undefined;
    },

    async list(filter) {
      const query: Filter<Stored> = {};
      if (filter.status) query.status = filter.status satisfies CountReviewStatus;
      if (filter.legalEntityId) query.legalEntityId = filter.legalEntityId;
      const limit = Math.min(Math.max(1, Math.trunc(filter.limit ?? DEFAULT_LIMIT)), MAX_LIMIT);
      const page = await pageById(
        reviews,
        query,
        { limit, codec: cursor, ...(filter.cursor ? { cursor: filter.cursor } : {}) },
        present,
      );
      return { items: page.items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
    },
  };
}
