/**
 * The locations the stock ledger has keys in, one document each (`_id` = location id). A writer notes a location
 * before its first entry there, so the list is complete without reading the ledger: "where is this SKU held" reads
 * the few locations and each key's head by id, where a `distinct` over the ledger read every entry on FerretDB.
 */
import type { Collection, Db } from 'mongodb';
import { COLLECTIONS } from '../collections';
import { isDuplicateKeyError } from '../mongo';
import type { LedgerEntry } from './stock-ledger-entries';

const BACKFILLED = '#backfilled';

/** The registry of ledger locations; build one per process with createStockLocations(db). */
export interface StockLocations {
  /** Records a location before the ledger writes there (once per process and location). */
  note(locationId: string): Promise<void>;
  /** Every location the ledger has written to, sorted. */
  list(): Promise<string[]>;
  /** Records the locations of a ledger written before the registry (one read of the ledger, once per database). */
  backfill(entries: Collection<LedgerEntry>): Promise<void>;
}

/** Builds the registry over `COLLECTIONS.stockLocations` of `db`. */
export function createStockLocations(db: Db): StockLocations {
  const collection = db.collection<{ _id: string }>(COLLECTIONS.stockLocations);
  const noted = new Set<string>();
  const insert = async (_id: string) => {
    try {
      await collection.insertOne({ _id });
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  };
  return {
    async note(locationId) {
      if (noted.has(locationId)) return;
      await insert(locationId);
      noted.add(locationId);
    },
    async list() {
      const docs = await collection.find({}).toArray();
      return docs
        .map((d) => d._id)
        .filter((id) => id !== BACKFILLED)
        .sort();
    },
    async backfill(entries) {
      if (await collection.findOne({ _id: BACKFILLED })) return;
      for (const id of await entries.distinct('locationId', {})) if (typeof id === 'string') await insert(id);
      await insert(BACKFILLED);
    },
  };
}
