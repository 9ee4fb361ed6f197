/**
 * What reconciliation reads of the hub's stock ledger: a key's position (StockLedger.position) and the movements
 * it applied, newest first — the evidence for "events in flight" and "missing movement". Read-only.
 */
import type { Db } from 'mongodb';
import { COLLECTIONS } from '../collections';
import type { LedgerEntry } from '../orders/stock-ledger-entries';
import { ledgerKey } from '../orders/stock-ledger-entries';
import type { StockKey } from '../orders/stock-types';
import type { LedgerMovement } from './reconcile-types';

/** The latest `limit` movements the ledger applied to a key (movements a stock count absorbed are left out). */
export async function appliedMovements(db: Db, key: StockKey, limit = 20): Promise<LedgerMovement[]> {
  const entries = await db
    .collection<LedgerEntry>(COLLECTIONS.stockLedger)
    .find({ key: ledgerKey(key), op: 'movement' })
    .sort({ seq: -1 })
    .limit(limit)
    .toArray();
  return entries
    .filter((e) => e.movement?.applied)
    .map((e) => ({
      opId: e._id,
      onHandDelta: e.quantity,
      occurredAt: e.movement?.occurredAt ?? e.at.toISOString(),
      recordedAt: e.at.toISOString(),
    }));
}
