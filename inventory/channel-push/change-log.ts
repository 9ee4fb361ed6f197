/**
 * The log of noted changes per channel: one immutable document per (channel, SKU, location, seq), inserted by
 * noteChange on any replica and removed by the channel's pusher once the channel has a figure at least that new.
 * Coalescing is reading it: of all the changes of a key, only the highest seq is pushed.
 */
import type { Collection, Db } from 'mongodb';
import { isDuplicateKeyError } from '../../platform/mongo';
import { withDbRetry } from './db-retry';
import { CHANNEL_COLLECTIONS } from './types';
import type { AvailabilityChange, ChangeDocument } from './types';

/** The id of a (channel, SKU, location) key. */
export function keyId(connectorId: string, sku: string, locationId: string): string {
  return JSON.stringify([connectorId, sku, locationId]);
}

/** The pending changes of one key, as the pusher read them. */
export interface PendingKey {
  key: string;
  /** The change with the highest seq read. */
  latest: ChangeDocument;
  /** When its oldest pending change was noted. */
  since: number;
  /** Every change read (removed once the key is settled). */
  ids: string[];
}

/** The change log over `db`. */
export function createChangeLog(db: Db) {
  const changes: Collection<ChangeDocument> = db.collection<ChangeDocument>(CHANNEL_COLLECTIONS.changes);
  // One delete by id each, in one command: FerretDB reads the whole collection for `{ _id: { $in } }`.
  const deleteByIds = (ids: string[]) =>
    changes.bulkWrite(
      ids.map((_id) => ({ deleteOne: { filter: { _id } } })),
      { ordered: false },
    );
  return {
    async ensureIndexes(): Promise<void> {
      await changes.createIndex({ connectorId: 1, notedAt: 1 }, { name: 'connector_noted' });
    },

    /** Logs the change for one channel; 'duplicate' when this seq of the key was logged already. */
    async note(
      connectorId: string,
      change: AvailabilityChange,
      eventAt: Date,
    ): Promise<'noted' | 'duplicate'> {
      const key = keyId(connectorId, change.sku, change.locationId);
      try {
        await withDbRetry(() =>
          changes.insertOne({
            _id: `${key}#${change.seq}`,
            connectorId,
            key,
            sku: change.sku,
            locationId: change.locationId,
            available: change.available,
            seq: change.seq,
            eventAt,
            notedAt: new Date(),
          }),
        );
        return 'noted';
      } catch (err) {
        if (isDuplicateKeyError(err)) return 'duplicate';
        throw err;
      }
    },

    /** The pending changes of a channel grouped by key, oldest key first (at most `scanLimit` changes read). */
    async pending(connectorId: string, scanLimit: number): Promise<PendingKey[]> {
      const docs = await changes.find({ connectorId }, { sort: { notedAt: 1 }, limit: scanLimit }).toArray();
      const byKey = new Map<string, PendingKey>();
      for (const doc of docs) {
        const found = byKey.get(doc.key);
        if (!found)
          byKey.set(doc.key, { key: doc.key, latest: doc, since: doc.notedAt.getTime(), ids: [doc._id] });
        else {
          found.ids.push(doc._id);
          if (doc.seq > found.latest.seq) found.latest = doc;
        }
      }
      return [...byKey.values()];
    },

    /**
     * Removes every change read that a newer one of its key supersedes (only the latest is ever pushed), so the
     * log of a paused or backing-off channel holds about one change per key, not one per movement.
     */
    async compact(pending: PendingKey[]): Promise<void> {
      const superseded = pending.flatMap((p) => p.ids.filter((id) => id !== p.latest._id));
      if (superseded.length) await withDbRetry(() => deleteByIds(superseded));
      for (const p of pending) p.ids = [p.latest._id];
    },

    /** Removes changes that are settled (pushed, refused or not sold); the ones noted since stay. */
    async remove(ids: string[]): Promise<void> {
      if (ids.length) await withDbRetry(() => deleteByIds(ids));
    },

    /** How many keys have pending changes, per channel. */
    async waitingByConnector(): Promise<{ connectorId: string; count: number }[]> {
      const docs = await changes.find({}, { projection: { connectorId: 1, key: 1 } }).toArray();
      const keys = new Map<string, Set<string>>();
      for (const d of docs) {
        const set = keys.get(d.connectorId) ?? new Set<string>();
        set.add(d.key);
        keys.set(d.connectorId, set);
      }
      return [...keys].map(([connectorId, set]) => ({ connectorId, count: set.size }));
    },
  };
}

/** The change log's type. */
export type ChangeLog = ReturnType<typeof createChangeLog>;
