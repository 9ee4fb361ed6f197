import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { simulatorControl } from '../kit/control';
import { createWmsSimulator, WMS_SIM_REFRESH_TOKEN, WMS_SIM_SKUS, WMS_SIM_WAREHOUSES } from './index';
import type { WmsSimulator } from './index';

let sim: WmsSimulator;
let token = '';

async function gql<T = unknown>(
  query: string,
  variables: Record<string, unknown> = {},
  auth = `Bearer ${token}`,
) {
  const res = await fetch(`${sim.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: auth },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as { data: T; errors?: { message: string }[] } };
}

beforeAll(async () => {
  sim = createWmsSimulator();
  await sim.start(0);
});
afterAll(() => sim.stop());
async function login(): Promise<void> {
  const res = await fetch(`${sim.url}/auth/refresh`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refresh_token: WMS_SIM_REFRESH_TOKEN }),
  });
  token = ((await res.json()) as { access_token: string }).access_token;
}

beforeEach(async () => {
  await simulatorControl(sim.url).reset();
  await login();
});

describe('WMS simulator', () => {
  it('refuses an unknown refresh token and a missing access token', async () => {
    const res = await fetch(`${sim.url}/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: 'nope' }),
    });
    expect(res.status).toBe(401);
    expect((await gql('{ account { request_id } }', {}, '')).status).toBe(401);
  });

  it('serves warehouse products in Relay pages with ShipHero ids', async () => {
    const query = `query($after: String) { warehouse_products(warehouse_id: "${WMS_SIM_WAREHOUSES.primary}") {
      data(first: 20, after: $after) { pageInfo { hasNextPage endCursor } edges { node { sku on_hand available } } } } }`;
    type Page = {
      warehouse_products: {
        data: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { sku: string } }[] };
      };
    };
    const first = await gql<Page>(query);
    const page1 = first.body.data.warehouse_products.data;
    expect(page1.edges).toHaveLength(20);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await gql<Page>(query, { after: page1.pageInfo.endCursor })).body.data.warehouse_products
      .data;
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expect([...page1.edges, ...page2.edges].map((e) => e.node.sku)).toEqual(WMS_SIM_SKUS);
    expect(Buffer.from(WMS_SIM_WAREHOUSES.primary, 'base64').toString()).toBe('Warehouse:11790');
  });

  it('answers a GraphQL error with HTTP 200 and errors[]', async () => {
    const { status, body } = await gql('{ order(id: "nope") { data { nonexistent } } }');
    expect(status).toBe(200);
    expect(body.errors?.[0]?.message).toMatch(/nonexistent/);
  });

  it('short-picks at the seeded rate, the same way for the same seed', async () => {
    const shortLines = async () => {
      await simulatorControl(sim.url).reset();
      await simulatorControl(sim.url).settings({ shipDelayMs: 0, shortPickRate: 0.5, seed: 3 });
      await login();
      const { body } = await gql<{ order_create: { order: { id: string } } }>(
        `mutation($data: CreateOrderInput!) { order_create(data: $data) { order { id } } }`,
        {
          data: {
            partner_order_id: 'so_seeded',
            line_items: WMS_SIM_SKUS.slice(0, 10).map((sku, i) => ({
              sku,
              partner_line_item_id: `so_seeded:${i + 1}`,
              quantity: 4,
              price: '1.00',
            })),
          },
        },
      );
      const id = body.data.order_create.order.id;
      for (;;) {
        const order = sim.store.collection<{
          fulfillment_status: string;
          line_items: { quantity_shipped: number }[];
        }>('orders');
        const found = order.get(id);
        if (found?.fulfillment_status === 'fulfilled')
          return found.line_items.map((l) => l.quantity_shipped < 4);
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    const first = await shortLines();
    expect(first.some(Boolean)).toBe(true);
    expect(first.every(Boolean)).toBe(false);
    expect(await shortLines()).toEqual(first);
  });
});
