/** list-items: inventory items, a page at a time, optionally only those changed since an instant. */
import type { Item } from '../../../canonical-model/generated/index';
import type { ListOptions, Page } from '../../sdk/ports/common';
import type { NetSuiteContext } from '../context';
import { itemFromNetSuite } from '../mappers/item';
import { listRecords } from './list-records';

/** Lists items. */
export function listItems(ctx: NetSuiteContext, options: ListOptions = {}): Promise<Page<Item>> {
  return listRecords(ctx, 'inventoryItem', options, itemFromNetSuite);
}
