/**
 * The hub's side of a webhook: find the connector, verify the signature over the exact bytes (a bad or missing
 * signature is refused and counted, never read), de-duplicate by the sender's delivery id, keep the delivery,
 * turn it into canonical events through the connector's mapper, validate them, and publish them for the flows.
 * Every verified delivery is kept and acknowledged — even one that does not map, which waits in `failed` for a
 * fix and a replay — because senders retry (and eventually disable) webhooks that are not acknowledged.
 */
import { createHash } from 'node:crypto';
import type { CanonicalValidator } from '../canonical-model/validate';
import type { CanonicalEvent } from '../connectors/sdk/ports/common';
import type { ConnectorManifest } from '../connectors/sdk/types';
import type { InboundWebhook, WebhookEnvelope, WebhookRejection } from '../connectors/sdk/webhooks';
import type { HubLogger } from '../monitoring/logger';
import type { HubMetrics } from '../monitoring/metrics';
import type { ConnectorStore, ConnectorTypeLookup } from './connector-store-types';
import { HubError, classifyError } from './errors';
import type { InboundDedup } from './inbound-dedup';
import type { InboundCanonicalEvent, InboundEventRecord, InboundEvents } from './inbound-events';
import type { EventProducer } from './kafka';
import { TOPICS } from './kafka-topics';

/** What the webhook route needs. */
export interface WebhookIngressDeps {
  connectors: ConnectorStore;
  registry: ConnectorTypeLookup;
  dedup: InboundDedup;
  events: InboundEvents;
  producer: Pick<EventProducer, 'send'>;
  validator: CanonicalValidator;
  logger: HubLogger;
  metrics: Pick<HubMetrics, 'webhooks' | 'inboundDuplicates'>;
}

/** What happened to one delivery, for the HTTP answer. */
export type IngressOutcome =
  | { outcome: 'rejected'; reason: WebhookRejection }
  | { outcome: 'no-webhooks'; connectorType: string }
  | { outcome: 'duplicate'; acknowledgement?: unknown }
  | { outcome: 'stored'; record: InboundEventRecord; acknowledgement?: unknown };

interface WebhookCapable {
  mapWebhook(envelope: WebhookEnvelope): CanonicalEvent[];
}

function canMap(instance: unknown): instance is WebhookCapable {
  return typeof (instance as Partial<WebhookCapable> | null)?.mapWebhook === 'function';
}

const NOT_KEPT = new Set(['authorization', 'cookie', 'proxy-authorization']);

function keptHeaders(headers: Record<string, string | undefined>): { name: string; value: string }[] {
  return Object.entries(headers).flatMap(([name, value]) =>
    value === undefined || NOT_KEPT.has(name) ? [] : [{ name, value }],
  );
}

/** The connector behind a delivery with its decrypted config, manifest and receiver; undefined without webhooks. */
async function webhookConnector(deps: WebhookIngressDeps, connectorId: string) {
  const connector = await deps.connectors.getDecryptedConfig(connectorId);
  const manifest = deps.registry.getConnectorType(connector.type);
  const receiver = manifest?.webhooks;
  return { connector, found: manifest && receiver ? { manifest, receiver } : undefined };
}

/** Receives one webhook for `connectorId`. Unknown connectors throw the store's not-found error (404). */
export async function receiveWebhook(
  deps: WebhookIngressDeps,
  connectorId: string,
  webhook: InboundWebhook,
  correlationId?: string,
): Promise<IngressOutcome> {
  const { connector, found } = await webhookConnector(deps, connectorId);
  if (!found) return { outcome: 'no-webhooks', connectorType: connector.type };
  const { manifest, receiver } = found;
  const count = (outcome: string) => deps.metrics.webhooks.inc({ connector_type: connector.type, outcome });

  const verdict = receiver.verify(connector.config, webhook);
  if (!verdict.valid) {
    count(`rejected-${verdict.reason}`);
    deps.logger.warn({ connectorId, reason: verdict.reason }, 'webhook refused: signature did not verify');
    return { outcome: 'rejected', reason: verdict.reason };
  }

  const read = receiver.read(webhook);
  const unreadable = 'malformed' in read ? read.malformed : undefined;
  // A body that cannot be read has no delivery id of its own: its hash stands in, so a resend is still a duplicate.
  const envelope: WebhookEnvelope =
    'malformed' in read
      ? {
          deliveryId: `sha256:${createHash('sha256').update(webhook.rawBody).digest('hex')}`,
          topic: 'unreadable',
          payload: undefined,
        }
      : read;
  const key = { sourceConnectorId: connectorId, externalId: `webhook/${envelope.deliveryId}`, version: 1 };
  if ((await deps.dedup.claim(key)) === 'duplicate') {
    count('duplicate');
    deps.metrics.inboundDuplicates.inc({ source: connectorId });
    return { outcome: 'duplicate', acknowledgement: receiver.acknowledgement };
  }
  try {
    const record = await deps.events.record({
      connectorId,
      connectorType: connector.type,
      deliveryId: envelope.deliveryId,
      topic: envelope.topic,
      rawBody: webhook.rawBody.toString('utf8'),
      headers: keptHeaders(webhook.headers),
      ...(correlationId === undefined ? {} : { correlationId }),
      events: [],
      ...(unreadable === undefined
        ? { status: 'unpublished' as const }
        : {
            status: 'failed' as const,
            error: { kind: 'data', message: `the body could not be read: ${unreadable}` },
          }),
    });
    const processed =
      unreadable === undefined ? await mapAndPublish(deps, manifest, connector, record, envelope) : record;
    count(processed.status);
    return { outcome: 'stored', record: processed, acknowledgement: receiver.acknowledgement };
  } catch (err) {
    // Not stored: give the claim back so the sender's retry is taken.
    await deps.dedup.release(key);
    throw err;
  }
}

/**
 * Reads a kept delivery again — its exact body and the headers it came with — after a connector fix, maps it and
 * publishes its events; the record counts the replay.
 */
export async function replayInboundEvent(deps: WebhookIngressDeps, id: string): Promise<InboundEventRecord> {
  const record = await deps.events.get(id);
  if (record.status === 'accepted') return record;
  const { connector, found } = await webhookConnector(deps, record.connectorId);
  if (!found) throw new HubError('config', `connector type ${connector.type} no longer receives webhooks`);
  const read = found.receiver.read({
    rawBody: Buffer.from(record.rawBody, 'utf8'),
    headers: Object.fromEntries(record.headers.map((h) => [h.name, h.value])),
  });
  if ('malformed' in read) {
    return deps.events.update(
      id,
      { status: 'failed', events: [], error: { kind: 'data', message: read.malformed } },
      { replayed: true },
    );
  }
  return mapAndPublish(
    deps,
    found.manifest,
    connector,
    record,
    { ...read, deliveryId: record.deliveryId },
    true,
  );
}

async function mapAndPublish(
  deps: WebhookIngressDeps,
  manifest: ConnectorManifest,
  connector: { id: string; config: Record<string, unknown> },
  record: InboundEventRecord,
  envelope: WebhookEnvelope,
  replayed = false,
): Promise<InboundEventRecord> {
  let events: CanonicalEvent[];
  try {
    const instance = manifest.create(connector.config, { logger: deps.logger, connectorId: connector.id });
    if (!canMap(instance))
      throw new HubError('bug', `${manifest.type} declares webhooks but cannot map them`);
    events = instance.mapWebhook(envelope);
    for (const [i, e] of events.entries()) {
      const checked = deps.validator.validate(e.document.documentType, e.document);
      if (!checked.valid) {
        throw new HubError(
          'data',
          `event ${i} (${e.event}) is not a valid canonical ${e.document.documentType}`,
          {
            fieldErrors: checked.errors,
          },
        );
      }
    }
  } catch (err) {
    const hub = classifyError(err);
    deps.logger.warn(
      { connectorId: connector.id, deliveryId: record.deliveryId, kind: hub.kind },
      'webhook did not map; kept',
    );
    return deps.events.update(
      record._id,
      {
        status: 'failed',
        events: [],
        error: {
          kind: hub.kind,
          message: hub.message,
          ...(hub.fieldErrors ? { fieldErrors: hub.fieldErrors } : {}),
        },
      },
      { replayed },
    );
  }
  const summary: InboundCanonicalEvent[] = events.map((e) => ({
    event: e.event,
    documentType: e.document.documentType,
    documentId: e.document.id,
  }));
  try {
    for (const e of events) {
      const message = {
        inboundEventId: record._id,
        event: e.event,
        connectorId: connector.id,
        deliveryId: record.deliveryId,
        document: e.document,
      };
      await deps.producer.send(
        TOPICS.inboundEvents.name,
        e.document.id,
        Buffer.from(JSON.stringify(message)),
        record.correlationId === undefined ? {} : { 'correlation-id': record.correlationId },
      );
    }
  } catch (err) {
    deps.logger.warn(
      { err, inboundEventId: record._id },
      'canonical events not published yet; kept as unpublished',
    );
    return deps.events.update(record._id, { status: 'unpublished', events: summary }, { replayed });
  }
  return deps.events.update(record._id, { status: 'accepted', events: summary }, { replayed });
}
