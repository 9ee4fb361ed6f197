/** publish-purchase-order: POST /api/v1/purchase-orders, idempotent by the Idempotency-Key and the PO number. */
import type { PurchaseOrder } from '../../../canonical-model/generated/index';
import { HubError } from '../../../platform/errors';
import type { WriteContext, WriteResult } from '../../sdk/ports/common';
import type { SupplierPortalConfig } from '../config-schema';
import { purchaseOrderToPortal } from '../mappers/purchase-order';
import type { PortalTransport } from '../transport';
import { SYSTEM } from '../transport';

interface PortalPo {
  id?: unknown;
  po_number?: unknown;
  buyer_reference?: unknown;
}

/**
 * Publishes a PO: resolves the supplier, sends it with the context's idempotency key (201 created, 200 replayed),
 * and treats "this PO number was already submitted" as done when the portal's copy is the same order.
 */
export async function publishPurchaseOrder(
  transport: PortalTransport,
  config: SupplierPortalConfig,
  order: PurchaseOrder,
  context: WriteContext,
): Promise<WriteResult> {
  const supplier = await context.references.externalId('supplier', order.supplierId);
  if (!supplier) {
    throw new HubError('data', `supplier ${order.supplierId} has no account on the supplier portal`, {
      fieldErrors: [
        { path: '/supplierId', message: `${order.supplierId} is not linked to a portal supplier` },
      ],
    });
  }
  const body = purchaseOrderToPortal(order, supplier, config.buyerCode);
  const res = await transport.request<PortalPo>({
    method: 'POST',
    path: '/api/v1/purchase-orders',
    body,
    headers: { 'idempotency-key': context.idempotencyKey },
    accept: [409],
    ...(context.signal ? { signal: context.signal } : {}),
  });
  if (res.status === 409) return findExisting(transport, order, context.signal);
  return resultOf(res.body, res.status === 201);
}

function resultOf(po: PortalPo | undefined, created: boolean): WriteResult {
  if (typeof po?.id !== 'string')
    throw new HubError('transient', `${SYSTEM} answered without a purchase order id`);
  return {
    externalId: po.id,
    ...(typeof po.po_number === 'string' ? { documentNumber: po.po_number } : {}),
    created,
  };
}

async function findExisting(
  transport: PortalTransport,
  order: PurchaseOrder,
  signal: AbortSignal | undefined,
): Promise<WriteResult> {
  const res = await transport.request<{ data?: PortalPo[] }>({
    method: 'GET',
    path: '/api/v1/purchase-orders',
    query: { po_number: order.poNumber, limit: 10 },
    ...(signal ? { signal } : {}),
  });
  const same = res.body?.data?.find((po) => po.buyer_reference === order.id);
  if (!same) {
    throw new HubError(
      'data',
      `PO number ${order.poNumber} is already used on the supplier portal by another order`,
      {
        fieldErrors: [
          { path: '/poNumber', message: 'is already used on the supplier portal by another order' },
        ],
      },
    );
  }
  return resultOf(same, false);
}
