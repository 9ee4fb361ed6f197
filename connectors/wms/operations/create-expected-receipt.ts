/**
 * Tells ShipHero what an inbound ASN brings: one purchase order per PO it ships against, each found by its
 * `partner_order_number` (`<ASN id>#<PO number>`) before it is created, so a retry — or every PO workflow of a
 * multi-PO ASN sending the same ASN — creates each only once.
 */
import type { AdvanceShipNotice } from '../../../canonical-model/generated/index';
import type { WriteContext, WriteResult } from '../../sdk/ports/common';
import { toPurchaseOrderCreateInputs } from '../mappers/advance-ship-notice';
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

/**
 * Finds or creates the purchase order of each PO of the ASN. The answer names them all: `externalId` is the
 * ShipHero ids joined by ",", `documentNumber` the PO numbers likewise; `created` is true when any was created.
 */
export async function createExpectedReceipt(
  transport: WmsTransport,
  ctx: MapContext,
  asn: AdvanceShipNotice,
  context: WriteContext,
): Promise<WriteResult> {
  const inputs = toPurchaseOrderCreateInputs(asn, ctx);
  const done: { node: PurchaseOrderNode; created: boolean }[] = [];
  for (const input of inputs) {
    const found = await transport.graphql<{
      purchase_orders: { data: { edges: { node: PurchaseOrderNode }[] } };
    }>('purchase_orders', FIND, { partner_order_number: input.partnerOrderNumber }, context.signal);
    const existing = found.purchase_orders.data.edges[0]?.node;
    if (existing) {
      done.push({ node: existing, created: false });
      continue;
    }
    const data = await transport.graphql<{ purchase_order_create: { purchase_order: PurchaseOrderNode } }>(
      'purchase_order_create',
      CREATE,
      { data: input.data },
      context.signal,
    );
    done.push({ node: data.purchase_order_create.purchase_order, created: true });
  }
  const numbers = done.map((d) => d.node.po_number).filter((n): n is string => Boolean(n));
  return {
    externalId: done.map((d) => d.node.id).join(','),
    ...(numbers.length ? { documentNumber: numbers.join(',') } : {}),
    created: done.some((d) => d.created),
  };
}
