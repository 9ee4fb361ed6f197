/** Tells ShipHero what an inbound ASN brings, as a purchase order; idempotent by the ASN's id. */
import type { AdvanceShipNotice } from '../../../canonical-model/generated/index';
import type { WriteContext, WriteResult } from '../../sdk/ports/common';
import { toPurchaseOrderCreateInput } from '../mappers/advance-ship-notice';
import type { MapContext } from '../mappers/context';
import type { WmsTransport } from '../transport';

const FIND = `query FindPurchaseOrder($partner_order_number: String) {
  purchase_orders(partner_order_number: $partner_order_number) {
    request_id complexity
    data(first: 1) { edges { node { id po_number } } }
  }
}`;

const CREATE = `mutation CreatePurchaseOrder($data: CreatePurchaseOrderInput!) {
  purchase_order_create(data: $data) { request_id complexity purchase_order { id po_number } }
}`;

interface PurchaseOrderNode {
  id: string;
  po_number?: string | null;
}

const result = (node: PurchaseOrderNode, created: boolean): WriteResult => ({
  externalId: node.id,
  ...(node.po_number ? { documentNumber: node.po_number } : {}),
  created,
});

/** Finds the purchase order by partner_order_number (the ASN id), else creates it. */
export async function createExpectedReceipt(
  transport: WmsTransport,
  ctx: MapContext,
  asn: AdvanceShipNotice,
  context: WriteContext,
): Promise<WriteResult> {
  const input = toPurchaseOrderCreateInput(asn, ctx);
  const found = await transport.graphql<{
    purchase_orders: { data: { edges: { node: PurchaseOrderNode }[] } };
  }>('purchase_orders', FIND, { partner_order_number: asn.id }, context.signal);
  const existing = found.purchase_orders.data.edges[0]?.node;
  if (existing) return result(existing, false);
  const data = await transport.graphql<{ purchase_order_create: { purchase_order: PurchaseOrderNode } }>(
    'purchase_order_create',
    CREATE,
    { data: input },
    context.signal,
  );
  return result(data.purchase_order_create.purchase_order, true);
}
