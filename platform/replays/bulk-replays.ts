/**
 * Bulk replays of dead letters. Creating one fixes the set of records a filter matched at that moment (so the
 * preview and the run agree, and records failing later are not swept in); a workflow then replays them in batches
 * and each batch's outcome is stored under its number, so a retried batch overwrites its own entry instead of
 * counting twice. Progress is the batches done plus what became of each record (replaying, resolved, failed
 * again), read live from the dead-letter store.
 */
import { randomBytes } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import { COLLECTIONS } from '../collections';
import type { DeadLetter, DeadLetterQuery, DeadLetterStatus, DeadLetterStore } from '../dead-letters';
import { NotFoundError } from '../store-errors';

/** Records replayed per batch (one activity each). */
export const BULK_REPLAY_BATCH = 50;
/** Most records one bulk replay takes; a larger backlog is replayed in several (narrower filters or pages). */
export const BULK_REPLAY_MAX = 5_000;

/** The filter a bulk replay chose its records by (always among the open ones). */
export type BulkReplayFilter = Omit<DeadLetterQuery, 'status' | 'limit' | 'cursor'>;

/** A record a batch did not replay, and why. */
export interface BulkReplaySkip {
  deadLetterId: string;
  reason: string;
}

/** One batch's outcome. */
export interface BulkReplayBatch {
  requested: number;
  skipped: BulkReplaySkip[];
  at: Date;
}

/** A stored bulk replay. */
export interface BulkReplay {
  _id: string;
  status: 'running' | 'completed';
  filter: BulkReplayFilter;
  reason?: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  deadLetterIds: string[];
  batches: Record<string, BulkReplayBatch>;
}

/** What a person sees of a bulk replay while it runs and after. */
export interface BulkReplayProgress {
  id: string;
  status: BulkReplay['status'];
  filter: BulkReplayFilter;
  reason?: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  total: number;
  batches: { total: number; done: number };
  /** Replays asked for (the parked workflow was signalled). */
  requested: number;
  skipped: number;
  /** The first skipped records with the reason. */
  skippedSample: BulkReplaySkip[];
  /** What became of the records so far, by their current dead-letter status. */
  outcome: Partial<Record<DeadLetterStatus, number>>;
}

/** The bulk-replay store. */
export interface BulkReplayStore {
  create(input: {
    filter: BulkReplayFilter;
    reason?: string;
    createdBy: string;
    ids: string[];
  }): Promise<BulkReplay>;
  get(id: string): Promise<BulkReplay>;
  /** Stores one batch's outcome (again on a retry: it replaces the earlier one). */
  recordBatch(id: string, batch: number, outcome: Omit<BulkReplayBatch, 'at'>): Promise<void>;
  complete(id: string): Promise<void>;
  progress(id: string): Promise<BulkReplayProgress>;
}

/** The ids of the open records the filter matches, newest first, at most `max`; `visit` sees each record. */
export async function matchOpenDeadLetters(
  deadLetters: DeadLetterStore,
  filter: BulkReplayFilter,
  max = BULK_REPLAY_MAX,
  visit?: (record: DeadLetter) => void,
): Promise<{ ids: string[]; truncated: boolean }> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await deadLetters.list({
      ...filter,
      status: 'open',
      limit: 200,
      ...(cursor ? { cursor } : {}),
    });
    for (const d of page.items) {
      if (ids.length === max) return { ids, truncated: true };
      ids.push(d._id);
      visit?.(d);
    }
    if (!page.nextCursor) return { ids, truncated: false };
    cursor = page.nextCursor;
  }
}

/** Builds the store over the hub's database. */
export function createBulkReplayStore(db: Db, deadLetters: DeadLetterStore): BulkReplayStore {
  const collection: Collection<BulkReplay> = db.collection<BulkReplay>(COLLECTIONS.bulkReplays);
  const get = async (id: string) => {
    const found = await collection.findOne({ _id: id });
    if (!found) throw new NotFoundError('bulk replay', id);
    return found;
  };
  return {
    async create({ filter, reason, createdBy, ids }) {
      const now = new Date();
      const doc: BulkReplay = {
        _id: `blk_${randomBytes(8).toString('hex')}`,
        status: 'running',
        filter,
        ...(reason ? { reason } : {}),
        createdBy,
        createdAt: now,
        updatedAt: now,
        deadLetterIds: ids,
        batches: {},
      };
      await collection.insertOne(doc);
      return doc;
    },
    get,
    async recordBatch(id, batch, outcome) {
      const now = new Date();
      await collection.updateOne(
        { _id: id },
        { $set: { [`batches.${batch}`]: { ...outcome, at: now }, updatedAt: now } },
      );
    },
    async complete(id) {
      await collection.updateOne({ _id: id }, { $set: { status: 'completed', updatedAt: new Date() } });
    },
    async progress(id) {
      const job = await get(id);
      const batches = Object.values(job.batches);
      const skipped = batches.flatMap((b) => b.skipped);
      return {
        id: job._id,
        status: job.status,
        filter: job.filter,
        ...(job.reason ? { reason: job.reason } : {}),
        createdBy: job.createdBy,
        createdAt: job.createdAt.toISOString(),
        updatedAt: job.updatedAt.toISOString(),
        total: job.deadLetterIds.length,
        batches: { total: Math.ceil(job.deadLetterIds.length / BULK_REPLAY_BATCH), done: batches.length },
        requested: batches.reduce((n, b) => n + b.requested, 0),
        skipped: skipped.length,
        skippedSample: skipped.slice(0, 20),
        outcome: await deadLetters.statusCounts(job.deadLetterIds),
      };
    },
  };
}
