/**
 * The dead-letter store: one record per parked workflow step, holding everything support needs to understand and
 * act on the failure (the payload as received, the error, the business keys, the history of what was done).
 * Uses only what FerretDB v1 supports: single-document atomic updates and a unique index, no transactions.
 */
import { randomBytes } from 'node:crypto';
import type { Collection, Db, Filter } from 'mongodb';
import { NotFoundError, ConflictError } from './store-errors';
import { truncateUtf8 } from './utf8';
import { createWriteQueue } from './write-queue';
import { COLLECTIONS } from './collections';
import { HubError } from './errors';
import type { FieldError, HubErrorKind } from './errors';
import { isDuplicateKeyError } from './mongo';
import type { JsonChange, JsonDiff } from './json-diff';

/** Where a dead letter is in its life: open → replaying → resolved (or back to open), or discarded. */
export type DeadLetterStatus = 'open' | 'replaying' | 'resolved' | 'discarded';

/** Every status, in lifecycle order. */
export const DEAD_LETTER_STATUSES: readonly DeadLetterStatus[] = [
  'open',
  'replaying',
  'resolved',
  'discarded',
];

/** What happened to a dead letter, in its history. */
export type DeadLetterAction =
  'failed' | 'edited' | 'replay-requested' | 'replayed' | 'resolved' | 'discarded';

/** The failure of the step, as Temporal reported it after the last attempt. */
export interface DeadLetterError {
  kind: HubErrorKind;
  type: string;
  message: string;
  upstreamStatus?: number;
  /** At most UPSTREAM_EXCERPT_LIMIT bytes of what the upstream answered. */
  upstreamBodyExcerpt?: string;
  /** Which fields of the payload were wrong, for `data` failures (at most MAX_FIELD_ERRORS). */
  fieldErrors?: FieldError[];
}

/** One entry in a dead letter's history. */
export interface DeadLetterHistoryEntry {
  at: Date;
  action: DeadLetterAction;
  by?: string;
  reason?: string;
  error?: DeadLetterError;
  /** For `failed`: how many Temporal attempts this failure took. */
  attempts?: number;
  /** For `failed`: the workflow's id of this failure, which makes recording it twice a no-op. */
  failureId?: string;
  /** For `edited`: what the edit changed in the payload (pointers, old and new values). */
  changes?: JsonChange[];
  /** For `edited`: changes beyond the ones listed. */
  changesOmitted?: number;
}

/** A replacement payload for a replay, with why it was made and what it changes. */
export interface PayloadEdit {
  payload: unknown;
  reason: string;
  diff: JsonDiff;
}

/** A parked workflow step and everything needed to act on it. */
export interface DeadLetter {
  _id: string;
  status: DeadLetterStatus;
  flow: string;
  step: string;
  connectorId?: string;
  /** Business numbers of the transaction, e.g. `{ runId }`, `{ poNumber }`; `list({ businessKey })` matches any value. */
  businessKeys: Record<string, string>;
  correlationId: string;
  workflowId: string;
  runId: string;
  activityType: string;
  /** The step's input as received, stored as-is (the latest one when a replay replaced it). */
  payload: unknown;
  /** The latest failure. */
  error: DeadLetterError;
  /** Temporal attempts over every failure of this record (each `failed` history entry has its own count). */
  attempts: number;
  history: DeadLetterHistoryEntry[];
  createdAt: Date;
  updatedAt: Date;
}

/** Stored shape: the record plus fields that exist for indexes only. */
interface DeadLetterDocument extends DeadLetter {
  /** `workflowId␀step` while open or replaying, `closed:<_id>` after: a unique index keeps one open record per step. */
  openKey: string;
  /** The values of businessKeys, so one indexed equality match finds a record by any of its business numbers. */
  businessKeyValues: string[];
  /**
   * The failure ids recorded so far. A top-level string array, because FerretDB v1 evaluates `$ne` on a path into
   * an array of sub-documents wrongly when some of them lack the field (history entries other than `failed` do).
   */
  failureIds: string[];
}

/** What `record` needs: the failure and its context, as the workflow knows it. */
export interface RecordDeadLetterInput {
  flow: string;
  step: string;
  connectorId?: string;
  businessKeys: Record<string, string>;
  correlationId: string;
  workflowId: string;
  runId: string;
  activityType: string;
  payload: unknown;
  error: DeadLetterError;
  attempts: number;
  /** Identifies this failure (deterministic in the workflow); recording it again changes nothing. */
  failureId?: string;
  /** Set when the failure happened on a replay: a `replayed` entry by this person precedes `failed`. */
  replayedBy?: string;
}

/** Filters of `list`; every one is optional and they combine with AND. */
export interface DeadLetterQuery {
  connectorId?: string;
  flow?: string;
  step?: string;
  errorKind?: HubErrorKind;
  /** Matches a record when any value of its businessKeys equals this. */
  businessKey?: string;
  status?: DeadLetterStatus;
  /** createdAt ≥ from */
  from?: Date;
  /** createdAt < to */
  to?: Date;
  /** 1–200, default 50. */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

/** One page of dead letters, newest first. */
export interface DeadLetterPage {
  items: DeadLetter[];
  /** Present when there are more; pass it back as `cursor`. */
  nextCursor?: string;
}

/** Largest upstream body excerpt the store keeps, in UTF-8 bytes. */
export const UPSTREAM_EXCERPT_LIMIT = 2048;

/** Most field errors a dead letter keeps; a document wrong everywhere does not need them all listed. */
export const MAX_FIELD_ERRORS = 50;

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;
const OPEN: DeadLetterStatus[] = ['open', 'replaying'];

const newId = (): string => `dlq_${randomBytes(12).toString('hex')}`;
const openKeyOf = (workflowId: string, step: string): string => `${workflowId}\u0000${step}`;
const closedKeyOf = (id: string): string => `closed:${id}`;

/** The record without its index-only fields (FerretDB v1 cannot project findAndModify results). */
function toRecord(doc: DeadLetterDocument): DeadLetter;
function toRecord(doc: DeadLetterDocument | null): DeadLetter | null;
function toRecord(doc: DeadLetterDocument | null): DeadLetter | null {
  if (!doc) return null;
  const record: DeadLetter & Partial<DeadLetterDocument> = { ...doc };
  delete record.openKey;
  delete record.businessKeyValues;
  delete record.failureIds;
  return record;
}

function cleanError(error: DeadLetterError): DeadLetterError {
  const clean: DeadLetterError = { kind: error.kind, type: error.type, message: error.message };
  if (error.upstreamStatus !== undefined) clean.upstreamStatus = error.upstreamStatus;
  if (error.upstreamBodyExcerpt !== undefined) {
    clean.upstreamBodyExcerpt = truncateUtf8(error.upstreamBodyExcerpt, UPSTREAM_EXCERPT_LIMIT);
  }
  if (error.fieldErrors?.length) {
    clean.fieldErrors = error.fieldErrors
      .slice(0, MAX_FIELD_ERRORS)
      .map((f) => ({ path: String(f.path), message: String(f.message) }));
  }
  return clean;
}

function encodeCursor(doc: DeadLetter): string {
  return Buffer.from(JSON.stringify([doc.createdAt.getTime(), doc._id])).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const [ms, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof ms === 'number' && typeof id === 'string') return { createdAt: new Date(ms), id };
  } catch {
    // fall through to the error below
  }
  throw new HubError('data', 'invalid cursor', {
    fieldErrors: [{ path: 'cursor', message: 'is not a cursor this API returned' }],
  });
}

/** The dead-letter store; build one per process with createDeadLetterStore(db). */
export interface DeadLetterStore {
  /** Creates the indexes (idempotent); call at start-up. */
  ensureIndexes(): Promise<void>;
  /**
   * Records a failed step. While the step of that workflow has an open (or replaying) record, a new failure is
   * appended to its history and the record reopened, instead of creating a second record.
   */
  record(input: RecordDeadLetterInput): Promise<DeadLetter>;
  /** The record, or NotFoundError. */
  get(id: string): Promise<DeadLetter>;
  /** Records matching every given filter, newest first, one page at a time. */
  list(query?: DeadLetterQuery): Promise<DeadLetterPage>;
  /** How many of the given records are in each status (unknown ids are not counted). */
  statusCounts(ids: string[]): Promise<Partial<Record<DeadLetterStatus, number>>>;
  /**
   * Notes that `by` asked for a replay (the caller then signals the workflow); open or replaying only. With an
   * edit, the payload is replaced and an `edited` entry (who, when, why, what changed) precedes the request.
   */
  requestReplay(id: string, by: string, edit?: PayloadEdit): Promise<DeadLetter>;
  /** Closes the open record of a step that succeeded on replay; null when there is none (already resolved). */
  markResolved(
    workflowId: string,
    step: string,
    options?: { replayedBy?: string },
  ): Promise<DeadLetter | null>;
  /** Gives up on a record; `reason` is required. Discarding a discarded record changes nothing. */
  discard(id: string, options: { by: string; reason: string }): Promise<DeadLetter>;
  /** How many records there are per connector, flow and status (for the hub_dead_letters gauge). */
  countsByConnectorFlowStatus(): Promise<
    { connectorId?: string; flow: string; status: string; count: number }[]
  >;
}

/** Builds the dead-letter store over `COLLECTIONS.deadLetters` of `db`. */
export function createDeadLetterStore(db: Db): DeadLetterStore {
  const collection: Collection<DeadLetterDocument> = db.collection<DeadLetterDocument>(
    COLLECTIONS.deadLetters,
  );
  const write = createWriteQueue();

  const get = async (id: string): Promise<DeadLetter> => {
    const doc = await collection.findOne({ _id: id });
    if (!doc) throw new NotFoundError('dead letter', id);
    return toRecord(doc);
  };

  return {
    async ensureIndexes() {
      // One index per command: FerretDB v1 drops the connection when one createIndexes command names
      // several indexes that already exist.
      for (const { key, ...options } of [
        { key: { openKey: 1 }, name: 'open_key_unique', unique: true },
        { key: { createdAt: -1, _id: -1 }, name: 'created_desc' },
        { key: { businessKeyValues: 1 }, name: 'business_keys' },
        { key: { status: 1, createdAt: -1 }, name: 'status_created' },
        { key: { connectorId: 1, createdAt: -1 }, name: 'connector_created' },
        { key: { flow: 1, createdAt: -1 }, name: 'flow_created' },
      ] as const) {
        await collection.createIndex(key, options);
      }
    },

    record: (input) =>
      write(async () => {
        const openKey = openKeyOf(input.workflowId, input.step);
        const error = cleanError(input.error);
        const failure = (at: Date): DeadLetterHistoryEntry[] => {
          const failed: DeadLetterHistoryEntry = { at, action: 'failed', error, attempts: input.attempts };
          if (input.failureId !== undefined) failed.failureId = input.failureId;
          return input.replayedBy === undefined
            ? [failed]
            : [{ at, action: 'replayed', by: input.replayedBy }, failed];
        };
        // Two writers can race for the first record of a step; the unique openKey lets one win, and the loser
        // appends to the winner's record on the next pass.
        for (let pass = 0; pass < 3; pass++) {
          const now = new Date();
          const appendable: Filter<DeadLetterDocument> = { openKey };
          if (input.failureId !== undefined) appendable.failureIds = { $ne: input.failureId };
          const updated = await collection.findOneAndUpdate(
            appendable,
            {
              $set: {
                status: 'open',
                error,
                payload: input.payload,
                runId: input.runId,
                activityType: input.activityType,
                correlationId: input.correlationId,
                updatedAt: now,
              },
              $inc: { attempts: input.attempts },
              $push: {
                history: { $each: failure(now) },
                ...(input.failureId === undefined ? {} : { failureIds: input.failureId }),
              },
            },
            { returnDocument: 'after' },
          );
          if (updated) return toRecord(updated);
          if (input.failureId !== undefined) {
            const already = await collection.findOne({ openKey, failureIds: input.failureId });
            if (already) return toRecord(already);
          }
          const doc: DeadLetterDocument = {
            _id: newId(),
            status: 'open',
            flow: input.flow,
            step: input.step,
            ...(input.connectorId === undefined ? {} : { connectorId: input.connectorId }),
            businessKeys: input.businessKeys,
            businessKeyValues: [...new Set(Object.values(input.businessKeys))],
            correlationId: input.correlationId,
            workflowId: input.workflowId,
            runId: input.runId,
            activityType: input.activityType,
            payload: input.payload,
            error,
            attempts: input.attempts,
            history: failure(now),
            createdAt: now,
            updatedAt: now,
            openKey,
            failureIds: input.failureId === undefined ? [] : [input.failureId],
          };
          try {
            await collection.insertOne(doc);
          } catch (err) {
            if (isDuplicateKeyError(err)) continue;
            throw err;
          }
          return toRecord(doc);
        }
        throw new HubError('transient', `dead letter of ${input.workflowId} step ${input.step} is contended`);
      }),

    get,

    async statusCounts(ids) {
      const counts: Partial<Record<DeadLetterStatus, number>> = {};
      // In slices: one $in of thousands of ids is slow on FerretDB's SQLite backend.
      for (let i = 0; i < ids.length; i += 500) {
        const docs = await collection
          .find({ _id: { $in: ids.slice(i, i + 500) } }, { projection: { status: 1 } })
          .toArray();
        for (const d of docs) counts[d.status] = (counts[d.status] ?? 0) + 1;
      }
      return counts;
    },

    async list(query = {}) {
      const limit = Math.min(Math.max(Math.trunc(query.limit ?? DEFAULT_LIMIT), 1), MAX_LIMIT);
      const filter: Filter<DeadLetterDocument> = {};
      if (query.connectorId !== undefined) filter.connectorId = query.connectorId;
      if (query.flow !== undefined) filter.flow = query.flow;
      if (query.step !== undefined) filter.step = query.step;
      if (query.errorKind !== undefined) filter['error.kind'] = query.errorKind;
      if (query.businessKey !== undefined) filter.businessKeyValues = query.businessKey;
      if (query.status !== undefined) filter.status = query.status;
      if (query.from !== undefined || query.to !== undefined) {
        filter.createdAt = {
          ...(query.from === undefined ? {} : { $gte: query.from }),
          ...(query.to === undefined ? {} : { $lt: query.to }),
        };
      }
      if (query.cursor !== undefined) {
        const after = decodeCursor(query.cursor);
        filter.$or = [
          { createdAt: { $lt: after.createdAt } },
          { createdAt: after.createdAt, _id: { $lt: after.id } },
        ];
      }
      const docs = await collection
        .find(filter)
        .sort({ createdAt: -1, _id: -1 })
        .limit(limit + 1)
        .toArray();
      const items = docs.slice(0, limit).map((d) => toRecord(d));
      const last = items[items.length - 1];
      return docs.length > limit && last ? { items, nextCursor: encodeCursor(last) } : { items };
    },

    requestReplay: (id, by, edit) =>
      write(async () => {
        const now = new Date();
        const requested: DeadLetterHistoryEntry = { at: now, action: 'replay-requested', by };
        const entries: DeadLetterHistoryEntry[] = edit
          ? [
              {
                at: now,
                action: 'edited',
                by,
                reason: edit.reason.trim(),
                changes: edit.diff.changes,
                ...(edit.diff.omitted ? { changesOmitted: edit.diff.omitted } : {}),
              },
              requested,
            ]
          : [requested];
        const updated = await collection.findOneAndUpdate(
          { _id: id, status: { $in: OPEN } },
          {
            $set: {
              status: 'replaying',
              updatedAt: now,
              ...(edit ? { payload: edit.payload } : {}),
            },
            $push: { history: { $each: entries } },
          },
          { returnDocument: 'after' },
        );
        if (updated) return toRecord(updated);
        const current = await get(id);
        throw new ConflictError(
          `dead letter ${id} is ${current.status}; only an open one can be replayed`,
          current.status,
        );
      }),

    markResolved: (workflowId, step, options = {}) =>
      write(async () => {
        const open = await collection.findOne({ openKey: openKeyOf(workflowId, step) });
        if (!open) return null;
        const now = new Date();
        const entries: DeadLetterHistoryEntry[] = [{ at: now, action: 'resolved' }];
        if (options.replayedBy !== undefined) {
          entries.unshift({ at: now, action: 'replayed', by: options.replayedBy });
        }
        const resolved = await collection.findOneAndUpdate(
          { _id: open._id, openKey: open.openKey },
          {
            $set: { status: 'resolved', openKey: closedKeyOf(open._id), updatedAt: now },
            $push: { history: { $each: entries } },
          },
          { returnDocument: 'after' },
        );
        return toRecord(resolved);
      }),

    discard: (id, { by, reason }) =>
      write(async () => {
        if (typeof reason !== 'string' || !reason.trim()) {
          throw new HubError('data', 'a reason is required to discard a dead letter', {
            fieldErrors: [{ path: 'reason', message: 'is required' }],
          });
        }
        const now = new Date();
        const updated = await collection.findOneAndUpdate(
          { _id: id, status: { $in: OPEN } },
          {
            $set: { status: 'discarded', openKey: closedKeyOf(id), updatedAt: now },
            $push: { history: { at: now, action: 'discarded', by, reason: reason.trim() } },
          },
          { returnDocument: 'after' },
        );
        if (updated) return toRecord(updated);
        const current = await get(id);
        if (current.status === 'discarded') return current;
        throw new ConflictError(
          `dead letter ${id} is ${current.status}; it can no longer be discarded`,
          current.status,
        );
      }),

    async countsByConnectorFlowStatus() {
      const groups = await collection
        .aggregate<{ _id: { connectorId?: string; flow: string; status: string }; count: number }>([
          {
            $group: {
              _id: { connectorId: '$connectorId', flow: '$flow', status: '$status' },
              count: { $sum: 1 },
            },
          },
        ])
        .toArray();
      return groups.map((g) => ({
        ...(typeof g._id.connectorId === 'string' ? { connectorId: g._id.connectorId } : {}),
        flow: g._id.flow,
        status: g._id.status,
        count: g.count,
      }));
    },
  };
}
