import type { Item } from '../../../canonical-model/generated/index';
import type { ReadOptions } from '../../sdk/ports/common';
import type { BcContext } from '../context';
import { itemFromBc } from '../mappers/item';
import { odataString } from '../transport';
import { findOne } from './resolve';

/** The item whose BC number is `sku`, or undefined. */
export async function getItem(
  ctx: BcContext,
  sku: string,
  options: ReadOptions = {},
): Promise<Item | undefined> {
  const record = await findOne(ctx.transport, 'items', `number eq ${odataString(sku)}`, options.signal);
  return record && itemFromBc(record, ctx.connectorId, ctx.config.legalEntityId, ctx.config.localCurrency);
}
