/**
 * Shopify webhooks: X-Shopify-Hmac-Sha256 is the base64 HMAC-SHA256 of the raw body with the app's client secret;
 * X-Shopify-Webhook-Id is the same on every retry of one event (the de-duplication key). Bodies are read with exact
 * big integers, so an order id above 2^53 arrives as its exact digits.
 */
import { parseJson } from '../sdk/json';
import { verifyHmacSha256 } from '../sdk/webhooks';
import type { WebhookReceiver } from '../sdk/webhooks';
import type { ShopifyConfig } from './config-schema';

/** Verifies and reads Shopify webhooks. */
export const shopifyWebhooks: WebhookReceiver<ShopifyConfig> = {
  verify(config, webhook) {
    return verifyHmacSha256({
      secret: config.webhookSecret,
      body: webhook.rawBody,
      signature: webhook.headers['x-shopify-hmac-sha256'],
      encoding: 'base64',
    });
  },
  read(webhook) {
    const topic = webhook.headers['x-shopify-topic']?.trim();
    const deliveryId =
      webhook.headers['x-shopify-webhook-id']?.trim() || webhook.headers['x-shopify-event-id']?.trim();
    if (!topic) return { malformed: 'the X-Shopify-Topic header is missing' };
    if (!deliveryId) return { malformed: 'the X-Shopify-Webhook-Id header is missing' };
    let payload: unknown;
    try {
      payload = parseJson(webhook.rawBody.toString('utf8'));
    } catch (err) {
      return {
        malformed: `the body is not JSON (${err instanceof Error ? err.message.slice(0, 200) : 'unreadable'})`,
      };
    }
    const occurredAt = webhook.headers['x-shopify-triggered-at']?.trim();
    return { deliveryId, topic, payload, ...(occurredAt ? { occurredAt } : {}) };
  },
};
