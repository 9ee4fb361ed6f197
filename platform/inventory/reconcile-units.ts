/**
 * The item master data's unit factors, for telling a unit mismatch from a real difference: per SKU, each unit of
 * the item's `uomConversions` that holds more than one base unit (a dozen: 12 EA).
 */
import type { Db } from 'mongodb';
import { compareDecimal } from '../../canonical-model/decimal';
import { COLLECTIONS } from '../collections';
import type { MasterDataRecord } from '../master-data';

/** SKU → unit code → base units in one. */
export type UnitFactors = Map<string, Record<string, string>>;

interface ItemFields {
  sku?: unknown;
  uomConversions?: { uom?: unknown; baseUnits?: unknown }[];
}

/** The unit factors of every item the master data holds for a legal entity. */
export async function unitFactorsOf(db: Db, legalEntityId: string): Promise<UnitFactors> {
  const records = await db
    .collection<MasterDataRecord>(COLLECTIONS.masterData)
    .find({ objectType: 'item', legalEntityId }, { projection: { document: 1 } })
    .toArray();
  const factors: UnitFactors = new Map();
  for (const { document } of records) {
    const item = document as ItemFields;
    if (typeof item.sku !== 'string') continue;
    const own: Record<string, string> = {};
    for (const c of item.uomConversions ?? []) {
      if (typeof c.uom !== 'string' || typeof c.baseUnits !== 'string') continue;
      if (compareDecimal(c.baseUnits, '1') > 0) own[c.uom] = c.baseUnits;
    }
    factors.set(item.sku, own);
  }
  return factors;
}
