/**
 * Which proposal each demand signal went into, by unique insert (`_id` = signalId): the first proposal to claim a
 * signal owns it for good, so a signal is bought for once even when two proposals race for it, and a retried claim
 * answers the same ids again.
 */
import type { Collection, Db } from 'mongodb';
import { COLLECTIONS } from '../collections';
import { isDuplicateKeyError } from '../mongo';
import type { SignalClaims } from './store-types';

interface SignalClaimDocument {
  _id: string;
  proposalId: string;
  claimedAt: string;
}

/** True when a bulk insert failed only because some ids were taken already. */
function onlyDuplicates(err: unknown): boolean {
  if (isDuplicateKeyError(err)) return true;
  const writeErrors = (err as { writeErrors?: unknown } | null)?.writeErrors;
  const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  return list.length > 0 && list.every((e) => isDuplicateKeyError(e));
}

/** Builds the signal claims over `COLLECTIONS.replenishmentSignalClaims`. */
export function createSignalClaims(db: Db): SignalClaims {
  const claims: Collection<SignalClaimDocument> = db.collection<SignalClaimDocument>(
    COLLECTIONS.replenishmentSignalClaims,
  );
  return {
    async ensureIndexes() {
      await claims.createIndex({ proposalId: 1 }, { name: 'proposal' });
    },

    async claim(proposalId, signalIds) {
      const ids = [...new Set(signalIds)];
      if (!ids.length) return [];
      const claimedAt = new Date().toISOString();
      try {
        await claims.insertMany(
          ids.map((_id) => ({ _id, proposalId, claimedAt })),
          { ordered: false },
        );
        return ids;
      } catch (err) {
        if (!onlyDuplicates(err)) throw err;
      }
      // A server may stop a bulk insert at its first duplicate: claim whatever is still unclaimed one by one.
      const taken = new Set(
        (await claims.find({ _id: { $in: ids } }, { projection: { _id: 1 } }).toArray()).map((d) => d._id),
      );
      for (const _id of ids.filter((id) => !taken.has(id))) {
        try {
          await claims.insertOne({ _id, proposalId, claimedAt });
        } catch (err) {
          if (!isDuplicateKeyError(err)) throw err;
        }
      }
      const owned = await claims
        .find({ _id: { $in: ids }, proposalId }, { projection: { _id: 1 } })
        .toArray();
      const mine = new Set(owned.map((d) => d._id));
      return ids.filter((id) => mine.has(id));
    },
  };
}
