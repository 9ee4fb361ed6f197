/**
 * PO numbers (`4500000001`, `4500000002`, …), handed out by unique inserts only, so it holds across processes on
 * FerretDB v1 as on MongoDB. A number is taken by inserting `{ _id: <number>, proposalId }` into the number
 * collection: only one proposal can hold a number. The proposal then claims it by inserting `{ _id: proposalId,
 * poNumber }`: only one number per proposal. A proposal asking again finds its claim; two asking at once for the
 * same proposal may each take a number, but only one claim wins and both answer it (the other number is a gap).
 */
import type { Collection, Db } from 'mongodb';
import { COLLECTIONS } from '../collections';
import { HubError } from '../errors';
import { isDuplicateKeyError } from '../mongo';
import type { PoNumberAllocator } from './store-types';

/** The first PO number handed out; every number has this many digits. */
export const FIRST_PO_NUMBER = 4_500_000_001;
const LAST_PO_NUMBER = 9_999_999_999;

interface NumberDocument {
  _id: string;
  proposalId: string;
  legalEntityId: string;
  takenAt: string;
}

interface ClaimDocument {
  _id: string;
  poNumber: string;
  legalEntityId: string;
  claimedAt: string;
}

/** Rounds of "someone took that number first" before the contention is reported. */
const MAX_ROUNDS = 100;

/** Builds the allocator over `COLLECTIONS.poNumbers` and `COLLECTIONS.poNumberClaims`. */
export function createPoNumberAllocator(db: Db): PoNumberAllocator {
  const numbers: Collection<NumberDocument> = db.collection<NumberDocument>(COLLECTIONS.poNumbers);
  const claims: Collection<ClaimDocument> = db.collection<ClaimDocument>(COLLECTIONS.poNumberClaims);

  /** The number after the highest taken (all numbers have ten digits, so they sort as strings). */
  const following = async (): Promise<string> => {
    const [top] = await numbers.find({}).sort({ _id: -1 }).limit(1).toArray();
    const next = top ? Number(top._id) + 1 : FIRST_PO_NUMBER;
    if (next > LAST_PO_NUMBER) throw new HubError('config', 'PO numbers are used up');
    return String(next);
  };

  /** A number this proposal holds (taken before a crash, or by a concurrent call), else a new one. */
  const take = async (proposalId: string, legalEntityId: string): Promise<string> => {
    const held = await numbers.findOne({ proposalId }, { sort: { _id: 1 } });
    if (held) return held._id;
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const candidate = await following();
      try {
        await numbers.insertOne({
          _id: candidate,
          proposalId,
          legalEntityId,
          takenAt: new Date().toISOString(),
        });
        return candidate;
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
    }
    throw new HubError('transient', `no free PO number found for ${proposalId}: too many at once`);
  };

  return {
    async ensureIndexes() {
      await numbers.createIndex({ proposalId: 1 }, { name: 'proposal' });
    },

    async next(proposalId, legalEntityId) {
      const claimed = await claims.findOne({ _id: proposalId });
      if (claimed) return claimed.poNumber;
      const poNumber = await take(proposalId, legalEntityId);
      try {
        await claims.insertOne({
          _id: proposalId,
          poNumber,
          legalEntityId,
          claimedAt: new Date().toISOString(),
        });
        return poNumber;
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
      const winner = await claims.findOne({ _id: proposalId });
      if (!winner) throw new HubError('transient', `the PO number claim of ${proposalId} vanished`);
      return winner.poNumber;
    },
  };
}
