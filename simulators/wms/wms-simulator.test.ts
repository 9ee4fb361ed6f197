import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startWebhookCapture } from '../../connectors/sdk/contracts/webhook-capture';
import type { WebhookCapture } from '../../connectors/sdk/contracts/webhook-capture';
import { hmacSha256 } from '../../connectors/sdk/webhooks';
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

describe('WMS simulator returns', () => {
  const SECRET = 'sim-test-secret';
  let capture: WebhookCapture;
  beforeAll(async () => {
    capture = await startWebhookCapture();
    await simulatorControl(sim.url).registerWebhooks(capture.url, SECRET);
  });
  afterAll(async () => {
    await sim.webhooks.idle();
    await capture.close();
  });
  beforeEach(async () => {
    await sim.webhooks.idle();
    capture.clear();
  });

  /** An order of `lines` that has shipped in full. */
  async function shippedOrder(partnerId: string, lines: [string, number][]): Promise<string> {
    await simulatorControl(sim.url).settings({ shipDelayMs: 0 });
    const { body } = await gql<{ order_create: { order: { id: string } } }>(
      `mutation($data: CreateOrderInput!) { order_create(data: $data) { order { id } } }`,
      {
        data: {
          partner_order_id: partnerId,
          line_items: lines.map(([sku, quantity], i) => ({
            sku,
            partner_line_item_id: `${partnerId}:${i + 1}`,
            quantity,
            price: '1.00',
          })),
        },
      },
    );
    const id = body.data.order_create.order.id;
    const orders = sim.store.collection<{ fulfillment_status: string }>('orders');
    while (orders.get(id)?.fulfillment_status !== 'fulfilled') await new Promise((r) => setTimeout(r, 10));
    return id;
  }

  const CREATE = `mutation($data: CreateReturnInput!) {
    return_create(data: $data) { return { id legacy_id partner_id status total_items_expected } }
  }`;
  const returnInput = (orderId: string, partnerId: string, lines: [string, number][]) => ({
    data: {
      order_id: orderId,
      warehouse_id: WMS_SIM_WAREHOUSES.primary,
      partner_id: partnerId,
      return_reason: 'no longer needed',
      label_type: 'FREE',
      label_cost: '0.00',
      address: { name: 'Jane Doe', address1: '1 Main St', city: 'Evanston', zip: '60201', country: 'US' },
      dimensions: { weight: '1', height: '1', width: '1', length: '1' },
      shipping_carrier: 'usps',
      shipping_method: 'ground',
      line_items: lines.map(([sku, quantity], i) => ({
        sku,
        quantity,
        return_reason: 'no longer needed',
        partner_line_item_id: `${partnerId}:${i + 1}`,
      })),
    },
  });
  type Created = { return_create: { return: { id: string; legacy_id: number; partner_id: string } } };

  const receive = async (body: unknown) => {
    const res = await fetch(`${sim.url}/__sim/receive-return`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as { message?: string; return?: unknown } };
  };
  const returnUpdates = () =>
    capture.received
      .map((w) => ({ w, body: JSON.parse(w.rawBody.toString('utf8')) as Record<string, unknown> }))
      .filter((r) => r.body.webhook_type === 'Return Update');
  const onHand = (sku: string) =>
    sim.store
      .collection<{ on_hand: number }>('warehouse_products')
      .get(`${WMS_SIM_WAREHOUSES.primary}|${sku}`)?.on_hand;

  it('creates a return once per partner_id, under its own ShipHero id, and refuses an SKU the order lacks', async () => {
    const [a, b, c] = WMS_SIM_SKUS.slice(20) as [string, string, string];
    const orderId = await shippedOrder('so_ret_1', [
      [a, 3],
      [b, 2],
    ]);
    const first = await gql<Created>(CREATE, returnInput(orderId, 'rma_1', [[a, 2]]));
    const again = await gql<Created>(CREATE, returnInput(orderId, 'rma_1', [[a, 2]]));
    const created = first.body.data.return_create.return;
    expect(again.body.data.return_create.return.id).toBe(created.id);
    expect(Buffer.from(created.id, 'base64').toString()).toBe(`Return:${created.legacy_id}`);
    expect(created.partner_id).toBe('rma_1');
    expect(sim.store.collection('returns').size).toBe(1);

    const foreign = await gql<Created>(CREATE, returnInput(orderId, 'rma_2', [[c, 1]]));
    expect(foreign.body.errors?.[0]?.message).toMatch(new RegExp(`${c} is not a line item`));
    const tooMany = await gql<Created>(CREATE, returnInput(orderId, 'rma_3', [[b, 3]]));
    expect(tooMany.body.errors?.[0]?.message).toMatch(/cannot return 3 .* shipped 2/);
    expect(sim.store.collection('returns').size).toBe(1);

    const read = await gql<{
      return: { data: { partner_id: string; line_items: { product: { sku: string } }[] } };
    }>(
      `query($id: String!) { return(id: $id) { data { partner_id line_items { quantity product { sku } } } } }`,
      { id: created.id },
    );
    expect(read.body.data.return.data.partner_id).toBe('rma_1');
    expect(read.body.data.return.data.line_items.map((l) => l.product.sku)).toEqual([a]);
  });

  it('refuses receiving more than authorised or an SKU not on the return, changing nothing', async () => {
    const [a, b] = WMS_SIM_SKUS.slice(23) as [string, string];
    const orderId = await shippedOrder('so_ret_2', [
      [a, 3],
      [b, 1],
    ]);
    const { legacy_id: legacyId } = (await gql<Created>(CREATE, returnInput(orderId, 'rma_over', [[a, 2]])))
      .body.data.return_create.return;
    await sim.webhooks.idle();
    capture.clear();
    const before = onHand(a);

    const over = await receive({
      external_id: 'rma_over',
      lines: [
        { sku: a, quantity: 2, condition: 'good' },
        { sku: a, quantity: 1, condition: 'damaged' },
      ],
    });
    expect(over.status).toBe(400);
    expect(over.body.message).toBe(`lines: cannot receive 3 of ${a} on return ${legacyId}: 2 authorised`);
    const stranger = await receive({
      external_id: 'rma_over',
      lines: [{ sku: b, quantity: 1, condition: 'good' }],
    });
    expect(stranger.status).toBe(400);
    expect(stranger.body.message).toMatch(new RegExp(`${b} is not on return ${legacyId}`));
    const badCondition = await receive({
      external_id: 'rma_over',
      lines: [{ sku: a, quantity: 1, condition: 'meh' }],
    });
    expect(badCondition.status).toBe(400);
    expect(badCondition.body.message).toMatch(/condition must be one of good, damaged/);
    expect((await receive({ external_id: 'rma_nobody', lines: [] })).status).toBe(404);

    await sim.webhooks.idle();
    expect(onHand(a)).toBe(before);
    expect(capture.received).toHaveLength(0);
  });

  it('receives a return: good units restocked, a signed Return Update with each batch and its condition', async () => {
    const [a] = WMS_SIM_SKUS.slice(25) as [string];
    const orderId = await shippedOrder('so_ret_3', [[a, 4]]);
    const { id } = (await gql<Created>(CREATE, returnInput(orderId, 'rma_ok', [[a, 3]]))).body.data
      .return_create.return;
    const before = onHand(a)!;
    const ok = await receive({
      return_id: id,
      lines: [
        { sku: a, quantity: 2, condition: 'good' },
        { sku: a, quantity: 1, condition: 'Damaged' },
      ],
    });
    expect(ok.status).toBe(200);
    expect(onHand(a)).toBe(before + 2);
    await sim.webhooks.idle();
    const updates = returnUpdates();
    expect(updates.map((u) => u.body.status)).toEqual(['pending', 'complete']);
    const done = updates[1]!;
    expect(done.w.headers['x-shiphero-hmac-sha256']).toBe(hmacSha256(SECRET, done.w.rawBody, 'base64'));
    expect(done.body).toMatchObject({ return_uuid: id, partner_id: 'rma_ok', order_uuid: orderId });
    const [item] = done.body.items as Record<string, unknown>[];
    expect(item).toMatchObject({
      sku: a,
      quantity: 3,
      quantity_received: 3,
      restock: 2,
      partner_line_item_id: 'rma_ok:1',
    });
    expect(
      (item?.receipts as Record<string, unknown>[]).map((r) => [r.quantity_received, r.condition]),
    ).toEqual([
      [2, 'good'],
      [1, 'damaged'],
    ]);
    const twice = await receive({ return_id: id, lines: [{ sku: a, quantity: 1, condition: 'good' }] });
    expect(twice.status).toBe(409);
  });
});
