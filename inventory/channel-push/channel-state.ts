/**
 * Back-off per commerce connector, in the database so every replica honours it: a 429 blocks the connector for
 * its Retry-After, a 5xx (or a refusal a person must fix) for an exponentially growing wait; a push that succeeds
 * clears it.
 */
import type { Collection, Db } from 'mongodb';
import { withDbRetry } from './db-retry';
import { CHANNEL_COLLECTIONS } from './types';
import type { ChannelStateDocument } from './types';

/** The channel-state store over `db`. */
export function createChannelStateStore(db: Db) {
  const states: Collection<ChannelStateDocument> = db.collection<ChannelStateDocument>(
    CHANNEL_COLLECTIONS.channels,
  );
  return {
    /** Every connector's state (a handful of documents). */
    async all(): Promise<Map<string, ChannelStateDocument>> {
      return new Map((await states.find({}).toArray()).map((s) => [s._id, s]));
    },

    /** Blocks the connector until at least `until` and counts the failure. */
    async block(connectorId: string, until: Date, reason: string): Promise<void> {
      await withDbRetry(() =>
        states.updateOne(
          { _id: connectorId },
          {
            $max: { blockedUntil: until },
            $inc: { failures: 1 },
            $set: { lastError: reason.slice(0, 500), updatedAt: new Date() },
          },
          { upsert: true },
        ),
      );
    },

    /** Notes when a pusher first saw the connector (kept on later calls). */
    async seen(connectorId: string, at: Date): Promise<void> {
      await withDbRetry(() =>
        states.updateOne(
          { _id: connectorId },
          {
            $setOnInsert: { blockedUntil: new Date(0), failures: 0 },
            $min: { firstSeenAt: at },
            $set: { updatedAt: new Date() },
          },
          { upsert: true },
        ),
      );
    },

    /** Notes that the connector was given every position at its locations. */
    async synced(connectorId: string): Promise<void> {
      await withDbRetry(() =>
        states.updateOne({ _id: connectorId }, { $set: { syncedAt: new Date(), updatedAt: new Date() } }),
      );
    },

    /** Clears the failure count after a push went through. */
    async clear(connectorId: string): Promise<void> {
      await withDbRetry(() =>
        states.updateOne(
          { _id: connectorId, failures: { $gt: 0 } },
          { $set: { failures: 0, updatedAt: new Date() }, $unset: { lastError: '' } },
        ),
      );
    },
  };
}

/** The channel-state store's type. */
export type ChannelStateStore = ReturnType<typeof createChannelStateStore>;
