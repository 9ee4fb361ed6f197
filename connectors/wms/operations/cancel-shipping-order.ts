/** Cancels a released ShipHero order unless it has shipped; an already cancelled order stays cancelled. */
import { isHubError } from '../../../platform/errors';
import type { WriteContext } from '../../sdk/ports/common';
import type { WmsTransport } from '../transport';

const STATUS = `query OrderStatus($id: String!) {
  order(id: $id) { request_id complexity data { id order_number fulfillment_status } }
}`;

const CANCEL = `mutation CancelOrder($data: CancelOrderInput!) {
  order_cancel(data: $data) { request_id complexity order { id fulfillment_status } }
}`;

interface OrderStatus {
  id: string;
  order_number?: string | null;
  fulfillment_status?: string | null;
}

const shippedReason = (order: OrderStatus) =>
  `ShipHero order ${order.order_number ?? order.id} has already shipped (fulfillment status "${order.fulfillment_status ?? 'fulfilled'}")`;

/** Cancels `externalId` (a ShipHero order id); `cancelled: false` with the reason once it has shipped. */
export async function cancelShippingOrder(
  transport: WmsTransport,
  externalId: string,
  reason: string,
  context: WriteContext,
): Promise<{ cancelled: boolean; reason?: string }> {
  const { order } = await transport.graphql<{ order: { data: OrderStatus | null } }>(
    'order',
    STATUS,
    { id: externalId },
    context.signal,
  );
  if (!order.data) return { cancelled: false, reason: `ShipHero has no order ${externalId}` };
  const status = (order.data.fulfillment_status ?? '').toLowerCase();
  if (status === 'canceled' || status === 'cancelled') return { cancelled: true };
  if (status === 'fulfilled' || status === 'shipped')
    return { cancelled: false, reason: shippedReason(order.data) };
  try {
    await transport.graphql(
      'order_cancel',
      CANCEL,
      { data: { order_id: externalId, reason } },
      context.signal,
    );
    return { cancelled: true };
  } catch (err) {
    // It shipped between the read and the cancel.
    if (isHubError(err) && err.kind === 'data' && /fulfilled|shipped/i.test(err.message)) {
      return { cancelled: false, reason: shippedReason(order.data) };
    }
    throw err;
  }
}
