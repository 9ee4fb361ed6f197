/**
 * The commerce contract: one vitest suite, run against every commerce connector and its store simulator, proving
 * what the hub relies on through the CommercePort and the manifest's webhook receiver only — order webhooks
 * (signed, de-duplicable, mapped to valid canonical sales orders with exact ids), order reads with paging and
 * incremental filters, absolute stock settings, idempotent fulfilments, and the error kinds of every failure.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SalesOrder, Shipment } from '../../../canonical-model/generated/index';
import { createCanonicalValidator } from '../../../canonical-model/validate';
import { isHubError } from '../../../platform/errors';
import type { HubError } from '../../../platform/errors';
import type { SimulatorControl } from '../../../simulators/kit/control';
import type { CanonicalEvent, WriteContext } from '../ports/common';
import type { CommercePort } from '../ports/commerce';
import type { WebhookEnvelope, WebhookReceiver } from '../webhooks';
import type { WebhookCapture } from './webhook-capture';

/** A line of an order the store is told to create; a null SKU or a price like "ten dollars" is passed as given. */
export interface StoreOrderLine {
  sku: string | null;
  quantity: number;
  price: string;
}

/** Makes the store do what shoppers and merchants do, and shows what it holds (through its simulator). */
export interface CommerceStoreDriver {
  /** Places an order (the store sends its order-created webhook); answers the order's exact external id. */
  createOrder(lines: StoreOrderLine[]): Promise<{ externalId: string }>;
  /** Edits the order (the store sends its order-updated webhook). */
  updateOrder(externalId: string): Promise<void>;
  /** Cancels the order (the store sends its order-cancelled webhook). */
  cancelOrder(externalId: string): Promise<void>;
  /** Resolves when every webhook the store started sending has been delivered. */
  webhooksIdle(): Promise<void>;
  /** Makes the next API call answer with the vendor's own throttling response (not a plain HTTP 429). */
  throttle(): Promise<void>;
  /** The available quantity the store holds for a SKU at a location, as a decimal string. */
  available(sku: string, locationExternalId: string): Promise<string | undefined>;
  /** The fulfilments the store holds for an order, with their tracking numbers. */
  fulfillments(orderExternalId: string): Promise<{ trackingNumbers: string[] }[]>;
}

/** What a commerce connector's contract test hands the suite; built once, torn down after the last test. */
export interface CommerceContractSetup<Config extends object = object> {
  /** The manifest's webhook receiver. */
  webhooks: WebhookReceiver<Config>;
  /** A validated config whose webhook secret is the one the store signs with. */
  config: Config;
  /** The same config with another webhook secret. */
  wrongSecretConfig: Config;
  /** An instance built from `config`, pointed at the store. */
  port: CommercePort;
  /** An instance whose credentials the store refuses. */
  badCredentialsPort: CommercePort;
  /** Secret values that must never appear in an error message. */
  secrets: string[];
  /** The simulator's control API: the suite resets it before each test and injects faults with it. */
  control: SimulatorControl;
  /** A capture endpoint the store already sends its webhooks to. */
  capture: WebhookCapture;
  store: CommerceStoreDriver;
  /** At least two SKUs the store sells, stocked at every location in `locations`. */
  skus: string[];
  /** At least two location external ids. */
  locations: string[];
  /** How many orders the store holds after a reset (all older than any order a test creates). */
  seededOrders: number;
  /** An order id the store does not have. */
  missingOrderId: string;
  /** The lower-case header that carries the webhook signature. */
  signatureHeader: string;
  /** The vendor field paths a mapping error names: the first line's SKU and price. */
  unmappablePaths: { missingSku: string; badPrice: string };
  teardown(): Promise<void>;
}

const validator = createCanonicalValidator();

function expectValid(documentType: string, doc: unknown): void {
  const result = validator.validate(documentType, doc);
  expect(result.valid ? [] : result.errors, `${documentType} is a valid canonical document`).toEqual([]);
}

async function failure(promise: Promise<unknown>): Promise<HubError> {
  const outcome = await promise.then(
    () => new Error('expected a HubError, but the call succeeded'),
    (err: unknown) => err,
  );
  if (!isHubError(outcome)) throw outcome instanceof Error ? outcome : new Error(String(outcome));
  return outcome;
}

function thrown(fn: () => unknown): HubError {
  try {
    fn();
  } catch (err) {
    if (isHubError(err)) return err;
    throw err;
  }
  throw new Error('expected a HubError, but the call succeeded');
}

const writeContext = (key: string, references: Record<string, string> = {}): WriteContext => ({
  idempotencyKey: key,
  references: { externalId: (type, id) => Promise.resolve(references[`${type}:${id}`]) },
});

/** Registers the commerce contract tests for one connector against its store. */
export function describeCommerceContract<Config extends object>(
  name: string,
  setup: () => Promise<CommerceContractSetup<Config>>,
): void {
  describe(`commerce contract: ${name}`, () => {
    let s: CommerceContractSetup<Config>;

    beforeAll(async () => {
      s = await setup();
    });
    afterAll(async () => {
      await s?.teardown();
    });
    beforeEach(async () => {
      await s.control.reset();
      await s.store.webhooksIdle();
      s.capture.clear();
    });

    /** Every captured webhook, verified, read and mapped. */
    async function deliveredEvents(
      count: number,
    ): Promise<{ envelope: WebhookEnvelope; events: CanonicalEvent[] }[]> {
      await s.store.webhooksIdle();
      const hooks = await s.capture.waitFor(count);
      return hooks.map((hook) => {
        expect(s.webhooks.verify(s.config, hook)).toEqual({ valid: true });
        const envelope = s.webhooks.read(hook);
        if ('malformed' in envelope)
          throw new Error(`a store webhook was read as malformed: ${envelope.malformed}`);
        expect(envelope.deliveryId).not.toBe('');
        return { envelope, events: s.port.mapWebhook(envelope) };
      });
    }

    function onlyOrder(events: CanonicalEvent[], event: string): SalesOrder {
      const matching = events.filter((e) => e.event === event);
      expect(matching.map((e) => e.event)).toEqual([event]);
      const doc = matching[0]!.document;
      expectValid('sales-order', doc);
      return doc as unknown as SalesOrder;
    }

    async function placedOrder(): Promise<{ externalId: string; order: SalesOrder }> {
      const { externalId } = await s.store.createOrder([
        { sku: s.skus[0]!, quantity: 2, price: '3.10' },
        { sku: s.skus[1]!, quantity: 1, price: '4.25' },
      ]);
      const order = await s.port.getOrder(externalId);
      if (!order) throw new Error(`getOrder(${externalId}) found nothing right after the store created it`);
      expectValid('sales-order', order);
      return { externalId, order };
    }

    it('turns a placed order into a signed webhook and a valid sales order with the exact external id', async () => {
      const { externalId } = await s.store.createOrder([
        { sku: s.skus[0]!, quantity: 2, price: '3.10' },
        { sku: s.skus[1]!, quantity: 1, price: '4.25' },
      ]);
      const [delivery] = await deliveredEvents(1);
      const order = onlyOrder(delivery!.events, 'sales-order.created');
      expect(order.source.externalId).toBe(externalId);
      expect(JSON.stringify(order)).toContain(`"externalId":"${externalId}"`);
      expect(order.status).toBe('open');
      expect(
        order.lines.map((l) => [
          l.item.identifiers.find((i) => i.qualifier === 'SKU')?.value,
          l.quantity.value,
          l.unitPrice.amount,
        ]),
      ).toEqual([
        [s.skus[0], '2', '3.10'],
        [s.skus[1], '1', '4.25'],
      ]);
      expect(order.lines.every((l) => l.unitPrice.currency === order.currency)).toBe(true);
    });

    it('maps the updated and cancelled webhooks of an order to its later versions', async () => {
      const { externalId } = await s.store.createOrder([{ sku: s.skus[0]!, quantity: 1, price: '3.10' }]);
      await s.store.webhooksIdle();
      await s.store.updateOrder(externalId);
      await s.store.webhooksIdle();
      await s.store.cancelOrder(externalId);
      const deliveries = await deliveredEvents(3);
      const all = deliveries.flatMap((d) => d.events);
      const created = onlyOrder(all, 'sales-order.created');
      const updated = onlyOrder(all, 'sales-order.updated');
      const cancelled = onlyOrder(all, 'sales-order.cancelled');
      for (const o of [created, updated, cancelled]) expect(o.source.externalId).toBe(externalId);
      expect(Date.parse(updated.updatedAt ?? '')).toBeGreaterThan(Date.parse(created.updatedAt ?? ''));
      expect(cancelled.status).toBe('cancelled');
      expect(cancelled.lines.every((l) => l.status === 'cancelled')).toBe(true);
      expect(new Set(deliveries.map((d) => d.envelope.deliveryId)).size).toBe(3);
    });

    it('repeats the delivery id when the store delivers the same webhook twice', async () => {
      await s.control.faults({ duplicateWebhooks: true });
      const { externalId } = await s.store.createOrder([{ sku: s.skus[0]!, quantity: 1, price: '3.10' }]);
      const deliveries = await deliveredEvents(2);
      expect(deliveries).toHaveLength(2);
      expect(deliveries[0]!.envelope.deliveryId).toBe(deliveries[1]!.envelope.deliveryId);
      const [a, b] = deliveries.map((d) => onlyOrder(d.events, 'sales-order.created'));
      expect(a!.source.externalId).toBe(externalId);
      expect(b).toEqual(a);
    });

    it('refuses a webhook with a tampered body, no signature or another secret, and reads garbage as malformed', async () => {
      await s.store.createOrder([{ sku: s.skus[0]!, quantity: 1, price: '3.10' }]);
      await s.store.webhooksIdle();
      const [hook] = await s.capture.waitFor(1);
      const tampered = {
        ...hook!,
        rawBody: Buffer.from(hook!.rawBody.toString('utf8').replace('3.10', '0.01')),
      };
      expect(tampered.rawBody.equals(hook!.rawBody)).toBe(false);
      expect(s.webhooks.verify(s.config, tampered)).toEqual({ valid: false, reason: 'bad-signature' });
      const unsigned = { ...hook!, headers: { ...hook!.headers, [s.signatureHeader]: undefined } };
      expect(s.webhooks.verify(s.config, unsigned)).toEqual({ valid: false, reason: 'missing-signature' });
      expect(s.webhooks.verify(s.wrongSecretConfig, hook!)).toEqual({
        valid: false,
        reason: 'bad-signature',
      });
      expect(s.webhooks.read({ ...hook!, rawBody: Buffer.from('{"id": 1,') })).toEqual({
        malformed: expect.any(String) as unknown,
      });
    });

    it('reads one order by id as the same sales order the webhook gave, and nothing for an unknown id', async () => {
      const { externalId } = await s.store.createOrder([{ sku: s.skus[1]!, quantity: 3, price: '4.25' }]);
      const [delivery] = await deliveredEvents(1);
      const fromWebhook = onlyOrder(delivery!.events, 'sales-order.created');
      const read = await s.port.getOrder(externalId);
      expectValid('sales-order', read);
      expect(read).toMatchObject({
        id: fromWebhook.id,
        orderNumber: fromWebhook.orderNumber,
        status: 'open',
        source: { externalId, version: fromWebhook.source.version },
        totals: fromWebhook.totals,
      });
      expect(read?.lines.map((l) => [l.item.identifiers, l.quantity, l.unitPrice])).toEqual(
        fromWebhook.lines.map((l) => [l.item.identifiers, l.quantity, l.unitPrice]),
      );
      expect(await s.port.getOrder(s.missingOrderId)).toBeUndefined();
    });

    it('lists every order once across pages, and only recent changes with modifiedSince', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await s.port.listOrders({ limit: 3, ...(cursor ? { cursor } : {}) });
        for (const order of page.items) expectValid('sales-order', order);
        seen.push(...page.items.map((o) => o.source.externalId));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor && pages < 100);
      expect(pages).toBe(Math.ceil(s.seededOrders / 3));
      expect(seen).toHaveLength(s.seededOrders);
      expect(new Set(seen).size).toBe(s.seededOrders);

      const { order } = await placedOrder();
      const since = order.updatedAt ?? '';
      const recent = await s.port.listOrders({ modifiedSince: since });
      expect(recent.items.map((o) => o.source.externalId)).toEqual([order.source.externalId]);
      for (const o of recent.items) expectValid('sales-order', o);
    });

    it('sets absolute available quantities per location, and a repeat changes nothing', async () => {
      const [sku1, sku2] = [s.skus[0]!, s.skus[1]!];
      const [loc1, loc2] = [s.locations[0]!, s.locations[1]!];
      const settings = [
        { sku: sku1, locationExternalId: loc1, available: '17' },
        { sku: sku1, locationExternalId: loc2, available: '0' },
        { sku: sku2, locationExternalId: loc2, available: '250' },
      ];
      const before = await s.store.available(sku2, loc1);
      expect(await s.port.setInventory(settings, writeContext('inventory-1'))).toEqual({ updated: 3 });
      const levels = async () =>
        Promise.all([
          s.store.available(sku1, loc1),
          s.store.available(sku1, loc2),
          s.store.available(sku2, loc2),
          s.store.available(sku2, loc1),
        ]);
      expect(await levels()).toEqual(['17', '0', '250', before]);
      expect(await s.port.setInventory(settings, writeContext('inventory-1'))).toEqual({ updated: 3 });
      expect(await levels()).toEqual(['17', '0', '250', before]);
    });

    it('refuses stock for a SKU the store does not sell as a data error naming it', async () => {
      const err = await failure(
        s.port.setInventory(
          [{ sku: 'NO-SUCH-SKU-404', locationExternalId: s.locations[0]!, available: '1' }],
          writeContext('inventory-2'),
        ),
      );
      expect(err.kind).toBe('data');
      expect(err.fieldErrors?.map((f) => f.path)).toEqual(['/0/sku']);
    });

    it('creates one fulfilment with tracking, and a retry of the same shipment creates no second one', async () => {
      const { externalId, order } = await placedOrder();
      const tracking = '1Z999AA10123456784';
      const shipment: Shipment = {
        schemaVersion: '1',
        documentType: 'shipment',
        id: 'shp_contract_1',
        legalEntityId: order.legalEntityId,
        source: { connectorId: 'wms-contract', system: 'wms', externalId: 'SHP-1' },
        shipmentNumber: 'SHP-1',
        salesOrderId: order.id,
        orderNumber: order.orderNumber,
        status: 'shipped',
        fromLocationId: 'loc_contract',
        shipTo: order.shipTo,
        carrier: { scac: 'UPSN', name: 'UPS', mode: 'parcel' },
        shippedAt: '2025-04-03T21:38:00Z',
        packages: [
          {
            packageId: 'PKG-1',
            trackingNumber: tracking,
            trackingUrl: `https://tracking.example.com/${tracking}`,
          },
        ],
        lines: order.lines.map((l, i) => ({
          lineNumber: i + 1,
          salesOrderLineNumber: l.lineNumber,
          item: { identifiers: l.item.identifiers },
          quantityShipped: l.quantity,
        })),
      };
      expectValid('shipment', shipment);
      const context = writeContext('fulfil-1', { [`sales-order:${order.id}`]: externalId });
      const first = await s.port.createFulfillment(shipment, context);
      expect(first.created).toBe(true);
      const again = await s.port.createFulfillment(shipment, context);
      expect(again).toEqual({ ...first, created: false });
      expect(await s.store.fulfillments(externalId)).toEqual([{ trackingNumbers: [tracking] }]);
      const fulfilled = await s.port.getOrder(externalId);
      expectValid('sales-order', fulfilled);
      expect(fulfilled?.status).toBe('fulfilled');
    });

    it("reports the store's own throttling as rate-limited with the wait it needs", async () => {
      await s.store.throttle();
      const err = await failure(s.port.listOrders({ limit: 1 }));
      expect(err.kind).toBe('rate-limited');
      expect(err.retryAfterMs).toBeGreaterThan(0);
    });

    it('reports HTTP 429 as rate-limited with Retry-After, and an outage as transient', async () => {
      await s.control.faults({ failNext: [{ status: 429, count: 1, retryAfterSeconds: 7 }] });
      const limited = await failure(s.port.getOrder(s.missingOrderId));
      expect(limited.kind).toBe('rate-limited');
      expect(limited.retryAfterMs).toBe(7_000);
      await s.control.faults({ outageSeconds: 30 });
      expect((await failure(s.port.listOrders())).kind).toBe('transient');
    });

    it('reports refused credentials as config, without a secret in the message', async () => {
      const err = await failure(s.badCredentialsPort.listOrders({ limit: 1 }));
      expect(err.kind).toBe('config');
      for (const secret of s.secrets)
        expect(`${err.message} ${JSON.stringify(err.upstream ?? {})}`).not.toContain(secret);
    });

    it('reports an order line without SKU or with an unreadable price as data naming the vendor field', async () => {
      await s.store.createOrder([{ sku: null, quantity: 1, price: '3.10' }]);
      await s.store.createOrder([{ sku: s.skus[0]!, quantity: 1, price: 'ten dollars' }]);
      await s.store.webhooksIdle();
      const hooks = await s.capture.waitFor(2);
      const errors = hooks.map((hook) => {
        const envelope = s.webhooks.read(hook);
        if ('malformed' in envelope) throw new Error(envelope.malformed);
        return thrown(() => s.port.mapWebhook(envelope));
      });
      expect(errors.map((e) => e.kind)).toEqual(['data', 'data']);
      const paths = errors.map((e) => e.fieldErrors?.map((f) => f.path));
      expect(paths).toEqual([[s.unmappablePaths.missingSku], [s.unmappablePaths.badPrice]]);
      expect(errors[0]!.message).toContain(s.unmappablePaths.missingSku);
    });

    it('refuses a webhook topic it does not handle as data naming /topic', () => {
      const err = thrown(() =>
        s.port.mapWebhook({ deliveryId: 'contract-1', topic: 'no-such/topic', payload: {} }),
      );
      expect(err.kind).toBe('data');
      expect(err.fieldErrors?.map((f) => f.path)).toEqual(['/topic']);
    });
  });
}
