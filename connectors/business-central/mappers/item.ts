/** Business Central item → canonical Item. */
import type { Item, ItemIdentifier } from '../../../canonical-model/generated/index';
import { isValidGtin } from '../../../canonical-model/gtin';
import { MappingProblems, provisionalId } from '../../sdk/mapping';
import { moneyAmount } from '../decimal';
import { BC_UNIT_ALIASES, currencyOf, optionalText, sourceOf } from './common';
import type { BcRecord } from './common';

const TYPES: Record<string, Item['type']> = {
  Inventory: 'inventory',
  Service: 'service',
  'Non-Inventory': 'non-inventory',
};

/** Maps one `items` record; a record that does not map throws a `data` HubError naming the BC field. */
export function itemFromBc(
  record: BcRecord,
  connectorId: string,
  legalEntityId: string,
  localCurrency: string,
): Item {
  const problems = new MappingProblems('Business Central');
  const externalId = problems.text(record.id, '/id');
  const sku = problems.text(record.number, '/number');
  const name = problems.text(record.displayName, '/displayName');
  const baseUom = problems.unit(
    record.baseUnitOfMeasureCode,
    '/baseUnitOfMeasureCode',
    BC_UNIT_ALIASES,
  ) as Item['baseUom'];
  const type = TYPES[String(record.type)];
  if (!type) problems.add('/type', `${JSON.stringify(record.type)} is not an item type the hub knows`);
  const identifiers: ItemIdentifier[] = [{ qualifier: 'SKU', value: sku }];
  const gtin = optionalText(record.gtin);
  if (gtin) {
    if (isValidGtin(gtin)) identifiers.push({ qualifier: 'GTIN', value: gtin });
    else problems.add('/gtin', `${JSON.stringify(gtin)} is not a valid GTIN`);
  }
  const currency = localCurrency;
  const unitPrice =
    record.unitPrice === undefined
      ? undefined
      : moneyAmount(problems.decimal(record.unitPrice, '/unitPrice'));
  const unitCost =
    record.unitCost === undefined ? undefined : moneyAmount(problems.decimal(record.unitCost, '/unitCost'));
  problems.throwIfAny(`item ${sku || externalId}`);
  const category = optionalText(record.itemCategoryCode);
  return {
    schemaVersion: '1',
    documentType: 'item',
    id: provisionalId(connectorId, 'item', externalId),
    legalEntityId,
    source: sourceOf(connectorId, record),
    ...(typeof record.lastModifiedDateTime === 'string' ? { updatedAt: record.lastModifiedDateTime } : {}),
    sku,
    name,
    ...(optionalText(record.displayName2) ? { description: optionalText(record.displayName2)! } : {}),
    status: record.blocked === true ? 'inactive' : 'active',
    type: type ?? 'inventory',
    identifiers,
    ...(category ? { category } : {}),
    baseUom,
    ...(unitCost !== undefined
      ? { standardCost: { amount: unitCost, currency: currencyOf('', currency) } }
      : {}),
    ...(unitPrice !== undefined
      ? { prices: [{ unitPrice: { amount: unitPrice, currency }, uom: baseUom }] }
      : {}),
  };
}
