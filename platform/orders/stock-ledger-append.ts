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

/** The latest entry of a key (undefined when the ledger has never seen it). */
export async function headOf(
  collection: Collection<LedgerEntry>,
  key: StockKey,
): Promise<LedgerEntry | undefined> {
  const head = await collection.findOne({ key: ledgerKey(key) }, { sort: { seq: -1 } });
  return head ?? undefined;
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
  collection: Collection<LedgerEntry>,
  opId: string,
  op: LedgerOp,
  key: StockKey,
  build: (head: LedgerEntry | undefined) => Promise<EntryBody | undefined> | EntryBody | undefined,
): Promise<AppendOutcome> {
  for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt += 1) {
    // Checked first on every try: after a duplicate-key error this tells "my op is already in" from "I lost the seq".
    const existing = await existingEntry(collection, opId, op, key);
    if (existing) return { kind: 'replayed', entry: existing };
    const head = await headOf(collection, key);
    const body = await build(head);
    if (!body) return { kind: 'skipped', head };
    const entry: LedgerEntry = {
      ...body,
      _id: opId,
      key: ledgerKey(key),
      seq: (head?.seq ?? 0) + 1,
      at: new Date(),
    };
    try {
      await collection.insertOne(entry);
      return { kind: 'written', entry };
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
    await pause(Math.random() * Math.min(MAX_BACKOFF_MS, 2 + attempt));
  }
  throw new HubError(
    'transient',
    `stock ledger: gave up writing ${op} ${opId} on ${ledgerKey(key)} after contention`,
  );
}
