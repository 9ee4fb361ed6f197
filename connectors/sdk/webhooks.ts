/**
 * Signed webhooks: what a connector declares to receive them, and the one HMAC check they share. A webhook is
 * verified over the raw bytes as received (never a re-serialised body), with a constant-time comparison.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** A webhook as the hub received it: the exact body bytes and the headers (lower-case names). */
export interface InboundWebhook {
  rawBody: Buffer;
  headers: Record<string, string | undefined>;
}

/** A verified webhook, read: its delivery id (for de-duplication), topic, and payload. */
export interface WebhookEnvelope {
  /** Unique per delivery attempt group: the sender repeats it on a retry of the same event. */
  deliveryId: string;
  /** The event, e.g. "orders/create" or "shipment.confirmed". */
  topic: string;
  /** When the sender says the event happened (ISO 8601), if it says. */
  occurredAt?: string;
  payload: unknown;
}

/** Why a webhook was refused without being read. */
export type WebhookRejection = 'missing-signature' | 'bad-signature' | 'malformed';

/** What a connector that receives webhooks declares. */
export interface WebhookReceiver<Config> {
  /** Checks the signature with the connector's secret; never throws for a bad webhook. */
  verify(
    config: Config,
    webhook: InboundWebhook,
  ): { valid: true } | { valid: false; reason: WebhookRejection };
  /** Reads a verified webhook; a body that does not parse is 'malformed'. */
  read(webhook: InboundWebhook): WebhookEnvelope | { malformed: string };
  /** The body the sender expects back on success, when it expects one (ShipHero wants a fixed JSON). */
  acknowledgement?: unknown;
}

/** HMAC-SHA256 of `body` with `secret`, in the encoding the sender uses. */
export function hmacSha256(secret: string, body: Buffer | string, encoding: 'base64' | 'hex'): string {
  return createHmac('sha256', secret).update(body).digest(encoding);
}

/** Constant-time check of a received HMAC-SHA256 signature (optionally after a prefix such as "sha256="). */
export function verifyHmacSha256(options: {
  secret: string;
  body: Buffer;
  signature: string | undefined;
  encoding: 'base64' | 'hex';
  prefix?: string;
}): { valid: true } | { valid: false; reason: WebhookRejection } {
  const { signature, prefix = '' } = options;
  if (!signature) return { valid: false, reason: 'missing-signature' };
  const received = signature.startsWith(prefix) ? signature.slice(prefix.length).trim() : '';
  const expected = Buffer.from(hmacSha256(options.secret, options.body, options.encoding), options.encoding);
  const given = Buffer.from(received, options.encoding);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { valid: false, reason: 'bad-signature' };
  }
  return { valid: true };
}
