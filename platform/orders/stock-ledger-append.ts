/**
 * Appending to the stock ledger without transactions. A writer reads the key's head entry, computes the new totals
 * and inserts them as `seq + 1`; the unique (key, seq) index lets exactly one of several concurrent writers win,
 * the others read the new head and try again. `_id` = opId makes each write idempotent: a retried operation finds
 * its own entry and returns it instead of applying twice.
 */
import type { Collection } from 'mongodb';
import { HubError } from '../errors';
import { isDuplicateKeyError } from '../mongo';
import { ledgerKey } from './stock-ledger-entries';
import type { EntryBody, LedgerEntry, LedgerOp } from './stock-ledger-entries';
import type { StockKey } from './stock-types';

/** How often a writer that keeps losing the race for a key tries again before it gives up (transient). */
export const MAX_APPEND_ATTEMPTS = 60;
const MAX_BACKOFF_MS = 25;

/** What an append did: wrote a new entry, found the entry of an earlier try, or wrote nothing. */
export type AppendOutcome =
  | { kind: 'written'; entry: LedgerEntry }
  | { kind: 'replayed'; entry: LedgerEntry }
  | { kind: 'skipped'; head: LedgerEntry | undefined };

/**
 * Where the ledger lives: the entries (`_id` = opId, for idempotency) and a marker per key and sequence number
 * (`_id` = `<key>#<seq>`, a full copy of the entry plus its opId). Every lookup of a write is by `_id`: FerretDB's
 * SQLite backend scans the collection for any other filter, so finding a key's head by `{key}` sorted by seq grew
 * with the whole ledger (9 ms at 100 entries, 140 ms at 3,000). The marker's unique `_id` is what serialises the
 * writers of one key; `heads` remembers the latest head this process saw per key, so the head is found by probing
 * forward from it.
 */
export interface LedgerCollections {
  entries: Collection<LedgerEntry>;
  markers: Collection<SeqMarker>;
  /** The same collection: `<key>#base` (the first marker of a key written before markers) and `meta:backfilled`. */
  bases: Collection<{ _id: string; seq: number }>;
  /**
   * The latest head this process wrote or read per key, its entry known to exist (bounded by the keys it touches);
   * another process may have moved the key on since, so only a writer's first try takes it without probing.
   */
  heads: Map<string, LedgerEntry>;
  /** Whether `meta:backfilled` was seen (then a key without markers is new: the entries are never scanned). */
  backfilled?: boolean;
}

const BACKFILLED = 'meta:backfilled';

/**
 * Gives every key of a ledger written before markers existed a marker at its head and a `<key>#base` pointing at
 * it, once per database (run at start-up by ensureIndexes); afterwards no write or read scans the entries.
 */
export async function backfillMarkers(store: LedgerCollections): Promise<void> {
  if (await store.bases.findOne({ _id: BACKFILLED })) {
    store.backfilled = true;
    return;
  }
  const heads = new Map<string, number>();
  for await (const e of store.entries.find({}, { projection: { key: 1, seq: 1 } })) {
    if ((heads.get(e.key) ?? 0) < e.seq) heads.set(e.key, e.seq);
  }
  for (const [key, seq] of heads) {
    if (await store.markers.findOne({ _id: markerId(key, 1) }, { projection: { _id: 1 } })) continue;
    const head = await store.entries.findOne({ key, seq });
    if (!head) continue;
    await insertIgnoringDuplicate(store.markers, { ...head, _id: markerId(key, seq), opId: head._id });
    await insertIgnoringDuplicate(store.bases, { _id: `${key}#base`, seq });
  }
  await insertIgnoringDuplicate(store.bases, { _id: BACKFILLED, seq: 0 });
  store.backfilled = true;
}

/** A key's entry at one sequence number, under `<key>#<seq>`, with the opId of the entry it copies. */
export type SeqMarker = Omit<LedgerEntry, '_id'> & { _id: string; opId: string };

const markerId = (key: string, seq: number) => `${key}#${seq}`;

const entryOf = (marker: SeqMarker): LedgerEntry => {
  const { opId, ...rest } = marker;
  return { ...rest, _id: opId };
};

/**
 * The highest sequence number of a key without a cached one: probes markers 1, 2, 4, … and bisects. A ledger
 * written before markers existed has none; its head is read the old way once and given a marker.
 */
async function latestSeq(store: LedgerCollections, key: string): Promise<number> {
  const has = async (seq: number) =>
    (await store.markers.findOne({ _id: markerId(key, seq) }, { projection: { _id: 1 } })) !== null;
  const base = (await store.bases.findOne({ _id: `${key}#base` }))?.seq ?? 1;
  if (!(await has(base))) {
    if (store.backfilled === undefined)
      store.backfilled = Boolean(await store.bases.findOne({ _id: BACKFILLED }));
    if (store.backfilled) return 0;
    // A ledger nobody backfilled yet (ensureIndexes not run): its head the old, scanning way, once.
    const legacy = await store.entries.findOne({ key }, { sort: { seq: -1 } });
    if (!legacy) return 0;
    await insertIgnoringDuplicate(store.markers, {
      ...legacy,
      _id: markerId(key, legacy.seq),
      opId: legacy._id,
    });
    await insertIgnoringDuplicate(store.bases, { _id: `${key}#base`, seq: legacy.seq });
    return legacy.seq;
  }
  // Markers of a key are contiguous from its base: gallop forward, then bisect.
  let low = base;
  let step = 1;
  while (await has(low + step)) {
    low += step;
    step *= 2;
  }
  let high = low + step;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (await has(mid)) low = mid;
    else high = mid;
  }
  return low;
}

async function insertIgnoringDuplicate<T extends { _id: string }>(
  collection: Collection<T>,
  doc: T,
): Promise<boolean> {
  try {
    await collection.insertOne(doc as Parameters<Collection<T>['insertOne']>[0]);
    return true;
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    return false;
  }
}

/**
 * The latest entry of a key (undefined when the ledger has never seen it), probing forward from the last head this
 * process knows; with `trustCache` a writer takes that head as it is (its insert fails on the unique (key, seq)
 * index if another writer moved the key on, and it looks again).
 */
export async function headOf(
  store: LedgerCollections,
  key: StockKey,
  trustCache = false,
): Promise<LedgerEntry | undefined> {
  const k = ledgerKey(key);
  const cached = store.heads.get(k);
  if (trustCache && cached) return cached;
  let seq = cached?.seq ?? (await latestSeq(store, k));
  let head: SeqMarker | null = null;
  for (;;) {
    const next = await store.markers.findOne({ _id: markerId(k, seq + 1) });
    if (!next) break;
    head = next;
    seq += 1;
  }
  if (!head && cached?.seq === seq) return cached;
  head ??= seq ? await store.markers.findOne({ _id: markerId(k, seq) }) : null;
  if (!head) return undefined;
  const entry = entryOf(head);
  store.heads.set(k, entry);
  return entry;
}

/** Writes the marker of an entry (once; a second writer of the same marker changes nothing). */
const markEntry = (store: LedgerCollections, entry: LedgerEntry) =>
  insertIgnoringDuplicate(store.markers, { ...entry, _id: markerId(entry.key, entry.seq), opId: entry._id });

/**
 * Markers for the entries of a key from `fromSeq` on that have none: a writer died between its entry and its
 * marker (rare; this is the only scan of the entries, and only after a writer kept losing the same seq).
 */
async function markMissing(store: LedgerCollections, key: string, fromSeq: number): Promise<void> {
  for (const entry of await store.entries.find({ key, seq: { $gte: fromSeq } }).toArray()) {
    await markEntry(store, entry);
  }
}

async function existingEntry(
  collection: Collection<LedgerEntry>,
  opId: string,
  op: LedgerOp,
  key: StockKey,
): Promise<LedgerEntry | undefined> {
  const existing = await collection.findOne({ _id: opId });
  if (!existing) return undefined;
  if (existing.op !== op || existing.key !== ledgerKey(key)) {
    throw new HubError('data', `opId ${opId} was already used by a ${existing.op} of ${existing.key}`, {
      fieldErrors: [{ path: '/opId', message: 'already used by a different operation' }],
    });
  }
  return existing;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Appends the entry `build` computes from the key's head, at most once per opId. `build` returns undefined to
 * write nothing (e.g. a stale stock count). It runs again, on a fresh head, whenever another writer won the race.
 */
export async function appendEntry(
  store: LedgerCollections,
  opId: string,
  op: LedgerOp,
  key: StockKey,
  build: (head: LedgerEntry | undefined) => Promise<EntryBody | undefined> | EntryBody | undefined,
): Promise<AppendOutcome> {
  let lostSeq = 0;
  let lostTimes = 0;
  // The first try skips the look for an earlier entry of this op (a read per write): a retried op finds it through
  // the duplicate _id its insert hits, and every later try looks first.
  for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt += 1) {
    if (attempt > 0) {
      // After a duplicate-key error this tells "my op is already in" from "I lost the seq".
      const existing = await existingEntry(store.entries, opId, op, key);
      if (existing) {
        // A retry after a crash between the entry and its marker finishes the marker.
        await markEntry(store, existing);
        return { kind: 'replayed', entry: existing };
      }
    }
    const head = await headOf(store, key, attempt === 0);
    const body = await build(head);
    if (!body) {
      // Nothing to write, unless this op was written before (a replay of a write that no longer applies).
      const existing = attempt > 0 ? undefined : await existingEntry(store.entries, opId, op, key);
      return existing ? { kind: 'replayed', entry: existing } : { kind: 'skipped', head };
    }
    const entry: LedgerEntry = {
      ...body,
      _id: opId,
      key: ledgerKey(key),
      seq: (head?.seq ?? 0) + 1,
      at: new Date(),
    };
    // The entry first: its _id (the opId) and the unique (key, seq) index make it the one atomic step.
    if (await insertIgnoringDuplicate(store.entries, entry)) {
      await markEntry(store, entry);
      store.heads.set(entry.key, entry);
      return { kind: 'written', entry };
    }
    lostTimes = lostSeq === entry.seq ? lostTimes + 1 : 1;
    lostSeq = entry.seq;
    // The same seq lost again and again while no marker shows its winner: the winner died before marking it.
    if (lostTimes >= 3) await markMissing(store, entry.key, entry.seq);
    if (attempt > 0) await pause(Math.random() * Math.min(MAX_BACKOFF_MS, 2 + attempt));
  }
  throw new HubError(
    'transient',
    `stock ledger: gave up writing ${op} ${opId} on ${ledgerKey(key)} after contention`,
  );
}
