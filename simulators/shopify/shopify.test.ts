import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hmacSha256 } from '../../connectors/sdk/webhooks';
import { startWebhookCapture } from '../../connectors/sdk/contracts/webhook-capture';
import type { WebhookCapture } from '../../connectors/sdk/contracts/webhook-capture';
import { simulatorControl } from '../kit/control';
import { createShopifySimulator } from './index';

const sim = createShopifySimulator({ settings: { seedOrders: 5 } });
let capture: WebhookCapture;
const graphql = (query: string, variables: Record<string, unknown> = {}, token = sim.settings.accessToken) =>
  fetch(`${sim.url}/admin/api/2025-01/graphql.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shopify-access-token': token },
    body: JSON.stringify({ query, variables }),
  });

beforeAll(async () => {
  await sim.start(0);
  capture = await startWebhookCapture();
  await simulatorControl(sim.url).registerWebhooks(capture.url, 'sim-secret');
});
afterAll(async () => {
  await capture.close();
  await sim.stop();
});
beforeEach(async () => {
  await simulatorControl(sim.url).reset();
  capture.clear();
});

describe('Shopify simulator', () => {
  it('sends orders/create signed like Shopify, with the int64 id as a bare JSON number', async () => {
    sim.createOrder({ lines: [{ sku: 'WID-1001', quantity: 2 }] });
    await sim.webhooks.idle();
    const [hook] = await capture.waitFor(1);
    const body = hook!.rawBody.toString('utf8');
    expect(body).toContain('"id":820982911946154508,');
    expect(hook!.headers).toMatchObject({
      'x-shopify-topic': 'orders/create',
      'x-shopify-hmac-sha256': hmacSha256('sim-secret', hook!.rawBody, 'base64'),
      'x-shopify-shop-domain': 'distribution-hub-test.myshopify.com',
      'x-shopify-api-version': '2025-01',
    });
    expect(hook!.headers['x-shopify-webhook-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('pages orders with cursors and filters them by updated_at', async () => {
    type OrdersPage = { nodes: { name: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
    const page = async (after: string | null): Promise<{ data: { orders: OrdersPage } }> =>
      (await (
        await graphql(
          'query($after: String) { orders(first: 2, after: $after) { nodes { name } pageInfo { hasNextPage endCursor } } }',
          { after },
        )
      ).json()) as {
        data: {
          orders: { nodes: { name: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
        };
      };
    const names: string[] = [];
    let after: string | null = null;
    for (;;) {
      const orders: OrdersPage = (await page(after)).data.orders;
      names.push(...orders.nodes.map((n) => n.name));
      if (!orders.pageInfo.hasNextPage) break;
      after = orders.pageInfo.endCursor;
    }
    expect(names).toEqual(['#1001', '#1002', '#1003', '#1004', '#1005']);
    const filtered = (await (
      await graphql(`
        {
          orders(first: 10, query: "updated_at:>='2025-03-01T18:00:00Z'") {
            nodes {
              name
            }
          }
        }
      `)
    ).json()) as {
      data: { orders: { nodes: { name: string }[] } };
    };
    expect(filtered.data.orders.nodes.map((n) => n.name)).toEqual(['#1004', '#1005']);
  });

  it('answers 401 to a wrong token and THROTTLED with the bucket status when the cost bucket is empty', async () => {
    expect((await graphql('{ shop { name } }', {}, 'shpat_wrong')).status).toBe(401);
    await simulatorControl(sim.url).settings({ restoreRate: 1 });
    await fetch(`${sim.url}/_test/throttle`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"currentlyAvailable":3}',
    });
    const res = await graphql('{ shop { name } }');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }],
      extensions: {
        cost: {
          requestedQueryCost: 10,
          throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 3, restoreRate: 1 },
        },
      },
    });
  });
});
