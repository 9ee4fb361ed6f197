import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { createShopifySimulator, DEFAULT_SETTINGS, SEEDED_VARIANTS } from '../../simulators/shopify';
import type { ShopifySimulator } from '../../simulators/shopify';
import { hmacSha256 } from '../../connectors/sdk/webhooks';
import { apiCaller, eventually, startApi, startWorker } from '../support/processes';
import type { HubProcess } from '../support/processes';

interface InboundEvent {
  id: string;
  status: string;
  topic: string;
  deliveryId: string;
  rawBody: string;
  events: { event: string; documentType: string; documentId: string }[];
  error: { kind: string; fieldErrors?: { path: string }[] } | null;
  replays: number;
}

describe('webhooks from a commerce system, end to end over HTTP', () => {
  const database = `hub_webhooks_${randomUUID().slice(0, 8)}`;
  const secret = `whsec_${randomUUID()}`;
  let api: HubProcess & { url: string };
  let worker: HubProcess;
  let shop: ShopifySimulator;
  let mongo: MongoClient;
  let connectorId: string;

  const call = apiCaller(() => api.url);
  const events = async () =>
    (await call<{ items: InboundEvent[] }>('GET', `/v1/inbound-events?connectorId=${connectorId}`)).body
      .items;

  beforeAll(async () => {
    // The worker creates the hub's Kafka topics; the API publishes the canonical events to them.
    worker = await startWorker({ HUB_MONGODB_DATABASE: database });
    api = await startApi({ HUB_MONGODB_DATABASE: database });
    mongo = await MongoClient.connect(process.env.HUB_MONGODB_URI!);
    shop = createShopifySimulator();
    await shop.start();
    const created = await call<{ id: string }>('POST', '/v1/connectors', {
      name: 'Web store',
      type: 'shopify-commerce',
      config: {
        shopDomain: DEFAULT_SETTINGS.shopDomain,
        accessToken: DEFAULT_SETTINGS.accessToken,
        webhookSecret: secret,
        baseUrl: shop.url,
        legalEntityId: 'le_acme_us',
      },
    });
    connectorId = created.body.id;
    shop.webhooks.target = { url: `${api.url}/v1/webhooks/${connectorId}`, secret };
  });
  afterAll(async () => {
    await shop?.stop();
    await api?.stop();
    await worker?.stop();
    await mongo?.db(database).dropDatabase();
    await mongo?.close();
  });

  it('accepts a signed order webhook, keeps its exact body and publishes a canonical sales order', async () => {
    const sku = SEEDED_VARIANTS[0]!.sku;
    const order = shop.createOrder({ lines: [{ sku, quantity: 3, price: '3.10' }] });
    await shop.webhooks.idle();
    const kept = await eventually('the order event', async () =>
      (await events()).find((e) => e.topic === 'orders/create'),
    );
    expect(kept.status).toBe('accepted');
    // The id is above 2^53: the kept body and the canonical document carry it digit for digit.
    expect(BigInt(String(order.id))).toBeGreaterThan(2n ** 53n);
    expect(kept.rawBody).toContain(`"id":${String(order.id)}`);
    expect(kept.events).toEqual([
      { event: 'sales-order.created', documentType: 'sales-order', documentId: expect.any(String) as string },
    ]);
    const metrics = await (await fetch(`${api.url}/metrics`)).text();
    expect(metrics).toMatch(
      /hub_webhooks_total\{connector_type="shopify-commerce",outcome="accepted"[^}]*\} 1/,
    );
  });

  it('answers 401 to a forged webhook, counts it, and keeps nothing', async () => {
    const before = (await events()).length;
    const body = JSON.stringify({ id: 1, line_items: [] });
    const res = await fetch(`${api.url}/v1/webhooks/${connectorId}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': 'orders/create',
        'x-shopify-webhook-id': randomUUID(),
        'x-shopify-hmac-sha256': hmacSha256('a guessed secret', body, 'base64'),
      },
      body,
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await events()).length).toBe(before);
    const metrics = await (await fetch(`${api.url}/metrics`)).text();
    expect(metrics).toMatch(
      /hub_webhooks_total\{connector_type="shopify-commerce",outcome="rejected-bad-signature"[^}]*\} 1/,
    );
  });

  it('keeps one record for a delivery the store sends twice', async () => {
    shop.faults.change({ duplicateWebhooks: true });
    try {
      shop.createOrder({
        lines: [{ sku: SEEDED_VARIANTS[1]!.sku, quantity: 1, price: SEEDED_VARIANTS[1]!.price }],
      });
      await shop.webhooks.idle();
    } finally {
      shop.faults.reset();
    }
    const deliveries = shop.webhooks.deliveries.filter((d) => d.topic === 'orders/create');
    const last = deliveries.at(-1)!;
    expect(deliveries.filter((d) => d.deliveryId === last.deliveryId)).toHaveLength(2);
    const kept = await eventually('the delivery', async () =>
      (await events()).filter((e) => e.deliveryId === last.deliveryId).length ? await events() : undefined,
    );
    expect(kept.filter((e) => e.deliveryId === last.deliveryId)).toHaveLength(1);
  });

  it('keeps an order that does not map as failed, naming the vendor field, and replays it on request', async () => {
    shop.createOrder({ lines: [{ sku: null, quantity: 1, price: '9.99' }] });
    await shop.webhooks.idle();
    const failed = await eventually('the failed event', async () =>
      (await events()).find((e) => e.status === 'failed'),
    );
    expect(failed.error?.kind).toBe('data');
    expect(failed.error?.fieldErrors?.map((f) => f.path)).toContain('/line_items/0/sku');
    // The store got its acknowledgement: it will not retry, and nothing is lost.
    expect(shop.webhooks.deliveries.at(-1)?.status).toBe(200);
    const replayed = await call<InboundEvent>('POST', `/v1/inbound-events/${failed.id}/replay`);
    expect(replayed.status).toBe(200);
    expect(replayed.body).toMatchObject({ status: 'failed', replays: 1 });
  });
});
