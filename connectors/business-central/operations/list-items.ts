import type { Item } from '../../../canonical-model/generated/index';
import type { ListOptions, Page } from '../../sdk/ports/common';
import type { BcContext } from '../context';
import { itemFromBc } from '../mappers/item';
import { listPage } from './list-page';

/** A page of items, oldest-changed filter optional, in BC's server-driven pages. */
export function listItems(ctx: BcContext, options: ListOptions = {}): Promise<Page<Item>> {
  const { connectorId, config } = ctx;
  return listPage(
    ctx,
    'items',
    (r) => itemFromBc(r, connectorId, config.legalEntityId, config.localCurrency),
    options,
  );
}
