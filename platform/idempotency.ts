import { createHash } from 'node:crypto';
import type { Db } from 'mongodb';
import { COLLECTIONS } from './collections';
import { isDuplicateKeyError } from './mongo';

/** A response remembered for an Idempotency-Key. */
export interface StoredResponse {
  status: number;
  body: unknown;
  location?: string;
}

interface IdempotencyDocument {
  _id: string;
  requestHash: string;
  state: 'in-progress' | 'done';
  response: StoredResponse | null;
  createdAt: string;
  completedAt: string | null;
}

/** What to do with a request that carries an Idempotency-Key. */
export type IdempotencyClaim =
  | { outcome: 'proceed' }
  | { outcome: 'replay'; response: StoredResponse }
  | { outcome: 'mismatch' }
  | { outcome: 'in-progress' };

/** Hash of what makes two requests "the same": method, path and body (key order ignored). */
export function requestHash(method: string, path: string, body: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify([method.toUpperCase(), path, canonical(body ?? null)]))
    .digest('hex');
}

/** How long an in-progress claim blocks retries before a crashed request's key may be taken over. */
const STALE_CLAIM_MS = 5 * 60_000;

/** Idempotency records keyed by caller and Idempotency-Key; the unique _id makes the first request win. */
export function createIdempotencyStore(db: Db) {
  const records = db.collection<IdempotencyDocument>(COLLECTIONS.idempotencyKeys);
  return {
    /** Claims `key` for a request with `hash`, or says how to answer a repeat. */
    async claim(key: string, hash: string): Promise<IdempotencyClaim> {
      try {
        await records.insertOne({
          _id: key,
          requestHash: hash,
          state: 'in-progress',
          response: null,
          createdAt: new Date().toISOString(),
          completedAt: null,
        });
        return { outcome: 'proceed' };
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
      const existing = await records.findOne({ _id: key });
      if (!existing) return this.claim(key, hash);
      if (existing.requestHash !== hash) return { outcome: 'mismatch' };
      if (existing.state === 'done' && existing.response)
        return { outcome: 'replay', response: existing.response };
      if (Date.now() - Date.parse(existing.createdAt) > STALE_CLAIM_MS) {
        const taken = await records.updateOne(
          { _id: key, state: 'in-progress', createdAt: existing.createdAt },
          { $set: { createdAt: new Date().toISOString() } },
        );
        if (taken.modifiedCount === 1) return { outcome: 'proceed' };
      }
      return { outcome: 'in-progress' };
    },
    /** Remembers the response so repeats get it. */
    async complete(key: string, response: StoredResponse): Promise<void> {
      await records.updateOne(
        { _id: key },
        { $set: { state: 'done', response, completedAt: new Date().toISOString() } },
      );
    },
    /** Forgets a claim whose request failed on the server side, so a retry runs again. */
    async release(key: string): Promise<void> {
      await records.deleteOne({ _id: key, state: 'in-progress' });
    },
  };
}

/** The idempotency store's interface. */
export type IdempotencyStore = ReturnType<typeof createIdempotencyStore>;
