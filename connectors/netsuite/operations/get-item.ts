/** get-item: the inventory item whose itemId is the SKU, or undefined. */
import type { Item } from '../../../canonical-model/generated/index';
import type { ReadOptions } from '../../sdk/ports/common';
import type { NetSuiteContext } from '../context';
import { findItemId } from '../lookup';
import { itemFromNetSuite } from '../mappers/item';
import type { NsInventoryItem } from '../types';
import { readContext } from './list-records';

/** Reads one item by SKU. */
export async function getItem(
  ctx: NetSuiteContext,
  sku: string,
  options: ReadOptions = {},
): Promise<Item | undefined> {
  const id = await findItemId(ctx, sku, options.signal);
  if (!id) return undefined;
  const raw = await ctx.transport.get<NsInventoryItem>(
    'inventoryItem',
    encodeURIComponent(id),
    options.signal,
  );
  return raw ? itemFromNetSuite(raw, readContext(ctx)) : undefined;
}
