/**
 * ShipHero webhooks: HMAC-SHA256 of the raw body with the webhook secret, base64, in `x-shiphero-hmac-sha256`;
 * the topic is the body's `webhook_type`. The delivery id is the body's `webhook_id` (the sender repeats the
 * same body on a retry), or a digest of the raw body when a webhook carries none — identical resends still match.
 */
import { createHash } from 'node:crypto';
import { parseJson } from '../sdk/json';
import { verifyHmacSha256 } from '../sdk/webhooks';
import type { InboundWebhook, WebhookEnvelope, WebhookReceiver } from '../sdk/webhooks';
import type { WmsConfig } from './config-schema';

/** The signature header ShipHero sends. */
export const SIGNATURE_HEADER = 'x-shiphero-hmac-sha256';

/** The body ShipHero expects back, or it retries the webhook. */
export const SHIPHERO_ACKNOWLEDGEMENT = Object.freeze({ code: '200', Message: 'Success' });

function read(webhook: InboundWebhook): WebhookEnvelope | { malformed: string } {
  let payload: unknown;
  try {
    payload = parseJson(webhook.rawBody.toString('utf8'));
  } catch {
    return { malformed: 'the body is not JSON' };
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return { malformed: 'the body is not a JSON object' };
  }
  const body = payload as Record<string, unknown>;
  if (typeof body.webhook_type !== 'string' || !body.webhook_type.trim()) {
    return { malformed: '/webhook_type is missing' };
  }
  const deliveryId =
    typeof body.webhook_id === 'string' && body.webhook_id
      ? body.webhook_id
      : `sha256:${createHash('sha256').update(webhook.rawBody).digest('hex')}`;
  return { deliveryId, topic: body.webhook_type, payload };
}

/** The ShipHero webhook receiver of the manifest. */
export const wmsWebhookReceiver: WebhookReceiver<WmsConfig> = {
  verify: (config, webhook) =>
    verifyHmacSha256({
      secret: config.webhookSecret,
      body: webhook.rawBody,
      signature: webhook.headers[SIGNATURE_HEADER],
      encoding: 'base64',
    }),
  read,
  acknowledgement: SHIPHERO_ACKNOWLEDGEMENT,
};
