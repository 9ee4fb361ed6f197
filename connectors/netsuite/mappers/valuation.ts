/** NetSuite inventoryItem `locations` sublist → inventory valuation lines (quantity × average cost, exactly). */
import { MappingProblems } from '../../sdk/mapping';
import type { InventoryValuationLine } from '../../sdk/ports/erp';
import { multiplyDecimal, roundDecimal } from '../../sdk/decimal';
import type { NsInventoryItem } from '../types';
import { UOM_ALIASES, money } from './common';

/** Canonical amounts carry at most six decimals. */
const AMOUNT_PLACES = 6;

/** One line per location holding the item (optionally one location only). */
export function valuationFromNetSuite(
  item: NsInventoryItem,
  currency: string,
  locationExternalId?: string,
): InventoryValuationLine[] {
  const p = new MappingProblems('NetSuite');
  const sku = p.text(item.itemId, '/itemId');
  const uom = p.unit(item.stockUnit?.refName ?? 'Each', '/stockUnit/refName', UOM_ALIASES);
  const lines: InventoryValuationLine[] = [];
  (item.locations?.items ?? []).forEach((row, i) => {
    const location = p.text(row.location?.id, `/locations/items/${i}/location/id`);
    if (locationExternalId !== undefined && location !== locationExternalId) return;
    const quantity = p.decimal(row.quantityOnHand ?? 0, `/locations/items/${i}/quantityOnHand`);
    const unitCost = p.decimal(row.averageCostMli ?? 0, `/locations/items/${i}/averageCostMli`);
    lines.push({
      sku,
      locationExternalId: location,
      quantity,
      uom,
      unitCost: money(unitCost, currency),
      totalValue: money(roundDecimal(multiplyDecimal(quantity, unitCost), AMOUNT_PLACES), currency),
    });
  });
  p.throwIfAny(`inventoryItem ${item.id ?? '(no id)'}`);
  return lines;
}
