/**
 * upsert-sales-order: `PUT salesOrder/eid:{canonical order id}` creates the order or replaces it, so a retried
 * create never makes a second order; `created` tells whether NetSuite had it before.
 */
import type { SalesOrder } from '../../../canonical-model/generated/index';
import type { WriteContext, WriteResult } from '../../sdk/ports/common';
import type { NetSuiteContext } from '../context';
import { salesOrderToNetSuite } from '../mappers/orders';
import { References } from '../references';
import { byExternalId } from '../transport';
import type { NsOrder } from '../types';

/** Creates or updates the sales order. */
export async function upsertSalesOrder(
  ctx: NetSuiteContext,
  order: SalesOrder,
  context: WriteContext,
): Promise<WriteResult> {
  const refs = new References(ctx, context);
  const entityId = await refs.required('customer', order.customerId, '/customerId');
  const locationId = await refs.optional('location', order.shipFromLocationId, '/shipFromLocationId');
  const itemIds: string[] = [];
  for (const [i, line] of order.lines.entries()) itemIds.push(await refs.item(line.item, `/lines/${i}/item`));
  refs.throwIfAny(`sales order ${order.id}`);

  const body = salesOrderToNetSuite(
    order,
    { entityId, itemIds, ...(locationId ? { locationId } : {}) },
    ctx.config,
  );
  const before = await ctx.transport.get<NsOrder>('salesOrder', byExternalId(order.id), context.signal);
  const id = await ctx.transport.upsert('salesOrder', order.id, body, context.signal);
  const after = await ctx.transport.get<NsOrder>('salesOrder', encodeURIComponent(id), context.signal);
  return { externalId: id, ...(after?.tranId ? { documentNumber: after.tranId } : {}), created: !before };
}
