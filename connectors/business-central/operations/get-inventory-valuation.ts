import type { ReadOptions } from '../../sdk/ports/common';
import type { InventoryValuationLine } from '../../sdk/ports/erp';
import { MappingProblems } from '../../sdk/mapping';
import type { BcContext } from '../context';
import { addDecimal, compareDecimal, multiplyDecimal } from '../../sdk/decimal';
import { moneyAmount } from '../decimal';
import { BC_UNIT_ALIASES } from '../mappers/common';
import type { BcRecord } from '../mappers/common';
import { odataString } from '../transport';

/** On-hand quantity per item and location (summed item ledger entries) valued at the item's unit cost. */
export async function getInventoryValuation(
  ctx: BcContext,
  filter: { sku?: string; locationExternalId?: string },
  options: ReadOptions = {},
): Promise<InventoryValuationLine[]> {
  const { transport, config } = ctx;
  const clauses = [
    ...(filter.sku ? [`itemNumber eq ${odataString(filter.sku)}`] : []),
    ...(filter.locationExternalId ? [`locationCode eq ${odataString(filter.locationExternalId)}`] : []),
  ];
  const [items, entries] = await Promise.all([
    transport.all<BcRecord>(
      '/items',
      filter.sku ? { $filter: `number eq ${odataString(filter.sku)}` } : {},
      options.signal,
    ),
    transport.all<BcRecord>(
      '/itemLedgerEntries',
      clauses.length ? { $filter: clauses.join(' and ') } : {},
      options.signal,
    ),
  ]);
  const problems = new MappingProblems('Business Central');
  const totals = new Map<string, { sku: string; location: string; quantity: string }>();
  entries.forEach((e, i) => {
    const sku = problems.text(e.itemNumber, `/itemLedgerEntries/${i}/itemNumber`);
    const location = typeof e.locationCode === 'string' ? e.locationCode : '';
    const key = `${sku}\u0000${location}`;
    const quantity = problems.decimal(e.quantity, `/itemLedgerEntries/${i}/quantity`);
    const t = totals.get(key) ?? { sku, location, quantity: '0' };
    t.quantity = addDecimal(t.quantity, quantity);
    totals.set(key, t);
  });
  const bySku = new Map(items.map((item) => [String(item.number), item]));
  const lines: InventoryValuationLine[] = [];
  for (const t of totals.values()) {
    const item = bySku.get(t.sku);
    if (!item || item.type !== 'Inventory' || compareDecimal(t.quantity, '0') === 0) continue;
    const unitCost = problems.decimal(item.unitCost, `/items/${t.sku}/unitCost`);
    const uom = problems.unit(
      item.baseUnitOfMeasureCode,
      `/items/${t.sku}/baseUnitOfMeasureCode`,
      BC_UNIT_ALIASES,
    );
    lines.push({
      sku: t.sku,
      locationExternalId: t.location,
      quantity: t.quantity,
      uom,
      unitCost: { amount: moneyAmount(unitCost), currency: config.localCurrency },
      totalValue: {
        amount: moneyAmount(multiplyDecimal(t.quantity, unitCost)),
        currency: config.localCurrency,
      },
    });
  }
  problems.throwIfAny('inventory valuation');
  return lines.sort(
    (a, b) => a.sku.localeCompare(b.sku) || a.locationExternalId.localeCompare(b.locationExternalId),
  );
}
