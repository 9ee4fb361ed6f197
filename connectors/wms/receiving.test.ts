/**
 * Receiving purchase orders through ShipHero, against the simulator: an inbound ASN becomes one expected receipt
 * per PO it ships, the warehouse receives in batches, and each "PO Update" maps to completed GoodsReceipts that name
 * the PO and the ASN, with ids that stay the same when the same batch is reported again.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AdvanceShipNotice, GoodsReceipt } from '../../canonical-model/generated/index';
import { createCanonicalValidator } from '../../canonical-model/validate';
import { createLogger } from '../../monitoring/logger';
import { isHubError } from '../../platform/errors';
import { simulatorControl } from '../../simulators/kit/control';
import {
  createWmsSimulator,
  WMS_SIM_COLLECTIONS,
  WMS_SIM_REFRESH_TOKEN,
  WMS_SIM_SKUS,
  WMS_SIM_WAREHOUSES,
} from '../../simulators/wms/index';
import type { WmsSimulator } from '../../simulators/wms/index';
import { startWebhookCapture } from '../sdk/contracts/webhook-capture';
import type { WebhookCapture } from '../sdk/contracts/webhook-capture';
import type { CanonicalEvent } from '../sdk/ports/common';
import type { InboundWebhook } from '../sdk/webhooks';
import { hmacSha256 } from '../sdk/webhooks';
import type { WmsConfig } from './config-schema';
import { createShipHeroWms, wmsConnector } from './index';

const SECRET = 'receiving-webhook-secret';
const validator = createCanonicalValidator();
const receiver = wmsConnector.webhooks!;
const context = { references: { externalId: () => Promise.resolve(undefined) }, idempotencyKey: 'k' };
let sim: WmsSimulator;
let capture: WebhookCapture;
let config: WmsConfig;
const port = () =>
  createShipHeroWms(config, { logger: createLogger('test', 'silent'), connectorId: 'wms-1' });

beforeAll(async () => {
  sim = createWmsSimulator();
  await sim.start(0);
  capture = await startWebhookCapture({ acknowledgement: receiver.acknowledgement });
  await simulatorControl(sim.url).registerWebhooks(capture.url, SECRET);
  config = {
    baseUrl: sim.url,
    refreshToken: WMS_SIM_REFRESH_TOKEN,
    webhookSecret: SECRET,
    legalEntityId: 'le_acme_us',
    warehouses: [{ warehouseId: WMS_SIM_WAREHOUSES.primary, locationId: 'loc_dc_chicago' }],
    timeZone: 'America/New_York',
    timeoutMs: 5_000,
    pageSize: 50,
  };
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
  capture.clear();
});

const [A, B, C, D] = WMS_SIM_SKUS.slice(10, 14) as [string, string, string, string];
const item = (sku: string, quantity: number, lineNumber: number) => ({
  lineNumber,
  item: { identifiers: [{ qualifier: 'SKU' as const, value: sku }] },
  quantity: { value: String(quantity), uom: 'EA' as const },
});

/** An inbound ASN shipping PO-A (A×10 in a carton, B×5 loose) and PO-B (A×4). */
function asn(): AdvanceShipNotice {
  const id = `asn_${randomUUID().slice(0, 8)}`;
  return {
    schemaVersion: '1',
    documentType: 'advance-ship-notice',
    id,
    legalEntityId: 'le_acme_us',
    source: { connectorId: 'edi-1', system: 'x12', externalId: 'SH-1' },
    asnNumber: 'SH-1',
    direction: 'inbound',
    purpose: 'original',
    supplierId: 'sup_1',
    shipDate: '2026-03-02',
    shipFrom: { name: 'Supplier' },
    shipTo: { locationId: 'loc_dc_chicago' },
    orders: [
      {
        poNumber: 'PO-A',
        packs: [{ sscc: '006141411234567890', items: [item(A, 10, 1)] }],
        items: [item(B, 5, 2)],
      },
      { poNumber: 'PO-B', items: [item(A, 4, 1)] },
    ],
  };
}

async function receive(body: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${sim.url}/__sim/receive-purchase-order`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`receive: ${res.status} ${await res.text()}`);
}

/** The PO Updates received so far. */
async function poUpdates(): Promise<InboundWebhook[]> {
  await sim.webhooks.idle();
  return capture.received.filter((w) => w.rawBody.toString('utf8').includes('"webhook_type":"PO Update"'));
}

/** A delivery as the hub's ingress meets it: verified, read and mapped, every document valid. */
function mapped(webhook: InboundWebhook): CanonicalEvent[] {
  expect(receiver.verify(config, webhook)).toEqual({ valid: true });
  const envelope = receiver.read(webhook);
  if ('malformed' in envelope) throw new Error(envelope.malformed);
  const events = port().mapWebhook(envelope);
  for (const e of events) {
    const result = validator.validate(e.document.documentType, e.document);
    expect(result.valid ? [] : result.errors).toEqual([]);
  }
  return events;
}
const receipts = (events: CanonicalEvent[]) => events.map((e) => e.document as unknown as GoodsReceipt);
const sku = (line: GoodsReceipt['lines'][number]) => line.item.identifiers[0]?.value;

describe('ShipHero receiving of purchase orders', () => {
  it('expects one receipt per PO of the ASN, once: a repeat finds them', async () => {
    const notice = asn();
    const first = await port().createExpectedReceipt(notice, context);
    const again = await port().createExpectedReceipt(notice, context);
    expect(first.created).toBe(true);
    expect(again).toEqual({ ...first, created: false });
    expect(first.documentNumber).toBe('PO-A,PO-B');
    const pos = await simulatorControl(sim.url).records<{
      id: string;
      po_number: string;
      partner_order_number: string;
      line_items: { sku: string; quantity: number }[];
    }>(WMS_SIM_COLLECTIONS.purchaseOrders);
    expect(first.externalId.split(',')).toEqual(pos.map((p) => p.id));
    expect(
      pos.map((p) => [p.po_number, p.partner_order_number, p.line_items.map((l) => [l.sku, l.quantity])]),
    ).toEqual([
      [
        'PO-A',
        `${notice.id}#PO-A`,
        [
          [A, 10],
          [B, 5],
        ],
      ],
      ['PO-B', `${notice.id}#PO-B`, [[A, 4]]],
    ]);
  });

  it('maps a partial receipt with damaged units to a completed GoodsReceipt of the PO and the ASN', async () => {
    const notice = asn();
    await port().createExpectedReceipt(notice, context);
    await receive({
      partner_order_number: `${notice.id}#PO-A`,
      lines: [
        { sku: A, quantity: 6 },
        { sku: B, quantity: 2, condition: 'damaged' },
      ],
    });
    const [webhook] = await poUpdates();
    const events = mapped(webhook!);
    expect(events.map((e) => e.event)).toEqual(['goods-receipt.completed']);
    const [receipt] = receipts(events);
    expect(receipt).toMatchObject({
      type: 'purchase-order',
      status: 'completed',
      poNumber: 'PO-A',
      advanceShipNoticeId: notice.id,
      legalEntityId: 'le_acme_us',
      locationId: 'loc_dc_chicago',
    });
    expect(receipt!.lines.map((l) => [sku(l), l.quantityExpected?.value, l.quantityReceived.value])).toEqual([
      [A, '10', '6'],
      [B, '5', '2'],
    ]);
    expect(receipt!.lines[0]).not.toHaveProperty('quantityRejected');
    expect(receipt!.lines[0]!.condition).toBe('good');
    expect(receipt!.lines[1]).toMatchObject({ quantityRejected: { value: '2' }, condition: 'damaged' });
    // The sender's retry repeats the body: the same receipt id comes out.
    expect(receipts(mapped(webhook!))[0]!.id).toBe(receipt!.id);
  });

  it('maps a later batch with an over receipt and a wrong item to a new receipt; the earlier keeps its id', async () => {
    const notice = asn();
    await port().createExpectedReceipt(notice, context);
    await receive({ po_number: 'PO-B', lines: [{ sku: A, quantity: 3 }] });
    await receive({
      po_number: 'PO-B',
      lines: [
        { sku: A, quantity: 3 },
        { sku: D, quantity: 2, condition: 'good' },
      ],
    });
    const [firstUpdate, secondUpdate] = await poUpdates();
    const [early] = receipts(mapped(firstUpdate!));
    const later = receipts(mapped(secondUpdate!));
    expect(later).toHaveLength(2);
    expect(later[0]).toEqual(early);
    expect(later[1]!.id).not.toBe(early!.id);
    const [, batch] = later;
    expect(batch!.poNumber).toBe('PO-B');
    expect(batch!.receiptNumber).not.toBe(early!.receiptNumber);
    expect(batch!.lines).toEqual([
      expect.objectContaining({
        quantityExpected: { value: '1', uom: 'EA' },
        quantityReceived: { value: '3', uom: 'EA' },
        reason: '2 more than expected received',
      }),
      expect.objectContaining({
        quantityExpected: { value: '0', uom: 'EA' },
        quantityReceived: { value: '2', uom: 'EA' },
        condition: 'wrong-item',
      }),
    ]);
    expect(sku(batch!.lines[1]!)).toBe(D);
  });

  it('names the vendor fields of a batch that does not map', async () => {
    const notice = asn();
    await port().createExpectedReceipt(notice, context);
    await receive({ po_number: 'PO-A', lines: [{ sku: C, quantity: 1 }] });
    const [webhook] = await poUpdates();
    const body = JSON.parse(webhook!.rawBody.toString('utf8')) as {
      purchase_order: { line_items: { receipts: Record<string, unknown>[] }[] };
    };
    const batch = body.purchase_order.line_items[2]!.receipts[0]!;
    batch.condition = 'soggy';
    batch.quantity_rejected = 5;
    const raw = JSON.stringify(body);
    const edited = {
      rawBody: Buffer.from(raw),
      headers: { 'x-shiphero-hmac-sha256': hmacSha256(SECRET, raw, 'base64') },
    };
    let error: unknown;
    try {
      mapped(edited);
    } catch (err) {
      error = err;
    }
    expect(isHubError(error) && error.kind).toBe('data');
    expect(isHubError(error) && error.fieldErrors?.map((f) => f.path)).toEqual([
      '/purchase_order/line_items/2/receipts/0/quantity_rejected',
      '/purchase_order/line_items/2/receipts/0/condition',
    ]);
  });
});
