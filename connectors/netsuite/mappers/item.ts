/** NetSuite inventoryItem → canonical Item. */
import { gs1KeyProblem } from '../../../canonical-model/gtin';
import type { Item, ItemIdentifier, ItemPrice } from '../../../canonical-model/generated/index';
import { MappingProblems, provisionalId } from '../../sdk/mapping';
import type { NsInventoryItem } from '../types';
import { UOM_ALIASES, instant, money, optionalText, sourceOf } from './common';
import type { ReadMapContext } from './common';

/** Maps an inventoryItem; throws a `data` HubError naming every NetSuite field that does not map. */
export function itemFromNetSuite(raw: NsInventoryItem, ctx: ReadMapContext): Item {
  const p = new MappingProblems('NetSuite');
  const id = p.text(raw.id, '/id');
  const sku = p.text(raw.itemId, '/itemId');
  const baseUom = p.unit(
    raw.stockUnit?.refName ?? 'Each',
    '/stockUnit/refName',
    UOM_ALIASES,
  ) as Item['baseUom'];
  const updatedAt = instant(raw.lastModifiedDate, '/lastModifiedDate', p);

  const prices: ItemPrice[] = [];
  if (raw.basePrice !== undefined && raw.basePrice !== null) {
    prices.push({ unitPrice: money(p.decimal(raw.basePrice, '/basePrice'), ctx.currency), uom: baseUom });
  }
  (raw.price?.items ?? []).forEach((row, i) => {
    const minQuantity = p.decimal(row.minimumQuantity ?? 0, `/price/items/${i}/minimumQuantity`, {
      nonNegative: true,
    });
    prices.push({
      ...(optionalText(row.priceLevel?.refName, 64)
        ? { priceList: optionalText(row.priceLevel?.refName, 64) }
        : {}),
      unitPrice: money(p.decimal(row.price, `/price/items/${i}/price`), ctx.currency),
      uom: baseUom,
      ...(minQuantity !== '0' ? { minQuantity } : {}),
    });
  });
  const standardCost =
    raw.cost === undefined || raw.cost === null
      ? undefined
      : money(p.decimal(raw.cost, '/cost'), ctx.currency);

  const identifiers: ItemIdentifier[] = [{ qualifier: 'SKU', value: sku }];
  if (typeof raw.upcCode === 'string' && raw.upcCode.trim() && !gs1KeyProblem('gtin', raw.upcCode.trim())) {
    identifiers.push({
      qualifier: raw.upcCode.trim().length === 12 ? 'UPC' : 'GTIN',
      value: raw.upcCode.trim(),
    });
  }
  p.throwIfAny(`inventoryItem ${id || '(no id)'}`);

  const description = optionalText(raw.description, 4000);
  return {
    schemaVersion: '1',
    documentType: 'item',
    id: provisionalId(ctx.connectorId, 'item', id),
    legalEntityId: ctx.legalEntityId,
    source: sourceOf(ctx, id, updatedAt),
    ...(updatedAt ? { updatedAt } : {}),
    sku,
    name: optionalText(raw.displayName) ?? sku,
    ...(description ? { description } : {}),
    status: raw.isInactive ? 'inactive' : 'active',
    type: 'inventory',
    identifiers,
    baseUom,
    ...(standardCost ? { standardCost } : {}),
    ...(prices.length ? { prices: prices.slice(0, 100) } : {}),
  };
}
