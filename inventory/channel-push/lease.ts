/**
 * The lease that makes one pusher at a time push to a channel (so one replica pushes a given key at a time, in
 * seq order). Terms are documents under `<connectorId>#<term>`: taking a free or run-out channel inserts the next
 * term, and the unique _id lets only one of several replicas win it. The holder renews its own term each round and
 * stops sending before its lease can run out, so a slow old holder cannot land a figure after the next holder's.
 */
import type { Collection, Db } from 'mongodb';
import { isDuplicateKeyError } from '../../platform/mongo';
import { withDbRetry } from './db-retry';
import { CHANNEL_COLLECTIONS } from './types';
import type { LeaseDocument } from './types';

/** A held lease: the term and until when it is ours. */
export interface HeldLease {
  id: string;
  connectorId: string;
  until: number;
}

/** The lease store over `db`, for the pusher `holder`. */
export function createLeases(db: Db, holder: string, leaseMs: number) {
  const leases: Collection<LeaseDocument> = db.collection<LeaseDocument>(CHANNEL_COLLECTIONS.leases);
  // A renewal is only trusted with this much of the lease left: room for clock skew between replicas.
  const marginMs = Math.min(5_000, Math.floor(leaseMs / 4));

  return {
    marginMs,

    /** Renews our lease of the channel, or takes it when it is free; undefined while another pusher holds it. */
    async acquire(connectorId: string): Promise<HeldLease | undefined> {
      const now = Date.now();
      const [current] = await withDbRetry(() =>
        leases.find({ connectorId }, { sort: { term: -1 }, limit: 1 }).toArray(),
      );
      const live = current && !current.releasedAt && current.leaseUntil.getTime() > now;
      const until = now + leaseMs;
      if (live && current.holder === holder && current.leaseUntil.getTime() - now > marginMs) {
        await withDbRetry(() =>
          leases.updateOne({ _id: current._id }, { $set: { leaseUntil: new Date(until) } }),
        );
        return { id: current._id, connectorId, until };
      }
      if (live) return undefined;
      const term = (current?.term ?? 0) + 1;
      const id = `${connectorId}#${term}`;
      try {
        await withDbRetry(() =>
          leases.insertOne({ _id: id, connectorId, term, holder, leaseUntil: new Date(until) }),
        );
      } catch (err) {
        if (isDuplicateKeyError(err)) return undefined;
        throw err;
      }
      await withDbRetry(() => leases.deleteMany({ connectorId, term: { $lt: term - 1 } }));
      return { id, connectorId, until };
    },

    /** Gives the channel up (on stop), so another replica takes it at once. */
    async release(lease: HeldLease): Promise<void> {
      await withDbRetry(() => leases.updateOne({ _id: lease.id }, { $set: { releasedAt: new Date() } }));
    },
  };
}

/** The lease store's type. */
export type Leases = ReturnType<typeof createLeases>;
