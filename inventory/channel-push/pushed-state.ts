/**
 * What each channel has of each key (the last seq pushed, or refused), written only by the channel's lease holder;
 * the guard that keeps a late, older change from ever being pushed after a newer one.
 */
import type { Collection, Db } from 'mongodb';
import { withDbRetry } from './db-retry';
import { CHANNEL_COLLECTIONS } from './types';
import type { ChangeDocument, ChannelKeyDocument } from './types';

/** The pushed-state store over `db`. */
export function createPushedState(db: Db) {
  const keys: Collection<ChannelKeyDocument> = db.collection<ChannelKeyDocument>(CHANNEL_COLLECTIONS.keys);
  const write = (change: ChangeDocument, set: Partial<ChannelKeyDocument>) =>
    withDbRetry(() =>
      keys.updateOne(
        { _id: change.key },
        {
          $set: {
            connectorId: change.connectorId,
            sku: change.sku,
            locationId: change.locationId,
            ...set,
            updatedAt: new Date(),
          },
        },
        { upsert: true },
      ),
    );
  return {
    /** The documents of `ids` that exist, by id. */
    async get(ids: string[]): Promise<Map<string, ChannelKeyDocument>> {
      if (!ids.length) return new Map();
      const docs = await withDbRetry(() => keys.find({ _id: { $in: ids } }).toArray());
      return new Map(docs.map((d) => [d._id, d]));
    },

    /** The channel now has the figure of `change`, in whole units `available`. */
    async pushed(change: ChangeDocument, available: string): Promise<void> {
      await write(change, {
        pushedSeq: change.seq,
        pushedAvailable: available,
        pushedAt: new Date(),
        pushedEventAt: change.eventAt,
      });
    },

    /** The channel refused the figure of `change`: only a newer change of the key is tried again. */
    async parked(change: ChangeDocument): Promise<void> {
      await write(change, { parkedSeq: change.seq });
    },
  };
}

/** The pushed-state store's type. */
export type PushedState = ReturnType<typeof createPushedState>;

/** The highest seq the channel has been given or has refused for the key; older changes are never pushed. */
export function settledSeq(doc: ChannelKeyDocument | undefined): number {
  return Math.max(doc?.pushedSeq ?? -1, doc?.parkedSeq ?? -1);
}
