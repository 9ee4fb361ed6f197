/**
 * The WMS contract: one vitest suite every WMS connector passes against its simulator, through the `WmsPort`, the
 * manifest's webhook receiver and the small `WmsContractSetup` below — never through vendor shapes.
 *
 * What the suite relies on from the simulator (kit control API, `/_sim`):
 * - `POST /_sim/reset` brings data and settings back to the seed (run before every test; webhook target kept);
 * - settings `shipDelayMs`, `receiveDelayMs` (ms until a released order ships / an expected receipt is received),
 *   `shortPickSkus` (SKUs that ship short), `shortPickRate` (0 disables random short picks) and
 *   `receiptVarianceSkus` ({sku: received − expected});
 * - faults `duplicateWebhooks`, `failNext` (429 with `retryAfterSeconds`) and `outageSeconds`;
 * - every stock change sends an inventory webhook, every shipment and completed receipt its webhook, signed, to the
 *   capture endpoint the setup registered; so does a return the setup's `receiveReturn` receives.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type {
  AdvanceShipNotice,
  GoodsReceipt,
  InventoryMovement,
  InventoryPosition,
  Return,
  SalesOrder,
  Shipment,
} from '../../../canonical-model/generated/index';
import { createCanonicalValidator } from '../../../canonical-model/validate';
import { isHubError } from '../../../platform/errors';
import type { HubError } from '../../../platform/errors';
import type { SimulatorControl } from '../../../simulators/kit/control';
import type { CanonicalEvent, WriteContext } from '../ports/common';
import type { WmsPort } from '../ports/wms';
import type { ConnectorManifest } from '../types';
import type { InboundWebhook, WebhookEnvelope } from '../webhooks';
import type { WebhookCapture } from './webhook-capture';

/** What a WMS connector's test file hands the suite: a port on a running simulator and the means to observe it. */
export interface WmsContractSetup<Config extends object = object> {
  /** The connector's manifest; its `webhooks` receiver verifies and reads what the capture received. */
  manifest: ConnectorManifest<Config, WmsPort>;
  /** The validated config `port` was built from (the receiver verifies with it). */
  config: Config;
  /** The same config with a different webhook secret: verification must fail with it. */
  wrongSecretConfig: Config;
  port: WmsPort;
  /** A port whose credentials the simulator refuses, and the secret value that must not appear in any error. */
  badCredentials: { port: WmsPort; secret: string };
  /** The simulator's control API. */
  control: SimulatorControl;
  /** The endpoint the simulator's webhooks are registered to (with the config's secret). */
  capture: WebhookCapture;
  legalEntityId: string;
  /** A seeded warehouse: its canonical location id (as mapped in the config) and its id in the WMS. */
  location: { id: string; externalId: string };
  /** At least 30 SKUs stocked (≥ 100 units each) at `location`. */
  skus: string[];
  /** The simulator's records of orders released for this canonical sales order id (e.g. via control.records). */
  releasedOrders(salesOrderId: string): Promise<unknown[]>;
  /** Removes the SKU of the first shipped line from a shipment webhook payload; returns its JSON pointer. */
  dropShipmentLineSku(payload: unknown): string;
  /** The simulator's records of returns expected for this canonical Return id. */
  expectedReturns(returnId: string): Promise<unknown[]>;
  /** The warehouse receives the return expected for `returnId`: units of each SKU in the condition they arrived in. */
  receiveReturn(
    returnId: string,
    lines: { sku: string; quantity: number; condition: 'good' | 'damaged' }[],
  ): Promise<void>;
  /** Completes a cycle count of `sku` at `location` finding `counted` units, when the simulator can. */
  cycleCount?(sku: string, counted: number): Promise<void>;
  /** Resolves when the simulator has no webhook delivery in flight. */
  webhooksIdle(): Promise<void>;
  teardown(): Promise<void>;
}

interface Received {
  webhook: InboundWebhook;
  envelope: WebhookEnvelope;
  events: CanonicalEvent[];
}

const WAIT_MS = 15_000;

/** Registers the WMS contract tests for one connector. */
export function describeWmsContract<Config extends object = object>(
  name: string,
  setup: () => Promise<WmsContractSetup<Config>>,
): void {
  const validator = createCanonicalValidator();
  let s: WmsContractSetup<Config>;
  const receiver = () => {
    const r = s.manifest.webhooks;
    if (!r) throw new Error(`${s.manifest.type} declares no webhook receiver`);
    return r;
  };

  const expectValid = (doc: { documentType: string }) => {
    const result = validator.validate(doc.documentType, doc);
    expect(result.valid ? [] : result.errors, `${doc.documentType} validates`).toEqual([]);
  };

  const context = (): WriteContext => ({
    references: { externalId: () => Promise.resolve(undefined) },
    idempotencyKey: `contract-${randomUUID()}`,
  });

  const salesOrder = (lines: [sku: string, quantity: number][]): SalesOrder => {
    const id = `so_contract_${randomUUID().slice(0, 8)}`;
    return {
      schemaVersion: '1',
      documentType: 'sales-order',
      id,
      legalEntityId: s.legalEntityId,
      source: { connectorId: 'contract', system: 'x12', externalId: id },
      orderNumber: `SO-${id.slice(-8)}`,
      customerId: 'cus_contract',
      channel: 'edi',
      status: 'open',
      orderDate: '2025-04-01',
      currency: 'USD',
      shipTo: {
        name: 'Contract DC',
        address: {
          lines: ['1 Test Way'],
          city: 'Joliet',
          region: 'IL',
          postalCode: '60431',
          countryCode: 'US',
        },
      },
      shipFromLocationId: s.location.id,
      lines: lines.map(([sku, quantity], i) => ({
        lineNumber: i + 1,
        item: { identifiers: [{ qualifier: 'SKU', value: sku }] },
        quantity: { value: String(quantity), uom: 'EA' },
        unitPrice: { amount: '1.00', currency: 'USD' },
      })),
    } as SalesOrder;
  };

  const asnOf = (lines: [sku: string, quantity: number][]): AdvanceShipNotice => {
    const id = `asn_contract_${randomUUID().slice(0, 8)}`;
    return {
      schemaVersion: '1',
      documentType: 'advance-ship-notice',
      id,
      legalEntityId: s.legalEntityId,
      source: { connectorId: 'contract', system: 'x12', externalId: id },
      asnNumber: `ASN-${id.slice(-8)}`,
      direction: 'inbound',
      purpose: 'original',
      shipDate: '2025-04-04',
      shipFrom: { code: 'SUP-1' },
      shipTo: { locationId: s.location.id },
      orders: [
        {
          poNumber: `PO-${id.slice(-8)}`,
          packs: [
            {
              sscc: '006141411234567890',
              items: lines.map(([sku, quantity], i) => ({
                lineNumber: i + 1,
                item: { identifiers: [{ qualifier: 'SKU', value: sku }] },
                quantity: { value: String(quantity), uom: 'EA' },
              })),
            },
          ],
        },
      ],
    };
  };

  const returnOf = (order: SalesOrder, lines: [sku: string, quantity: number][]): Return => {
    const id = `rma_contract_${randomUUID().slice(0, 8)}`;
    return {
      schemaVersion: '1',
      documentType: 'return',
      id,
      legalEntityId: s.legalEntityId,
      source: { connectorId: 'contract', system: 'erp', externalId: id },
      returnNumber: `RMA-${id.slice(-8)}`,
      type: 'customer-return',
      status: 'authorized',
      customerId: 'cus_contract',
      salesOrderId: order.id,
      returnLocationId: s.location.id,
      lines: lines.map(([sku, quantity], i) => ({
        lineNumber: i + 1,
        orderLineNumber: order.lines.find((l) => l.item.identifiers[0]?.value === sku)?.lineNumber ?? 1,
        item: { identifiers: [{ qualifier: 'SKU', value: sku }] },
        quantity: { value: String(quantity), uom: 'EA' },
        reason: i === 0 ? 'no-longer-needed' : 'damaged',
      })),
    };
  };

  /** Every captured webhook, verified, read and mapped (a webhook that fails any step fails the test). */
  const received = (): Received[] =>
    s.capture.received.map((webhook) => {
      expect(receiver().verify(s.config, webhook)).toEqual({ valid: true });
      const envelope = receiver().read(webhook);
      if ('malformed' in envelope) throw new Error(`malformed webhook: ${envelope.malformed}`);
      return { webhook, envelope, events: s.port.mapWebhook(envelope) };
    });

  const waitFor = async <T>(what: string, find: () => T | undefined): Promise<T> => {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  const eventFor =
    <T>(event: string, match: (doc: T) => boolean) =>
    () =>
      received()
        .flatMap((r) => r.events)
        .find((e) => e.event === event && match(e.document as unknown as T))?.document as T | undefined;

  const shipmentOf = (orderId: string) =>
    waitFor(
      `the shipment of ${orderId}`,
      eventFor<Shipment>('shipment.confirmed', (d) => d.salesOrderId === orderId),
    );

  const failure = async (promise: Promise<unknown>): Promise<HubError> => {
    const err = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!isHubError(err)) throw new Error(`expected a HubError, got ${String(err)}`);
    return err;
  };

  const allPositions = async (filter: { sku?: string; locationExternalId?: string }, limit: number) => {
    const items: InventoryPosition[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await s.port.getInventorySnapshot(filter, { limit, ...(cursor ? { cursor } : {}) });
      items.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 100);
    return { items, pages };
  };

  describe(`WMS contract: ${name}`, () => {
    beforeAll(async () => {
      s = await setup();
    });
    afterAll(async () => {
      await s.webhooksIdle();
      await s.teardown();
    });
    beforeEach(async () => {
      await s.control.reset();
      await s.control.settings({ shipDelayMs: 50, receiveDelayMs: 50, shortPickRate: 0, shortPickSkus: [] });
      s.capture.clear();
    });

    it('releases an order that ships after the delay, confirmed by a signed webhook as a valid Shipment', async () => {
      const [a, b] = s.skus as [string, string];
      const order = salesOrder([
        [a, 3],
        [b, 2],
      ]);
      const released = await s.port.releaseShippingOrder(order, context());
      expect(released.created).toBe(true);
      expect(released.externalId).not.toBe('');
      const shipment = await shipmentOf(order.id);
      expectValid(shipment);
      expect(shipment).toMatchObject({ documentType: 'shipment', legalEntityId: s.legalEntityId });
      expect(shipment.fromLocationId).toBe(s.location.id);
      expect(['shipped', 'in-transit', 'delivered']).toContain(shipment.status);
      const shipped = shipment.lines.map((l) => [l.item.identifiers[0]?.value, l.quantityShipped.value]);
      expect(shipped).toEqual([
        [a, '3'],
        [b, '2'],
      ]);
      expect(shipment.lines.every((l) => l.quantityShort === undefined)).toBe(true);
    });

    it('shows a short pick as a line shipped below the ordered quantity', async () => {
      const [a, b] = s.skus.slice(2) as [string, string];
      await s.control.settings({ shortPickSkus: [b] });
      const order = salesOrder([
        [a, 4],
        [b, 6],
      ]);
      await s.port.releaseShippingOrder(order, context());
      const shipment = await shipmentOf(order.id);
      expectValid(shipment);
      const line = shipment.lines.find((l) => l.item.identifiers.some((i) => i.value === b));
      expect(line?.quantityShort, 'the short line carries quantityShort').toBeDefined();
      expect(Number(line?.quantityShipped.value)).toBeLessThan(6);
      expect(Number(line?.quantityShipped.value) + Number(line?.quantityShort?.value)).toBe(6);
      const full = shipment.lines.find((l) => l.item.identifiers.some((i) => i.value === a));
      expect(full?.quantityShipped.value).toBe('4');
      expect(full?.quantityShort).toBeUndefined();
    });

    it('releases the same order twice without a duplicate: the second answer is created: false', async () => {
      await s.control.settings({ shipDelayMs: 20_000 });
      const order = salesOrder([[s.skus[4]!, 1]]);
      const first = await s.port.releaseShippingOrder(order, context());
      const second = await s.port.releaseShippingOrder(order, context());
      expect(first.created).toBe(true);
      expect(second).toMatchObject({ created: false, externalId: first.externalId });
      expect(await s.releasedOrders(order.id)).toHaveLength(1);
    });

    it('cancels an order before it ships, and refuses with a reason once it has shipped', async () => {
      await s.control.settings({ shipDelayMs: 20_000 });
      const early = salesOrder([[s.skus[5]!, 1]]);
      const { externalId: earlyId } = await s.port.releaseShippingOrder(early, context());
      expect(await s.port.cancelShippingOrder(earlyId, 'customer cancelled', context())).toEqual({
        cancelled: true,
      });

      await s.control.settings({ shipDelayMs: 50 });
      const late = salesOrder([[s.skus[6]!, 1]]);
      const { externalId: lateId } = await s.port.releaseShippingOrder(late, context());
      await shipmentOf(late.id);
      const refused = await s.port.cancelShippingOrder(lateId, 'too late', context());
      expect(refused.cancelled).toBe(false);
      expect(refused.reason?.trim()).toBeTruthy();
    });

    it('expects a receipt from an ASN and reports it completed as a GoodsReceipt with the variance', async () => {
      const [a, b] = s.skus.slice(7) as [string, string];
      await s.control.settings({ receiptVarianceSkus: { [b]: -2 } });
      const asn = asnOf([
        [a, 10],
        [b, 8],
      ]);
      const created = await s.port.createExpectedReceipt(asn, context());
      expect(created.created).toBe(true);
      expect(await s.port.createExpectedReceipt(asn, context())).toMatchObject({
        created: false,
        externalId: created.externalId,
      });
      const receipt = await waitFor(
        'the goods receipt',
        eventFor<GoodsReceipt>('goods-receipt.completed', (d) =>
          d.lines.some((l) => l.item.identifiers.some((i) => i.value === b)),
        ),
      );
      expectValid(receipt);
      expect(receipt.status).toBe('completed');
      expect(receipt.locationId).toBe(s.location.id);
      const byValue = (sku: string) =>
        receipt.lines.find((l) => l.item.identifiers.some((i) => i.value === sku));
      expect(byValue(a)).toMatchObject({
        quantityExpected: { value: '10' },
        quantityReceived: { value: '10' },
      });
      expect(byValue(b)).toMatchObject({
        quantityExpected: { value: '8' },
        quantityReceived: { value: '6' },
      });
    });

    it('expects a return against a shipped order once: the same Return twice answers the same return', async () => {
      const [a, b] = s.skus.slice(15) as [string, string];
      const order = salesOrder([
        [a, 3],
        [b, 2],
      ]);
      await s.port.releaseShippingOrder(order, context());
      await shipmentOf(order.id);
      const ret = returnOf(order, [
        [a, 2],
        [b, 2],
      ]);
      const first = await s.port.createExpectedReturn(ret, context());
      expect(first.created).toBe(true);
      expect(first.externalId).not.toBe('');
      expect(first.externalId).not.toBe(ret.id);
      const second = await s.port.createExpectedReturn(ret, context());
      expect(second).toMatchObject({ created: false, externalId: first.externalId });
      expect(await s.expectedReturns(ret.id)).toHaveLength(1);
    });

    it('reports a received return as a GoodsReceipt of type return, a damaged part as rejected', async () => {
      const [a, b] = s.skus.slice(17) as [string, string];
      const order = salesOrder([
        [a, 3],
        [b, 4],
      ]);
      await s.port.releaseShippingOrder(order, context());
      await shipmentOf(order.id);
      const ret = returnOf(order, [
        [a, 2],
        [b, 3],
      ]);
      await s.port.createExpectedReturn(ret, context());
      await s.receiveReturn(ret.id, [
        { sku: a, quantity: 2, condition: 'good' },
        { sku: b, quantity: 2, condition: 'good' },
        { sku: b, quantity: 1, condition: 'damaged' },
      ]);
      const receipt = await waitFor(
        'the return receipt',
        eventFor<GoodsReceipt>('goods-receipt.completed', (d) => d.returnId === ret.id),
      );
      expectValid(receipt);
      expect(receipt).toMatchObject({
        type: 'return',
        status: 'completed',
        returnId: ret.id,
        locationId: s.location.id,
        legalEntityId: s.legalEntityId,
      });
      const lines = receipt.lines.map((l) => ({
        orderLineNumber: l.orderLineNumber,
        sku: l.item.identifiers.find((i) => i.qualifier === 'SKU')?.value,
        received: l.quantityReceived.value,
        rejected: l.quantityRejected?.value,
        condition: l.condition,
      }));
      expect(lines).toEqual([
        { orderLineNumber: 1, sku: a, received: '2', rejected: undefined, condition: 'good' },
        { orderLineNumber: 2, sku: b, received: '2', rejected: undefined, condition: 'good' },
        { orderLineNumber: 2, sku: b, received: '1', rejected: '1', condition: 'damaged' },
      ]);
      expect(new Set(receipt.lines.map((l) => l.lineNumber)).size).toBe(3);
    });

    it('refuses a Return without lines, without an order or with an item the order never shipped', async () => {
      const [a, other] = s.skus.slice(19) as [string, string];
      const order = salesOrder([[a, 2]]);
      await s.port.releaseShippingOrder(order, context());
      await shipmentOf(order.id);
      const pointers = async (ret: Return) => {
        const err = await failure(s.port.createExpectedReturn(ret, context()));
        expect(err.kind).toBe('data');
        return { paths: err.fieldErrors?.map((f) => f.path) ?? [], message: err.message };
      };
      const empty = await pointers({ ...returnOf(order, [[a, 1]]), lines: [] });
      expect(empty.paths).toContain('/lines');
      expect(empty.message).toContain('/lines');
      const orphan = returnOf(order, [[a, 1]]);
      delete orphan.salesOrderId;
      expect((await pointers(orphan)).paths).toContain('/salesOrderId');
      const unknown = returnOf(order, [[other, 1]]);
      const refused = await pointers(unknown);
      expect(refused.message).toContain(other);
      expect(refused.paths).toContain('/lines/0/item/identifiers');
      for (const ret of [unknown, orphan]) expect(await s.expectedReturns(ret.id)).toEqual([]);
    });

    it('pages through the inventory snapshot without gaps or repeats', async () => {
      const { items, pages } = await allPositions({ locationExternalId: s.location.externalId }, 10);
      expect(pages).toBeGreaterThanOrEqual(3);
      const skus = items.map((p) => p.item.identifiers[0]?.value);
      expect(new Set(skus).size).toBe(skus.length);
      for (const sku of s.skus) expect(skus).toContain(sku);
      for (const position of items) {
        expectValid(position);
        expect(position.locationId).toBe(s.location.id);
      }
    });

    it('filters the inventory snapshot by SKU', async () => {
      const sku = s.skus[9]!;
      const { items } = await allPositions({ sku, locationExternalId: s.location.externalId }, 10);
      expect(items).toHaveLength(1);
      expect(items[0]?.item.identifiers).toContainEqual({ qualifier: 'SKU', value: sku });
      expectValid(items[0]!);
      expect(Number(items[0]?.onHand.value)).toBeGreaterThanOrEqual(100);
    });

    it('reports a stock change by webhook as an InventoryMovement that matches the snapshot', async () => {
      const sku = s.skus[10]!;
      const before = (await s.port.getInventorySnapshot({ sku, locationExternalId: s.location.externalId }))
        .items[0]!;
      const order = salesOrder([[sku, 5]]);
      await s.port.releaseShippingOrder(order, context());
      const movement = await waitFor(
        `an inventory movement of ${sku}`,
        eventFor<InventoryMovement>('inventory.changed', (d) =>
          d.item.identifiers.some((i) => i.value === sku),
        ),
      );
      expectValid(movement);
      expect(movement).toMatchObject({
        direction: 'out',
        quantity: { value: '5' },
        locationId: s.location.id,
      });
      expect(Number.isNaN(Date.parse(movement.occurredAt))).toBe(false);
      const after = (await s.port.getInventorySnapshot({ sku, locationExternalId: s.location.externalId }))
        .items[0]!;
      expect(Number(after.onHand.value)).toBe(Number(before.onHand.value) - 5);
    });

    it('reports a completed cycle count as an InventoryMovement of type count', async (ctx) => {
      if (!s.cycleCount) return ctx.skip();
      const sku = s.skus[11]!;
      const before = Date.now();
      await s.cycleCount(sku, 42);
      const count = await waitFor(
        `the count of ${sku}`,
        eventFor<InventoryMovement>('inventory.counted', (d) =>
          d.item.identifiers.some((i) => i.value === sku),
        ),
      );
      expectValid(count);
      expect(count).toMatchObject({
        type: 'count',
        countedQuantity: { value: '42' },
        locationId: s.location.id,
      });
      // The count happened now: a wrong time zone would put it hours away, and the ledger orders counts against
      // stock snapshots by this instant (a count stamped later than the snapshot that includes it counts twice).
      const occurred = Date.parse(count.occurredAt);
      expect(occurred, `occurredAt ${count.occurredAt}`).toBeGreaterThanOrEqual(
        Math.floor(before / 1000) * 1000,
      );
      expect(occurred, `occurredAt ${count.occurredAt}`).toBeLessThanOrEqual(Date.now());
    });

    it('refuses a tampered body, a wrong secret and a missing signature', async () => {
      await s.port.releaseShippingOrder(salesOrder([[s.skus[12]!, 1]]), context());
      const webhook = await waitFor('a webhook', () => s.capture.received[0]);
      const tampered = {
        ...webhook,
        rawBody: Buffer.from(webhook.rawBody.toString('utf8').replace(/.$/, ' }')),
      };
      expect(receiver().verify(s.config, tampered)).toEqual({ valid: false, reason: 'bad-signature' });
      expect(receiver().verify(s.wrongSecretConfig, webhook)).toEqual({
        valid: false,
        reason: 'bad-signature',
      });
      const unsigned = { ...webhook, headers: { 'content-type': 'application/json' } };
      expect(receiver().verify(s.config, unsigned)).toEqual({ valid: false, reason: 'missing-signature' });
    });

    it('repeats the delivery id when the sender delivers the same event twice', async () => {
      await s.control.faults({ duplicateWebhooks: true });
      const order = salesOrder([[s.skus[13]!, 1]]);
      await s.port.releaseShippingOrder(order, context());
      await shipmentOf(order.id);
      await s.webhooksIdle();
      const shipments = received().filter((r) =>
        r.events.some((e) => e.event === 'shipment.confirmed' && e.document.salesOrderId === order.id),
      );
      expect(shipments).toHaveLength(2);
      expect(shipments[0]?.envelope.deliveryId).toBe(shipments[1]?.envelope.deliveryId);
      const ids = new Set(received().map((r) => r.envelope.deliveryId));
      expect(ids.size).toBe(received().length / 2);
    });

    it('reports a 429 with Retry-After as rate-limited, with the wait', async () => {
      await s.control.faults({ failNext: [{ status: 429, count: 1, retryAfterSeconds: 3 }] });
      const err = await failure(s.port.getInventorySnapshot({}, { limit: 5 }));
      expect(err.kind).toBe('rate-limited');
      expect(err.retryAfterMs).toBe(3_000);
    });

    it('reports an outage as transient', async () => {
      await s.control.faults({ outageSeconds: 30 });
      const err = await failure(s.port.getInventorySnapshot({}, { limit: 5 }));
      expect(err.kind).toBe('transient');
    });

    it('reports refused credentials as config, without the secret in the message', async () => {
      const err = await failure(s.badCredentials.port.getInventorySnapshot({}, { limit: 5 }));
      expect(err.kind).toBe('config');
      expect(err.message).not.toContain(s.badCredentials.secret);
      expect(JSON.stringify(err.upstream ?? {})).not.toContain(s.badCredentials.secret);
    });

    it('reports a webhook without a SKU as data, naming the vendor field', async () => {
      const order = salesOrder([[s.skus[14]!, 1]]);
      await s.port.releaseShippingOrder(order, context());
      await shipmentOf(order.id);
      const found = received().find((r) => r.events.some((e) => e.event === 'shipment.confirmed'))!;
      const payload = structuredClone(found.envelope.payload);
      const pointer = s.dropShipmentLineSku(payload);
      let error: unknown;
      try {
        s.port.mapWebhook({ ...found.envelope, payload });
      } catch (err) {
        error = err;
      }
      expect(isHubError(error) && error.kind).toBe('data');
      expect((error as HubError).fieldErrors?.map((f) => f.path)).toContain(pointer);
      expect((error as HubError).message).toContain(pointer);
    });
  });
}
