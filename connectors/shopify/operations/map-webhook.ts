import { HubError } from '../../../platform/errors';
import type { CanonicalEvent } from '../../sdk/ports/common';
import type { WebhookEnvelope } from '../../sdk/webhooks';
import { salesOrderFromRest } from '../mappers/index';
import type { OperationContext } from './context';

/** The order topics the connector subscribes to, and the hub event each becomes. */
export const ORDER_TOPICS: Record<string, string> = {
  'orders/create': 'sales-order.created',
  'orders/updated': 'sales-order.updated',
  'orders/cancelled': 'sales-order.cancelled',
};

/** An order webhook as a sales-order event; any other topic is a `data` error naming /topic. */
export function mapWebhook(ctx: OperationContext, envelope: WebhookEnvelope): CanonicalEvent[] {
  const event = ORDER_TOPICS[envelope.topic];
  if (!event) {
    throw new HubError(
      'data',
      `Shopify webhook topic ${JSON.stringify(envelope.topic)} is not one the connector handles`,
      {
        fieldErrors: [
          {
            path: '/topic',
            message: `must be one of ${Object.keys(ORDER_TOPICS).join(', ')} (X-Shopify-Topic)`,
          },
        ],
      },
    );
  }
  const document: CanonicalEvent['document'] = { ...salesOrderFromRest(envelope.payload, ctx.mapping) };
  return [{ event, document }];
}
