/**
 * Supply due into the warehouses (open purchase order lines and ASNs), one document per supply id. Adding a supply
 * twice changes nothing; settling it (received or cancelled) takes it out of available-to-promise.
 */
import type { Collection, Db } from 'mongodb';
import { HubError } from '../errors';
import { isDuplicateKeyError } from '../mongo';
import { COLLECTIONS } from '../collections';
import { requireQuantity, requireText, sumDecimals } from './stock-quantity';
import { requireLocationId } from './stock-ledger-entries';
import type { InboundSupply } from './stock-types';

/** The stored supply: `_id` is the supply's id. */
export interface InboundSupplyDocument extends Omit<InboundSupply, 'id'> {
  _id: string;
  recordedAt: Date;
  settledAt?: Date;
}

/** The inbound supply store the ledger counts from. */
export interface InboundSupplyStore {
  ensureIndexes(): Promise<void>;
  add(supply: InboundSupply): Promise<void>;
  settle(id: string, status: 'received' | 'cancelled'): Promise<void>;
  /** Open supply of a SKU due on or before `needBy`, summed per location id. */
  dueBy(sku: string, locationIds: readonly string[], needBy: string): Promise<Map<string, string>>;
  /** Every open supply of a SKU into the given locations, earliest due first. */
  open(sku: string, locationIds: readonly string[]): Promise<InboundSupply[]>;
}

const BUSINESS_DATE = /^\d{4}-\d{2}-\d{2}$/;

function requireDate(value: unknown, path: string): string {
  if (typeof value === 'string' && BUSINESS_DATE.test(value)) return value;
  throw new HubError('data', `${path} must be a business date (YYYY-MM-DD)`, {
    fieldErrors: [{ path, message: 'must be a business date (YYYY-MM-DD)' }],
  });
}

/** Normalises a need-by date (a date or a timestamp) to the business date supply due dates are compared with. */
export function needByDate(needBy: string): string {
  return requireDate(needBy.slice(0, 10), '/needBy');
}

/** Builds the inbound supply store over `COLLECTIONS.inboundSupply` of `db`. */
export function createInboundSupplyStore(db: Db): InboundSupplyStore {
  const collection: Collection<InboundSupplyDocument> = db.collection(COLLECTIONS.inboundSupply);
  return {
    async ensureIndexes() {
      await collection.createIndex(
        { sku: 1, locationId: 1, status: 1 },
        { name: 'inbound_supply_sku_location' },
      );
    },

    async add(supply) {
      const { id, ...rest } = supply;
      requireText(id, '/id');
      requireText(supply.sku, '/sku');
      requireLocationId(supply.locationId);
      requireQuantity(supply.quantity, '/quantity');
      requireDate(supply.dueDate, '/dueDate');
      try {
        await collection.insertOne({ ...rest, _id: id, recordedAt: new Date() });
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
    },

    async settle(id, status) {
      // An update is fine here: settling is rare and the last status written is the one that holds.
      await collection.updateOne({ _id: id, status: 'open' }, { $set: { status, settledAt: new Date() } });
    },

    async dueBy(sku, locationIds, needBy) {
      const due = await collection
        .find({
          sku,
          locationId: { $in: [...locationIds] },
          status: 'open',
          dueDate: { $lte: needByDate(needBy) },
        })
        .toArray();
      const totals = new Map<string, string>();
      for (const locationId of locationIds) {
        totals.set(
          locationId,
          sumDecimals(due.filter((d) => d.locationId === locationId).map((d) => d.quantity)),
        );
      }
      return totals;
    },

    async open(sku, locationIds) {
      const found = await collection
        .find({ sku, locationId: { $in: [...locationIds] }, status: 'open' })
        .toArray();
      return found
        .map(({ _id, recordedAt: _r, settledAt: _s, ...rest }) => ({ ...rest, id: _id }))
        .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id));
    },
  };
}
