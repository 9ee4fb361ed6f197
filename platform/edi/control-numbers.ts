/**
 * Outbound control numbers (ISA13, GS06, ST02) per trading partner and level. A reservation is a block of numbers
 * inserted as one document whose (partner, level, epoch, start) is unique: a block always starts right after the
 * highest block seen, so two writers that read the same state compute the same start and the unique index lets
 * exactly one of them have it. Nothing is ever updated in place (FerretDB v1 has no atomic read-modify-write), and
 * a number once reserved is never handed out again — not after a crash, not on another replica.
 */
import type { Collection, Db } from 'mongodb';
import { COLLECTIONS } from '../collections';
import { isDuplicateKeyError } from '../mongo';

/** The envelope level a number is for; each has its own sequence per partner. */
export type ControlLevel = 'interchange' | 'group' | 'set';

/** The largest number each level can carry: ISA13 is N0 9, GS06 N0 1-9, ST02 AN 4-9 (we send digits). */
export const MAX_CONTROL_NUMBER: Readonly<Record<ControlLevel, number>> = {
  interchange: 999_999_999,
  group: 999_999_999,
  set: 999_999_999,
};

/** One reserved block of numbers. */
interface ControlBlock {
  _id: string;
  partnerId: string;
  level: ControlLevel;
  /** Wraps after MAX_CONTROL_NUMBER: numbers restart at 1 in the next epoch. */
  epoch: number;
  start: number;
  end: number;
  reservedAt: Date;
}

/** Reserves control numbers that are never reused. */
export interface ControlNumbers {
  ensureIndexes(): Promise<void>;
  /** `count` consecutive numbers for the partner's level, e.g. [1043, 1044, 1045]. */
  reserve(partnerId: string, level: ControlLevel, count?: number): Promise<number[]>;
  /** The highest number reserved so far, 0 when none. */
  last(partnerId: string, level: ControlLevel): Promise<number>;
}

const MAX_ATTEMPTS = 50;

/** Builds the control-number store over `COLLECTIONS.ediControlNumbers`. */
export function createControlNumbers(db: Db): ControlNumbers {
  const blocks: Collection<ControlBlock> = db.collection<ControlBlock>(COLLECTIONS.ediControlNumbers);
  const latest = (partnerId: string, level: ControlLevel) =>
    blocks.find({ partnerId, level }).sort({ epoch: -1, start: -1 }).limit(1).next();
  return {
    async ensureIndexes() {
      await blocks.createIndex(
        { partnerId: 1, level: 1, epoch: 1, start: 1 },
        { name: 'partner_level_block', unique: true },
      );
    },
    async reserve(partnerId, level, count = 1) {
      if (!Number.isInteger(count) || count < 1 || count > 100_000) {
        throw new RangeError(`cannot reserve ${count} control numbers at once`);
      }
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const top = await latest(partnerId, level);
        let epoch = top?.epoch ?? 0;
        let start = (top?.end ?? 0) + 1;
        if (start + count - 1 > MAX_CONTROL_NUMBER[level]) {
          epoch += 1;
          start = 1;
        }
        const end = start + count - 1;
        try {
          await blocks.insertOne({
            _id: `${partnerId}:${level}:${epoch}:${start}`,
            partnerId,
            level,
            epoch,
            start,
            end,
            reservedAt: new Date(),
          });
          return Array.from({ length: count }, (_, i) => start + i);
        } catch (err) {
          if (!isDuplicateKeyError(err)) throw err;
        }
      }
      throw new Error(`could not reserve ${level} control numbers for ${partnerId}: too much contention`);
    },
    async last(partnerId, level) {
      return (await latest(partnerId, level))?.end ?? 0;
    },
  };
}
