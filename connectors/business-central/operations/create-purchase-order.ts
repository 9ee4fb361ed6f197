import type { PurchaseOrder } from '../../../canonical-model/generated/index';
import type { WriteContext, WriteResult } from '../../sdk/ports/common';
import type { BcContext } from '../context';
import type { BcRecord } from '../mappers/common';
import { purchaseOrderBody } from '../mappers/orders';
import { odataString } from '../transport';
import { findOne, requireReference, resolveItems } from './resolve';

/** Creates the purchase order under the canonical PO number; when that number exists already, returns it (idempotent). */
export async function createPurchaseOrder(
  ctx: BcContext,
  order: PurchaseOrder,
  context: WriteContext,
): Promise<WriteResult> {
  const { transport, config } = ctx;
  const signal = context.signal;
  const existing = await findOne(
    transport,
    'purchaseOrders',
    `number eq ${odataString(order.poNumber)}`,
    signal,
  );
  if (existing)
    return { externalId: String(existing.id), documentNumber: String(existing.number), created: false };
  const vendorId = await requireReference(
    context.references,
    'supplier',
    order.supplierId,
    '/supplierId',
    'purchase order',
  );
  const itemIds = await resolveItems(
    transport,
    context.references,
    order.lines.map((l) => l.item),
    (i) => `/lines/${i}/item`,
    'purchase order',
    signal,
  );
  const created = await transport.request<BcRecord>({
    method: 'POST',
    path: '/purchaseOrders',
    body: purchaseOrderBody(order, vendorId, itemIds, config.localCurrency),
    ...(signal ? { signal } : {}),
  });
  return { externalId: String(created.body.id), documentNumber: String(created.body.number), created: true };
}
