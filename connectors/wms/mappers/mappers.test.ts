import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCanonicalValidator } from '../../../canonical-model/validate';
import { isHubError } from '../../../platform/errors';
import type { HubError } from '../../../platform/errors';
import type { InboundWebhook } from '../../sdk/webhooks';
import { hmacSha256 } from '../../sdk/webhooks';
import type { WmsConfig } from '../config-schema';
import { wmsConnector } from '../index';
import { createShipHeroWms } from '../index';
import { createLogger } from '../../../monitoring/logger';
import { localToInstant } from './local-time';
import { toOrderCreateInput } from './sales-order';
import { loadFixture } from '../../../canonical-model/fixtures/load-fixture';

const config: WmsConfig = {
  baseUrl: 'http://127.0.0.1:9',
  refreshToken: 'refresh-token-123',
  webhookSecret: 'webhook-secret-123',
  legalEntityId: 'le_acme_us',
  warehouses: [
    { warehouseId: 'V2FyZWhvdXNlOjExNzkw', locationId: 'loc_dc_chicago', timeZone: 'America/Chicago' },
  ],
  timeZone: 'America/New_York',
  timeoutMs: 5_000,
  pageSize: 50,
};
const port = createShipHeroWms(config, {
  logger: createLogger('test', 'silent'),
  connectorId: 'shiphero-chi',
});
const validator = createCanonicalValidator();
const receiver = wmsConnector.webhooks!;

/** A fixture as ShipHero would deliver it: raw bytes, signed with the secret. */
function delivered(name: string, edit?: (body: Record<string, unknown>) => void): InboundWebhook {
  const body = JSON.parse(
    readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
  edit?.(body);
  const raw = JSON.stringify(body);
  return {
    rawBody: Buffer.from(raw),
    headers: { 'x-shiphero-hmac-sha256': hmacSha256(config.webhookSecret, raw, 'base64') },
  };
}

function mapped(webhook: InboundWebhook) {
  expect(receiver.verify(config, webhook)).toEqual({ valid: true });
  const envelope = receiver.read(webhook);
  if ('malformed' in envelope) throw new Error(envelope.malformed);
  const events = port.mapWebhook(envelope);
  for (const e of events) {
    const result = validator.validate(e.document.documentType, e.document);
    expect(result.valid ? [] : result.errors).toEqual([]);
  }
  return { envelope, events };
}

function mappingError(webhook: InboundWebhook): HubError {
  try {
    mapped(webhook);
  } catch (err) {
    if (isHubError(err)) return err;
    throw err;
  }
  throw new Error('expected a mapping error');
}

describe('ShipHero Return Update mapper', () => {
  type Items = { items: Record<string, unknown>[] };

  it('maps a received return to a GoodsReceipt of type return: one line per batch, damaged units rejected', () => {
    const { events } = mapped(delivered('return-update'));
    expect(events).toHaveLength(1);
    expect(events[0]?.event).toBe('goods-receipt.completed');
    expect(events[0]?.document).toMatchObject({
      type: 'return',
      status: 'completed',
      returnId: 'rma_01HVE1F2G3',
      receiptNumber: '3394303',
      locationId: 'loc_dc_chicago',
      receivedAt: '2025-04-12T09:16:30-05:00',
      lines: [
        { lineNumber: 1, orderLineNumber: 1, quantityReceived: { value: '2' }, condition: 'good' },
        { lineNumber: 2, orderLineNumber: 2, quantityReceived: { value: '1' }, condition: 'good' },
        {
          lineNumber: 3,
          orderLineNumber: 2,
          item: { identifiers: [{ qualifier: 'SKU', value: 'ACM-88214' }] },
          quantityReceived: { value: '2' },
          quantityRejected: { value: '2' },
          condition: 'damaged',
        },
      ],
    });
    const lines = (events[0]?.document as unknown as { lines: Record<string, unknown>[] }).lines;
    expect(lines.slice(0, 2).every((l) => l.quantityRejected === undefined)).toBe(true);
  });

  it('maps a return with nothing received yet (ShipHero sends one on create) to no event', () => {
    const { events } = mapped(
      delivered('return-update', (body) => {
        body.status = 'pending';
        delete body.partner_id;
        for (const item of (body as unknown as Items).items) {
          item.quantity_received = 0;
          item.receipts = [];
        }
      }),
    );
    expect(events).toEqual([]);
  });

  it('reports an unknown condition and a missing partner_id as data, naming the vendor fields', () => {
    const err = mappingError(
      delivered('return-update', (body) => {
        delete body.partner_id;
        const receipts = (body as unknown as Items).items[1]!.receipts as Record<string, unknown>[];
        receipts[1]!.condition = 'soggy';
      }),
    );
    expect(err.kind).toBe('data');
    expect(err.fieldErrors?.map((f) => f.path)).toEqual(['/partner_id', '/items/1/receipts/1/condition']);
    expect(err.message).toContain('/partner_id');
  });
});

describe('ShipHero webhook mappers (recorded payloads)', () => {
  it('maps a Shipment Update to a shipped Shipment, with the short-picked line shorted', () => {
    const { envelope, events } = mapped(delivered('shipment-update'));
    expect(envelope).toMatchObject({
      deliveryId: '0b6f2f0e-4c55-4a7e-9d0e-6f1d2c3b4a59',
      topic: 'Shipment Update',
    });
    expect(events).toHaveLength(1);
    expect(events[0]?.event).toBe('shipment.confirmed');
    expect(events[0]?.document).toMatchObject({
      salesOrderId: 'so_01HV4M2X9K',
      orderNumber: 'SO-100482',
      fromLocationId: 'loc_dc_chicago',
      status: 'shipped',
      shippedAt: '2025-04-03T16:38:00-05:00',
      carrier: { name: 'ups', service: 'ground', mode: 'parcel' },
      packages: [{ trackingNumber: '1Z999AA10123456784' }],
      lines: [
        { lineNumber: 1, quantityShipped: { value: '240', uom: 'EA' } },
        {
          lineNumber: 2,
          quantityRequested: { value: '10', uom: 'EA' },
          quantityShipped: { value: '6', uom: 'EA' },
          quantityShort: { value: '4', uom: 'EA' },
          shortReason: 'out-of-stock',
        },
      ],
    });
  });

  it('maps a PO Update to a completed GoodsReceipt with its variance and rejects', () => {
    const { events } = mapped(delivered('po-update'));
    expect(events[0]?.event).toBe('goods-receipt.completed');
    expect(events[0]?.document).toMatchObject({
      status: 'completed',
      advanceShipNoticeId: 'asn_01HV6F3G4H',
      receivedAt: '2025-04-28T10:12:45-05:00',
      lines: [
        { quantityExpected: { value: '180' }, quantityReceived: { value: '180' } },
        {
          quantityExpected: { value: '40' },
          quantityReceived: { value: '37' },
          quantityRejected: { value: '2' },
          reason: '3 fewer than expected received',
        },
      ],
    });
  });

  it('maps an Inventory Change to an outbound adjustment, reading the local timestamp in the warehouse zone', () => {
    const { events } = mapped(delivered('inventory-change'));
    expect(events[0]).toMatchObject({
      event: 'inventory.changed',
      document: {
        type: 'adjustment',
        direction: 'out',
        quantity: { value: '24', uom: 'EA' },
        occurredAt: '2025-07-14T11:02:19-05:00',
        binLocation: 'A-12-03',
      },
    });
  });

  it('maps a Cycle Count to a count movement of the difference', () => {
    const { events } = mapped(delivered('cycle-count'));
    expect(events[0]).toMatchObject({
      event: 'inventory.counted',
      document: {
        type: 'count',
        direction: 'out',
        quantity: { value: '6' },
        countedQuantity: { value: '2370' },
      },
    });
  });

  it('uses the account time zone for a warehouse without one', () => {
    const { events } = mapped(
      delivered('inventory-change', (b) => {
        b.warehouse_id = 'V2FyZWhvdXNlOjk5OTk=';
      }),
    );
    expect(events[0]?.document).toMatchObject({ occurredAt: '2025-07-14T11:02:19-04:00' });
  });

  it('names the vendor field of a line without a SKU', () => {
    const err = mappingError(
      delivered('shipment-update', (b) => {
        delete (b.fulfillment as { line_items: Record<string, unknown>[] }).line_items[1]!.sku;
      }),
    );
    expect(err.kind).toBe('data');
    expect(err.fieldErrors?.map((f) => f.path)).toContain('/fulfillment/line_items/1/sku');
  });

  it('names an unparsable quantity and a timestamp that is not local time', () => {
    const err = mappingError(
      delivered('inventory-change', (b) => {
        b.quantity = 'lots';
        b.timestamp = '14/07/2025';
      }),
    );
    expect(err.fieldErrors?.map((f) => f.path)).toEqual(['/quantity', '/timestamp']);
  });

  it('refuses an unknown webhook type as data naming /webhook_type', () => {
    const err = mappingError(
      delivered('cycle-count', (b) => {
        b.webhook_type = 'Order Allocated';
      }),
    );
    expect(err.kind).toBe('data');
    expect(err.fieldErrors?.[0]?.path).toBe('/webhook_type');
  });

  it('reads a webhook without webhook_id with a delivery id derived from its bytes', () => {
    const webhook = delivered('cycle-count', (b) => delete b.webhook_id);
    const first = receiver.read(webhook);
    const again = receiver.read({ ...webhook, rawBody: Buffer.from(webhook.rawBody) });
    expect('deliveryId' in first && first.deliveryId).toMatch(/^sha256:/);
    expect(again).toEqual(first);
    expect(receiver.read({ rawBody: Buffer.from('not json'), headers: {} })).toEqual({
      malformed: 'the body is not JSON',
    });
  });
});

describe('local warehouse time', () => {
  it('converts across daylight saving time', () => {
    expect(localToInstant('2025-01-15 08:00:00', 'America/Chicago')).toBe('2025-01-15T08:00:00-06:00');
    expect(localToInstant('2025-07-15 08:00:00', 'America/Chicago')).toBe('2025-07-15T08:00:00-05:00');
    expect(localToInstant('2025-07-15 08:00:00', 'Etc/UTC')).toBe('2025-07-15T08:00:00Z');
    expect(localToInstant('2025-07-15 08:00:00', 'Nowhere/Atlantis')).toBeUndefined();
  });
});

describe('sales order → order_create', () => {
  it('refuses lines ShipHero cannot take, naming the canonical field', () => {
    const order = loadFixture('sales-order');
    order.shipFromLocationId = 'loc_dc_chicago';
    let error: unknown;
    try {
      toOrderCreateInput(order, { connectorId: 'c', config });
    } catch (err) {
      error = err;
    }
    expect(isHubError(error) && error.kind).toBe('data');
    expect((error as HubError).fieldErrors?.map((f) => f.path)).toEqual([
      '/lines/1/item/identifiers',
      '/lines/1/quantity/uom',
    ]);
  });
});
