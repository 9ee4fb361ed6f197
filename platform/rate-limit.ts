import type { Db } from 'mongodb';
import { COLLECTIONS } from './collections';
import { isDuplicateKeyError } from './mongo';

/** The verdict for one request. */
export interface RateLimitResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  retryAfterSeconds: number;
}

interface WindowDocument {
  _id: string;
  count: number;
  windowStart: number;
}

/**
 * A fixed-window limiter per key, counted in the database so every API replica shares one budget. Old windows are
 * deleted as new ones open (FerretDB has no TTL indexes).
 */
export function createRateLimiter(db: Db, options: { limit: number; windowMs?: number }) {
  const windows = db.collection<WindowDocument>(COLLECTIONS.rateLimits);
  const windowMs = options.windowMs ?? 60_000;
  let lastSweep = 0;

  return {
    /** Counts one request for `key` and says whether it is within the limit. */
    async hit(key: string, now = Date.now()): Promise<RateLimitResult> {
      const windowStart = now - (now % windowMs);
      const bump = () =>
        windows.findOneAndUpdate(
          { _id: `${key}@${windowStart}` },
          { $inc: { count: 1 }, $setOnInsert: { windowStart } },
          { upsert: true, returnDocument: 'after' },
        );
      // Two replicas opening the same window at once can both try the insert; the loser retries as an update.
      const doc = await bump().catch((err: unknown) => {
        if (isDuplicateKeyError(err)) return bump();
        throw err;
      });
      if (now - lastSweep > windowMs) {
        lastSweep = now;
        void windows.deleteMany({ windowStart: { $lt: windowStart - windowMs } }).catch(() => {});
      }
      const count = doc?.count ?? 1;
      return {
        allowed: count <= options.limit,
        limit: options.limit,
        remaining: Math.max(0, options.limit - count),
        retryAfterSeconds: Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000)),
      };
    },
  };
}

/** The rate limiter's interface. */
export type RateLimiter = ReturnType<typeof createRateLimiter>;
