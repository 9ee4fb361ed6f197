/**
 * The portal's webhooks: `X-Portal-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` (as
 * Stripe signs), `X-Portal-Event` and `X-Portal-Delivery`. A signature older (or newer) than the tolerance is a
 * replay and refused as a bad signature.
 */
import { parseJson } from '../sdk/json';
import { verifyHmacSha256 } from '../sdk/webhooks';
import type { InboundWebhook, WebhookEnvelope, WebhookReceiver, WebhookRejection } from '../sdk/webhooks';
import type { SupplierPortalConfig } from './config-schema';
import { record } from './mappers/context';

/** How far a signature's timestamp may be from now: five minutes, as the portal documents. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** Checks the portal signature of a webhook against the connector's secret, at `now`. */
export function verifyPortalSignature(
  secret: string,
  webhook: InboundWebhook,
  now = Date.now(),
): { valid: true } | { valid: false; reason: WebhookRejection } {
  const header = webhook.headers['x-portal-signature'];
  if (!header) return { valid: false, reason: 'missing-signature' };
  const parts = header.split(',').map((kv) => kv.trim().split('='));
  const timestamp = parts.find(([k]) => k === 't')?.[1];
  const signatures = parts.filter(([k, v]) => k === 'v1' && v).map(([, v]) => v as string);
  if (!timestamp || !/^\d{1,12}$/.test(timestamp) || !signatures.length)
    return { valid: false, reason: 'bad-signature' };
  if (Math.abs(now / 1000 - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS) {
    return { valid: false, reason: 'bad-signature' };
  }
  const signed = Buffer.concat([Buffer.from(`${timestamp}.`), webhook.rawBody]);
  const ok = signatures.some(
    (signature) => verifyHmacSha256({ secret, body: signed, signature, encoding: 'hex' }).valid,
  );
  return ok ? { valid: true } : { valid: false, reason: 'bad-signature' };
}

/** Reads a verified portal event: delivery id, topic, when it happened, and the document it carries. */
export function readPortalWebhook(webhook: InboundWebhook): WebhookEnvelope | { malformed: string } {
  let body: unknown;
  try {
    body = parseJson(webhook.rawBody.toString('utf8'));
  } catch {
    return { malformed: 'the body is not JSON' };
  }
  const event = record(body);
  const topic =
    webhook.headers['x-portal-event'] ?? (typeof event.type === 'string' ? event.type : undefined);
  const deliveryId =
    webhook.headers['x-portal-delivery'] ?? (typeof event.id === 'string' ? event.id : undefined);
  const payload = record(event.data).object;
  if (!topic) return { malformed: 'no X-Portal-Event header and no "type"' };
  if (!deliveryId) return { malformed: 'no X-Portal-Delivery header and no event "id"' };
  if (payload === undefined) return { malformed: 'no "data.object" in the event' };
  return {
    deliveryId,
    topic,
    ...(typeof event.created === 'number'
      ? { occurredAt: new Date(event.created * 1000).toISOString() }
      : {}),
    payload,
  };
}

/** The manifest's webhook receiver. */
export const supplierPortalWebhooks: WebhookReceiver<SupplierPortalConfig> = {
  verify: (config, webhook) => verifyPortalSignature(config.webhookSecret, webhook),
  read: readPortalWebhook,
};
