/**
 * The unit cost a count's difference is valued at, from the first source that has one: the ERP's valuation of the
 * item at the count's location (its average cost there), the hub's item master (`standardCost`), the ERP's item
 * record (`standardCost`). A cost of zero (a location that never received the item) or without a currency is no cost. A
 * failure a retry can fix is thrown; the ERP not knowing the SKU or the location only moves on to the next source.
 */
import { compareDecimal } from '../../canonical-model/decimal';
import type { Item, Money } from '../../canonical-model/generated/index';
import type { ReferenceResolver } from '../../connectors/sdk/ports/common';
import type { ErpPort } from '../../connectors/sdk/ports/erp';
import { isHubError } from '../../platform/errors';
import type { UnitCost } from './variance';

/** What the lookup reads. */
export interface UnitCostSources {
  erp: Pick<ErpPort, 'getInventoryValuation' | 'getItem'>;
  /** Resolves the hub's location id to the ERP's. */
  references: ReferenceResolver;
  /** The hub's item master record of the item, when it has one. */
  masterItem?: Pick<Item, 'standardCost'>;
}

/** A cost worth using: a positive amount in a named currency. */
const positive = (money: Money | undefined): money is Money =>
  money !== undefined &&
  typeof money.currency === 'string' &&
  /^[A-Z]{3}$/.test(money.currency) &&
  /^-?\d+(\.\d+)?$/.test(money.amount) &&
  compareDecimal(money.amount, '0') > 0;

/** Answers undefined when the ERP refuses the question as bad data (unknown SKU); rethrows anything else. */
async function unlessUnknown<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (err) {
    if (isHubError(err) && err.kind === 'data') return undefined;
    throw err;
  }
}

/** The unit cost of `sku` at the hub's `locationId`, or undefined when no source has one. */
export async function lookUpUnitCost(
  sources: UnitCostSources,
  sku: string,
  locationId: string,
): Promise<UnitCost | undefined> {
  const locationExternalId = await sources.references.externalId('location', locationId);
  if (locationExternalId !== undefined) {
    const lines = await unlessUnknown(() => sources.erp.getInventoryValuation({ sku, locationExternalId }));
    const line = lines?.find((l) => l.sku === sku && l.locationExternalId === locationExternalId);
    if (line && positive(line.unitCost))
      return { amount: line.unitCost.amount, currency: line.unitCost.currency, source: 'erp-valuation' };
  }
  if (positive(sources.masterItem?.standardCost)) {
    const cost = sources.masterItem.standardCost;
    return { amount: cost.amount, currency: cost.currency, source: 'item-master' };
  }
  const erpItem = await unlessUnknown(() => sources.erp.getItem(sku));
  if (positive(erpItem?.standardCost)) {
    const cost = erpItem.standardCost;
    return { amount: cost.amount, currency: cost.currency, source: 'erp-item' };
  }
  return undefined;
}
