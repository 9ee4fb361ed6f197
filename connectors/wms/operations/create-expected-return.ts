/** Tells ShipHero to expect a customer return against the order that shipped it; idempotent by the Return's id. */
import type { Return } from '../../../canonical-model/generated/index';
import { HubError, isHubError } from '../../../platform/errors';
import type { WriteContext, WriteResult } from '../../sdk/ports/common';
import type { MapContext } from '../mappers/context';
import { toReturnCreateInput } from '../mappers/return';
import type { WmsTransport } from '../transport';

const ORDER = `query ReturnOrder($partner_order_id: String) {
  orders(partner_order_id: $partner_order_id) {
    request_id complexity
    data(first: 1) { edges { node { id } } }
  }
}`;

const RETURNS = `query OrderReturns($order_id: String) {
  returns(order_id: $order_id) {
    request_id complexity
    data(first: 100) { edges { node { id legacy_id partner_id } } }
  }
}`;

const CREATE = `mutation CreateReturn($data: CreateReturnInput!) {
  return_create(data: $data) { request_id complexity return { id legacy_id partner_id } }
}`;

interface ReturnNode {
  id: string;
  legacy_id?: number | null;
  partner_id?: string | null;
}

type Edges<T> = { data: { edges: { node: T }[] } };

const result = (node: ReturnNode, created: boolean): WriteResult => ({
  externalId: node.id,
  ...(node.legacy_id ? { documentNumber: String(node.legacy_id) } : {}),
  created,
});

/** ShipHero's refusal of a return line ("line_items.1.sku: …") with the canonical line's field named. */
function withLineField(err: unknown): unknown {
  const match =
    isHubError(err) && err.kind === 'data' ? /line_items\.(\d+)\.(sku|quantity)/.exec(err.message) : null;
  if (!isHubError(err) || !match) return err;
  const path = `/lines/${match[1]}/${match[2] === 'sku' ? 'item/identifiers' : 'quantity/value'}`;
  return new HubError('data', err.message, {
    fieldErrors: [{ path, message: err.message }],
    ...(err.upstream ? { upstream: err.upstream } : {}),
    cause: err,
  });
}

/** Finds the ShipHero order released for `salesOrderId`, then its return with partner_id = the Return's id, else creates it. */
export async function createExpectedReturn(
  transport: WmsTransport,
  ctx: MapContext,
  ret: Return,
  context: WriteContext,
): Promise<WriteResult> {
  const input = toReturnCreateInput(ret, ctx);
  const { orders } = await transport.graphql<{ orders: Edges<{ id: string }> }>(
    'orders',
    ORDER,
    { partner_order_id: ret.salesOrderId },
    context.signal,
  );
  const orderId = orders.data.edges[0]?.node.id;
  if (!orderId) {
    const message = `${ret.salesOrderId} was never released to ShipHero, so it has no order to return against`;
    throw new HubError(
      'data',
      `ShipHero expected return of Return ${ret.id} does not map: /salesOrderId ${message}`,
      {
        fieldErrors: [{ path: '/salesOrderId', message }],
      },
    );
  }
  const { returns } = await transport.graphql<{ returns: Edges<ReturnNode> }>(
    'returns',
    RETURNS,
    { order_id: orderId },
    context.signal,
  );
  const existing = returns.data.edges.find((e) => e.node.partner_id === ret.id)?.node;
  if (existing) return result(existing, false);
  try {
    const data = await transport.graphql<{ return_create: { return: ReturnNode } }>(
      'return_create',
      CREATE,
      { data: { ...input, order_id: orderId } },
      context.signal,
    );
    return result(data.return_create.return, true);
  } catch (err) {
    throw withLineField(err);
  }
}
