/**
 * create-purchase-order: creates the order under its canonical id as externalId; a retry finds it and answers
 * `created: false` without changing it.
 */
import type { PurchaseOrder } from '../../../canonical-model/generated/index';
import type { WriteContext, WriteResult } from '../../sdk/ports/common';
import type { NetSuiteContext } from '../context';
import { purchaseOrderToNetSuite } from '../mappers/orders';
import { References } from '../references';
import { byExternalId } from '../transport';
import type { NsOrder } from '../types';

/** Creates the purchase order once. */
export async function createPurchaseOrder(
  ctx: NetSuiteContext,
  order: PurchaseOrder,
  context: WriteContext,
): Promise<WriteResult> {
  const refs = new References(ctx, context);
  const entityId = await refs.required('supplier', order.supplierId, '/supplierId');
  const locationId = await refs.optional('location', order.shipToLocationId, '/shipToLocationId');
  const itemIds: string[] = [];
  for (const [i, line] of order.lines.entries()) itemIds.push(await refs.item(line.item, `/lines/${i}/item`));
  refs.throwIfAny(`purchase order ${order.id}`);

  const earlier = await ctx.transport.get<NsOrder>('purchaseOrder', byExternalId(order.id), context.signal);
  if (earlier?.id) {
    return {
      externalId: earlier.id,
      ...(earlier.tranId ? { documentNumber: earlier.tranId } : {}),
      created: false,
    };
  }
  const body = purchaseOrderToNetSuite(
    order,
    { entityId, itemIds, ...(locationId ? { locationId } : {}) },
    ctx.config,
  );
  const id = await ctx.transport.upsert('purchaseOrder', order.id, body, context.signal);
  const made = await ctx.transport.get<NsOrder>('purchaseOrder', encodeURIComponent(id), context.signal);
  return { externalId: id, ...(made?.tranId ? { documentNumber: made.tranId } : {}), created: true };
}
