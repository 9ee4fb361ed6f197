import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, MongoClient } from 'mongodb';
import { openTestDatabase } from '../test/support/database';
import { loadFixture } from '../canonical-model/fixtures/load-fixture';
import { createCanonicalValidator } from '../canonical-model/validate';
import { RETRY_POLICY_SCHEMA } from '../connectors/sdk/types';
import type { ConnectorManifest } from '../connectors/sdk/types';
import { MappingProblems } from '../connectors/sdk/mapping';
import { hmacSha256, verifyHmacSha256 } from '../connectors/sdk/webhooks';
import { parseJson } from '../connectors/sdk/json';
import { createLogger } from '../monitoring/logger';
import { createMetrics } from '../monitoring/metrics';
import { createConnectorStore } from './connector-store';
import { createInboundDedup } from './inbound-dedup';
import { createInboundEvents } from './inbound-events';
import { createSecretBox } from './secrets';
import { TOPICS } from './kafka-topics';
import { receiveWebhook, replayInboundEvent } from './webhook-ingress';
import type { WebhookIngressDeps } from './webhook-ingress';

/** A vendor whose webhooks carry an item: signed in x-sig, delivery id in x-delivery. */
let requireBrand = false;
const vendor: ConnectorManifest<{ webhookSecret: string }> = {
  type: 'test-vendor',
  version: '1.0.0',
  kind: 'commerce',
  displayName: 'Test vendor',
  description: 'Sends item webhooks.',
  capabilities: { supportsWebhooks: true, operations: [] },
  configSchema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    required: ['webhookSecret'],
    properties: { webhookSecret: { type: 'string', 'x-secret': true }, retry: RETRY_POLICY_SCHEMA },
  },
  create: (_config, deps) => ({
    mapWebhook: (envelope: { payload: unknown }) => {
      const p = new MappingProblems('Test vendor');
      const payload = envelope.payload as { sku?: unknown; brand?: unknown };
      const sku = p.text(payload.sku, '/sku');
      if (requireBrand) p.text(payload.brand, '/brand');
      p.throwIfAny('item');
      const item = { ...loadFixture('item'), sku, id: `itm_${sku}` };
      item.source = { ...item.source, connectorId: deps.connectorId ?? 'unregistered' };
      return [{ event: 'item.changed', document: item }];
    },
  }),
  check: () => Promise.resolve({ ok: true, checks: [] }),
  webhooks: {
    verify: (config, w) =>
      verifyHmacSha256({
        secret: config.webhookSecret,
        body: w.rawBody,
        signature: w.headers['x-sig'],
        encoding: 'hex',
      }),
    read: (w) => {
      // Like real senders, the delivery id travels in a header: a replay must read the headers that came with it.
      const deliveryId = w.headers['x-delivery'];
      if (!deliveryId) return { malformed: 'no x-delivery header' };
      try {
        return {
          deliveryId,
          topic: 'item/changed',
          payload: parseJson(w.rawBody.toString()),
        };
      } catch (err) {
        return { malformed: String(err) };
      }
    },
    acknowledgement: { code: '200', Message: 'Success' },
  },
};

let client: MongoClient;
let db: Db;
let deps: WebhookIngressDeps;
let connectorId: string;
const sent: { topic: string; key: string; value: Record<string, unknown> }[] = [];
let brokerUp = true;
const metrics = createMetrics('api');

const webhook = (body: string, deliveryId: string, secret = 'whsec') => ({
  rawBody: Buffer.from(body),
  headers: { 'x-sig': hmacSha256(secret, body, 'hex'), 'x-delivery': deliveryId },
});
const counter = async (outcome: string) =>
  (await metrics.webhooks.get()).values.find((v) => v.labels.outcome === outcome)?.value ?? 0;

beforeAll(async () => {
  ({ client, db } = await openTestDatabase('hub_webhooks'));
  const lookup = {
    getConnectorType: (t: string) => (t === vendor.type ? (vendor as ConnectorManifest) : undefined),
    listConnectorTypes: () => [vendor as ConnectorManifest],
  };
  const connectors = createConnectorStore(db, createSecretBox(randomBytes(32)), lookup);
  const dedup = createInboundDedup(db);
  const events = createInboundEvents(db);
  for (const s of [connectors, dedup, events]) await s.ensureIndexes();
  connectorId = (
    await connectors.create({ name: 'shop', type: vendor.type, config: { webhookSecret: 'whsec' } })
  ).id;
  deps = {
    connectors,
    registry: lookup,
    dedup,
    events,
    producer: {
      send: (topic, key, value) => {
        if (!brokerUp) return Promise.reject(new Error('broker down'));
        sent.push({ topic, key, value: JSON.parse(value.toString()) as Record<string, unknown> });
        return Promise.resolve();
      },
    },
    validator: createCanonicalValidator(),
    logger: createLogger('api', 'silent'),
    metrics,
  };
});
afterAll(async () => {
  await db?.dropDatabase();
  await client?.close();
});

describe('webhook ingress', () => {
  it('keeps a verified delivery with its exact body, publishes its canonical events, and acknowledges it', async () => {
    const body = '{"sku":"WID-1","id":820982911946154508}';
    const result = await receiveWebhook(deps, connectorId, webhook(body, 'd-1'), 'corr-1');
    expect(result).toMatchObject({ outcome: 'stored', acknowledgement: { code: '200', Message: 'Success' } });
    if (result.outcome !== 'stored') return;
    expect(result.record).toMatchObject({
      status: 'accepted',
      rawBody: body,
      deliveryId: 'd-1',
      correlationId: 'corr-1',
    });
    expect(result.record.events).toEqual([
      { event: 'item.changed', documentType: 'item', documentId: 'itm_WID-1' },
    ]);
    expect(sent.at(-1)).toMatchObject({
      topic: TOPICS.inboundEvents.name,
      key: 'itm_WID-1',
      value: { event: 'item.changed', connectorId, document: { sku: 'WID-1', source: { connectorId } } },
    });
  });

  it('treats a second delivery with the same id as a duplicate: acknowledged, not stored or published again', async () => {
    const before = sent.length;
    const body = '{"sku":"WID-2"}';
    await receiveWebhook(deps, connectorId, webhook(body, 'd-2'));
    const again = await receiveWebhook(deps, connectorId, webhook(body, 'd-2'));
    expect(again).toEqual({ outcome: 'duplicate', acknowledgement: { code: '200', Message: 'Success' } });
    expect(sent.length).toBe(before + 1);
    expect((await deps.events.list({ connectorId })).filter((e) => e.deliveryId === 'd-2')).toHaveLength(1);
  });

  it('refuses a bad or missing signature without reading or keeping anything, and counts it', async () => {
    const before = (await deps.events.list({ connectorId })).length;
    const rejectedBefore = await counter('rejected-bad-signature');
    expect(await receiveWebhook(deps, connectorId, webhook('{"sku":"X"}', 'd-3', 'guessed'))).toEqual({
      outcome: 'rejected',
      reason: 'bad-signature',
    });
    const unsigned = { rawBody: Buffer.from('{}'), headers: { 'x-delivery': 'd-4' } };
    expect(await receiveWebhook(deps, connectorId, unsigned)).toEqual({
      outcome: 'rejected',
      reason: 'missing-signature',
    });
    expect((await deps.events.list({ connectorId })).length).toBe(before);
    expect(await counter('rejected-bad-signature')).toBe(rejectedBefore + 1);
    // The signed delivery with that id is still taken afterwards: a refusal claims nothing.
    expect((await receiveWebhook(deps, connectorId, webhook('{"sku":"X"}', 'd-3'))).outcome).toBe('stored');
  });

  it('keeps a delivery that does not map as failed, naming the vendor field, and replays it after the fix', async () => {
    requireBrand = true;
    try {
      const result = await receiveWebhook(deps, connectorId, webhook('{"sku":"WID-5"}', 'd-5'));
      expect(result.outcome).toBe('stored');
      if (result.outcome !== 'stored') return;
      expect(result.record.status).toBe('failed');
      expect(result.record.error).toMatchObject({
        kind: 'data',
        fieldErrors: [{ path: '/brand', message: 'is missing' }],
      });
      expect((await replayInboundEvent(deps, result.record._id)).status).toBe('failed');
      requireBrand = false;
      const replayed = await replayInboundEvent(deps, result.record._id);
      expect(replayed).toMatchObject({ status: 'accepted', replays: 2 });
      expect(replayed.error).toBeUndefined();
      expect(sent.at(-1)?.key).toBe('itm_WID-5');
    } finally {
      requireBrand = false;
    }
  });

  it('keeps events the broker did not take as unpublished, and publishes them on replay', async () => {
    brokerUp = false;
    const result = await receiveWebhook(deps, connectorId, webhook('{"sku":"WID-6"}', 'd-6'));
    brokerUp = true;
    if (result.outcome !== 'stored') throw new Error(result.outcome);
    expect(result.record.status).toBe('unpublished');
    expect((await replayInboundEvent(deps, result.record._id)).status).toBe('accepted');
    expect(sent.at(-1)?.key).toBe('itm_WID-6');
  });
});
