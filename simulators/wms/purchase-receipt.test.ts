import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startWebhookCapture } from '../../connectors/sdk/contracts/webhook-capture';
import type { WebhookCapture } from '../../connectors/sdk/contracts/webhook-capture';
import { hmacSha256 } from '../../connectors/sdk/webhooks';
import { simulatorControl } from '../kit/control';
import { createWmsSimulator, WMS_SIM_REFRESH_TOKEN, WMS_SIM_SKUS, WMS_SIM_WAREHOUSES } from './index';
import type { WmsSimulator } from './index';

const SECRET = 'po-receipt-secret';
let sim: WmsSimulator;
let capture: WebhookCapture;
let token = '';

type Line = {
  sku: string;
  quantity: number;
  quantity_received: number;
  quantity_rejected: number;
  receipts: Record<string, unknown>[];
};
type PoBody = {
  purchase_order: {
    id: string;
    po_number: string;
    partner_order_number: string;
    fulfillment_status: string;
    date_closed: string | null;
    line_items: Line[];
  };
};

async function gql<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await fetch(`${sim.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return ((await res.json()) as { data: T }).data;
}

/** An expected receipt of `lines` for PO `poNumber`, as the connector creates it. */
async function expectedReceipt(poNumber: string, key: string, lines: [string, number][]): Promise<string> {
  const data = await gql<{ purchase_order_create: { purchase_order: { id: string } } }>(
    `mutation($data: CreatePurchaseOrderInput!) { purchase_order_create(data: $data) { purchase_order { id } } }`,
    {
      data: {
        po_number: poNumber,
        partner_order_number: key,
        warehouse_id: WMS_SIM_WAREHOUSES.primary,
        subtotal: '0.00',
        shipping_price: '0.00',
        total_price: '0.00',
        line_items: lines.map(([sku, quantity]) => ({
          sku,
          quantity,
          expected_weight_in_lbs: '0',
          price: '0.00',
        })),
      },
    },
  );
  return data.purchase_order_create.purchase_order.id;
}

async function receive(body: unknown) {
  const res = await fetch(`${sim.url}/__sim/receive-purchase-order`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { message?: string } };
}

const poUpdates = () =>
  capture.received
    .map((w) => ({ w, body: JSON.parse(w.rawBody.toString('utf8')) as Record<string, unknown> }))
    .filter((r) => r.body.webhook_type === 'PO Update')
    .map((r) => ({ ...r, po: (r.body as unknown as PoBody).purchase_order }));
const onHand = (sku: string) =>
  sim.store.collection<{ on_hand: number }>('warehouse_products').get(`${WMS_SIM_WAREHOUSES.primary}|${sku}`)
    ?.on_hand;

beforeAll(async () => {
  sim = createWmsSimulator();
  await sim.start(0);
  capture = await startWebhookCapture();
  await simulatorControl(sim.url).registerWebhooks(capture.url, SECRET);
});
afterAll(async () => {
  await sim.webhooks.idle();
  await sim.stop();
  await capture.close();
});
beforeEach(async () => {
  await sim.webhooks.idle();
  await simulatorControl(sim.url).reset();
  await simulatorControl(sim.url).settings({ autoReceivePurchaseOrders: false });
  const res = await fetch(`${sim.url}/auth/refresh`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refresh_token: WMS_SIM_REFRESH_TOKEN }),
  });
  token = ((await res.json()) as { access_token: string }).access_token;
  capture.clear();
});

describe('WMS simulator: receiving a purchase order', () => {
  it('records a partial receipt with damaged units, stocks the good ones and sends a signed PO Update', async () => {
    const [a, b] = WMS_SIM_SKUS.slice(0, 2) as [string, string];
    const id = await expectedReceipt('PO-7001', 'asn_1#PO-7001', [
      [a, 10],
      [b, 5],
    ]);
    const [beforeA, beforeB] = [onHand(a)!, onHand(b)!];
    const ok = await receive({
      po_number: 'PO-7001',
      lines: [
        { sku: a, quantity: 6 },
        { sku: b, quantity: 2, condition: 'damaged' },
      ],
    });
    expect(ok.status).toBe(200);
    expect(onHand(a)).toBe(beforeA + 6);
    expect(onHand(b)).toBe(beforeB);
    await sim.webhooks.idle();
    const [update] = poUpdates();
    expect(update!.w.headers['x-shiphero-hmac-sha256']).toBe(hmacSha256(SECRET, update!.w.rawBody, 'base64'));
    expect(update!.po).toMatchObject({ id, po_number: 'PO-7001', fulfillment_status: 'pending' });
    expect(update!.po.date_closed).toBeNull();
    const [lineA, lineB] = update!.po.line_items;
    expect(lineA).toMatchObject({ sku: a, quantity: 10, quantity_received: 6, quantity_rejected: 0 });
    expect(lineB).toMatchObject({ sku: b, quantity: 5, quantity_received: 2, quantity_rejected: 2 });
    expect(lineB!.receipts).toEqual([
      expect.objectContaining({ quantity_rejected: 2, condition: 'damaged' }),
    ]);
    expect(lineA!.receipts[0]!.id).toBe(lineB!.receipts[0]!.id);
  });

  it('takes an over receipt and an SKU not on the PO, and closes the PO once every line is in', async () => {
    const [a, b, stranger] = WMS_SIM_SKUS.slice(2, 5) as [string, string, string];
    await expectedReceipt('PO-7002', 'asn_2#PO-7002', [
      [a, 4],
      [b, 3],
    ]);
    await receive({ partner_order_number: 'asn_2#PO-7002', lines: [{ sku: a, quantity: 4 }] });
    const second = await receive({
      partner_order_number: 'asn_2#PO-7002',
      lines: [
        { sku: b, quantity: 5, rejected_quantity: 1 },
        { sku: stranger, quantity: 2 },
      ],
    });
    expect(second.status).toBe(200);
    await sim.webhooks.idle();
    const updates = poUpdates();
    expect(updates.map((u) => u.po.fulfillment_status)).toEqual(['pending', 'closed']);
    const last = updates[1]!.po;
    expect(last.date_closed).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(last.line_items.map((l) => [l.sku, l.quantity, l.quantity_received, l.quantity_rejected])).toEqual(
      [
        [a, 4, 4, 0],
        [b, 3, 5, 1],
        [stranger, 0, 2, 0],
      ],
    );
    const batchIds = new Set(last.line_items.flatMap((l) => l.receipts.map((r) => r.id)));
    expect(batchIds.size).toBe(2);
    const closed = await receive({ partner_order_number: 'asn_2#PO-7002', lines: [{ sku: a, quantity: 1 }] });
    expect(closed.status).toBe(409);
    expect(closed.body.message).toMatch(/is closed/);
  });

  it('closes a short PO when told to, and does not receive it again on its own', async () => {
    const [a] = WMS_SIM_SKUS.slice(5, 6) as [string];
    await simulatorControl(sim.url).settings({ autoReceivePurchaseOrders: true, receiveDelayMs: 50 });
    await expectedReceipt('PO-7003', 'asn_3#PO-7003', [[a, 8]]);
    await receive({ po_number: 'PO-7003', lines: [{ sku: a, quantity: 3 }], close: true });
    await new Promise((r) => setTimeout(r, 150));
    await sim.webhooks.idle();
    const updates = poUpdates();
    expect(updates).toHaveLength(1);
    expect(updates[0]!.po.fulfillment_status).toBe('closed');
    expect(updates[0]!.po.line_items[0]).toMatchObject({ quantity_received: 3 });
  });

  it('receives on its own after the delay when nobody received it, as one batch of the whole PO', async () => {
    const [a, b] = WMS_SIM_SKUS.slice(6, 8) as [string, string];
    await simulatorControl(sim.url).settings({
      autoReceivePurchaseOrders: true,
      receiveDelayMs: 20,
      receiptVarianceSkus: { [b]: -1 },
    });
    await expectedReceipt('PO-7004', 'asn_4#PO-7004', [
      [a, 2],
      [b, 3],
    ]);
    await capture.waitFor(3);
    await sim.webhooks.idle();
    const [update] = poUpdates();
    expect(update!.po.fulfillment_status).toBe('closed');
    expect(update!.po.line_items.map((l) => [l.quantity_received, l.receipts.length])).toEqual([
      [2, 1],
      [2, 1],
    ]);
  });

  it('refuses bad input with 400 naming the field, an unknown PO with 404, an ambiguous po_number with 409', async () => {
    const [a] = WMS_SIM_SKUS.slice(8, 9) as [string];
    await expectedReceipt('PO-7005', 'asn_5#PO-7005', [[a, 2]]);
    await expectedReceipt('PO-7005', 'asn_6#PO-7005', [[a, 2]]);
    const before = onHand(a);
    const key = 'asn_5#PO-7005';
    const cases: [unknown, number, RegExp][] = [
      [{ lines: [{ sku: a, quantity: 1 }] }, 400, /po_number or partner_order_number/],
      [{ po_number: 42, lines: [{ sku: a, quantity: 1 }] }, 400, /^po_number must be a non-empty string/],
      [{ partner_order_number: key }, 400, /^lines: at least one/],
      [{ partner_order_number: key, lines: [{ quantity: 1 }] }, 400, /^lines\.0\.sku is required/],
      [
        {
          partner_order_number: key,
          lines: [
            { sku: a, quantity: 1 },
            { sku: a, quantity: 1.5 },
          ],
        },
        400,
        /^lines\.1\.quantity must be a whole number/,
      ],
      [
        { partner_order_number: key, lines: [{ sku: a, quantity: 1, condition: 'soggy' }] },
        400,
        /^lines\.0\.condition must be one of good, damaged/,
      ],
      [
        { partner_order_number: key, lines: [{ sku: a, quantity: 1, rejected_quantity: 2 }] },
        400,
        /^lines\.0\.rejected_quantity must be a whole number from 0 to the quantity received \(1\)/,
      ],
      [{ partner_order_number: key, lines: [{ sku: a, quantity: 1 }], close: 'yes' }, 400, /^close must be/],
      [{ partner_order_number: 'asn_x#PO-0', lines: [{ sku: a, quantity: 1 }] }, 404, /asn_x#PO-0/],
      [{ po_number: 'PO-7005', lines: [{ sku: a, quantity: 1 }] }, 409, /names 2 open purchase orders/],
    ];
    for (const [body, status, message] of cases) {
      const res = await receive(body);
      expect([res.status, res.body.message]).toEqual([status, expect.stringMatching(message)]);
    }
    await sim.webhooks.idle();
    expect(onHand(a)).toBe(before);
    expect(poUpdates()).toHaveLength(0);
  });
});
