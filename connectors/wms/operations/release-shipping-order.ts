/** Releases a sales order to ShipHero, idempotently: the hub's order id is the order's partner_order_id. */
import type { SalesOrder } from '../../../canonical-model/generated/index';
import { isHubError } from '../../../platform/errors';
import type { WriteContext, WriteResult } from '../../sdk/ports/common';
import type { MapContext } from '../mappers/context';
import { toOrderCreateInput } from '../mappers/sales-order';
import type { WmsTransport } from '../transport';

const FIND = `query FindOrder($partner_order_id: String) {
  orders(partner_order_id: $partner_order_id) {
    request_id complexity
    data(first: 1) { edges { node { id order_number partner_order_id } } }
  }
}`;

const CREATE = `mutation CreateOrder($data: CreateOrderInput!) {
  order_create(data: $data) {
    request_id complexity
    order { id order_number partner_order_id }
  }
}`;

interface OrderNode {
  id: string;
  order_number?: string | null;
}

async function findOrder(transport: WmsTransport, orderId: string, signal?: AbortSignal) {
  const data = await transport.graphql<{ orders: { data: { edges: { node: OrderNode }[] } } }>(
    'orders',
    FIND,
    { partner_order_id: orderId },
    signal,
  );
  return data.orders.data.edges[0]?.node;
}

const result = (node: OrderNode, created: boolean): WriteResult => ({
  externalId: node.id,
  ...(node.order_number ? { documentNumber: node.order_number } : {}),
  created,
});

/** Finds the order by partner_order_id, else creates it; a create that loses a race returns the winner. */
export async function releaseShippingOrder(
  transport: WmsTransport,
  ctx: MapContext,
  order: SalesOrder,
  context: WriteContext,
): Promise<WriteResult> {
  const input = toOrderCreateInput(order, ctx);
  const existing = await findOrder(transport, order.id, context.signal);
  if (existing) return result(existing, false);
  try {
    const data = await transport.graphql<{ order_create: { order: OrderNode } }>(
      'order_create',
      CREATE,
      { data: input },
      context.signal,
    );
    return result(data.order_create.order, true);
  } catch (err) {
    if (isHubError(err) && err.kind === 'data' && /already exists/i.test(err.message)) {
      const winner = await findOrder(transport, order.id, context.signal);
      if (winner) return result(winner, false);
    }
    throw err;
  }
}
