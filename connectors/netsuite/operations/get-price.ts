/** get-price: the unit price of an item for a customer and quantity (price level and quantity breaks). */
import type { WriteContext } from '../../sdk/ports/common';
import type { PriceQuote, PriceRequest } from '../../sdk/ports/erp';
import type { NetSuiteContext } from '../context';
import { findItemId } from '../lookup';
import { priceFromNetSuite } from '../mappers/price';
import { References } from '../references';
import type { NsCustomer, NsInventoryItem } from '../types';

/** Quotes a price; an unknown customer or SKU is a `data` error naming the request field. */
export async function getPrice(
  ctx: NetSuiteContext,
  request: PriceRequest,
  context: WriteContext,
): Promise<PriceQuote> {
  const refs = new References(ctx, context);
  const customerId = await refs.required('customer', request.customerId, '/customerId');
  const itemId = await findItemId(ctx, request.sku, context.signal);
  if (!itemId) refs.add('/sku', `${request.sku} is not an item in NetSuite`);
  if (!/^\d+(\.\d+)?$/.test(request.quantity)) refs.add('/quantity', `${request.quantity} is not a quantity`);
  refs.throwIfAny(`price request for ${request.sku}`);

  const [customer, item] = await Promise.all([
    ctx.transport.get<NsCustomer>('customer', encodeURIComponent(customerId), context.signal),
    ctx.transport.get<NsInventoryItem>('inventoryItem', encodeURIComponent(itemId ?? ''), context.signal),
  ]);
  if (!customer) refs.add('/customerId', `NetSuite has no customer ${customerId}`);
  if (!item) refs.add('/sku', `${request.sku} is not an item in NetSuite`);
  refs.throwIfAny(`price request for ${request.sku}`);
  return priceFromNetSuite(item!, customer!, request.quantity, ctx.config.currency);
}
