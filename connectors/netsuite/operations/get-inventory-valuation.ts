/** get-inventory-valuation: on-hand quantity × average cost per item and location, in exact decimals. */
import type { ReadOptions } from '../../sdk/ports/common';
import type { InventoryValuationLine } from '../../sdk/ports/erp';
import type { NetSuiteContext } from '../context';
import { findItemId } from '../lookup';
import { valuationFromNetSuite } from '../mappers/valuation';
import { MAX_PAGE_SIZE } from '../transport';
import type { NsInventoryItem } from '../types';

/** Values one item (by SKU) or every item, optionally at one location. */
export async function getInventoryValuation(
  ctx: NetSuiteContext,
  filter: { sku?: string; locationExternalId?: string },
  options: ReadOptions = {},
): Promise<InventoryValuationLine[]> {
  const { transport } = ctx;
  let ids: string[];
  if (filter.sku !== undefined) {
    const id = await findItemId(ctx, filter.sku, options.signal);
    ids = id ? [id] : [];
  } else {
    ids = [];
    for (let offset = 0, more = true; more; offset += MAX_PAGE_SIZE) {
      const page = await transport.list('inventoryItem', { limit: MAX_PAGE_SIZE, offset }, options.signal);
      ids.push(...(page.items ?? []).map((i) => i.id).filter((id): id is string => typeof id === 'string'));
      more = page.hasMore === true;
    }
  }
  const items = await transport.readAll<NsInventoryItem>(
    'inventoryItem',
    ids.map(encodeURIComponent),
    options.signal,
  );
  return items.flatMap((item) => valuationFromNetSuite(item, ctx.config.currency, filter.locationExternalId));
}
