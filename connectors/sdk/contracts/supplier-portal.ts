/**
 * The supplier-portal contract: one vitest suite every supplier-portal connector passes, through its port, its
 * manifest's webhook receiver and the simulator's control API only — publish (idempotently), the supplier's
 * acknowledgement with per-line decisions, the ASN and invoice that follow, paging, signed webhooks, and the error
 * kinds the hub's retry policy relies on. Every canonical document it sees must validate.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  AdvanceShipNotice,
  Invoice,
  PurchaseOrder,
  PurchaseOrderAck,
} from '../../../canonical-model/generated/index';
import { createCanonicalValidator } from '../../../canonical-model/validate';
import { isHubError } from '../../../platform/errors';
import type { HubError } from '../../../platform/errors';
import type { SimulatorControl } from '../../../simulators/kit/control';
import type { ListOptions, Page, ReferenceResolver } from '../ports/common';
import type { SupplierPortalPort } from '../ports/supplier-portal';
import type { InboundWebhook, WebhookEnvelope, WebhookReceiver } from '../webhooks';
import type { WebhookCapture } from './webhook-capture';

/** An item the simulated supplier answers in a known way (the setup configures the portal so). */
export interface ContractItem {
  sku: string;
  vendorPart?: string;
  description: string;
  /** Canonical unit code. */
  uom: string;
  unitPrice: string;
}

/** What the suite needs from a connector's test file; built fresh for every test. */
export interface SupplierPortalContractSetup {
  /** The connector under test, configured for the portal. */
  port: SupplierPortalPort;
  /** The same connector with an API key the portal refuses. */
  badCredentials: { port: SupplierPortalPort; apiKey: string };
  /** The control API of the (simulated) portal. */
  control: SimulatorControl;
  /** The manifest's webhook receiver, the config it verifies with, and one whose webhook secret is wrong. */
  webhooks: {
    receiver: WebhookReceiver<object>;
    config: object;
    wrongSecretConfig: object;
    /** Where the portal delivers webhooks during the test. */
    capture: Pick<WebhookCapture, 'received'>;
    /** How old a signature may be before it is refused as a replay. */
    toleranceSeconds: number;
  };
  /** The Map behind the ReferenceResolver, keyed "<objectType>:<canonicalId>" → external id. */
  references: Map<string, string>;
  legalEntityId: string;
  /** A canonical supplier id that resolves (through `references`) to a supplier account on the portal. */
  supplierId: string;
  currency: string;
  /** Items the supplier accepts, rejects, confirms with less quantity, at a higher price, or later. */
  items: Record<'accept' | 'reject' | 'changeQuantity' | 'changePrice' | 'delayDate', ContractItem>;
  /** The purchase orders the portal holds (read through `control.records`), as external id and PO number. */
  publishedPurchaseOrders(): Promise<{ externalId: string; poNumber: string }[]>;
  /**
   * Puts an acknowledgement with the defect into the portal, as its next list would serve it; returns the JSON
   * pointer (into that vendor document) of the field the `data` error must name.
   */
  plantMalformedAcknowledgement(defect: 'unparsable-price' | 'missing-sku'): Promise<string>;
  teardown(): Promise<void>;
}

/** A ReferenceResolver over the setup's Map ("<objectType>:<canonicalId>" keys). */
export function mapResolver(references: Map<string, string>): ReferenceResolver {
  return { externalId: (objectType, id) => Promise.resolve(references.get(`${objectType}:${id}`)) };
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, ms = 10_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function listAll<T>(
  list: (o: ListOptions) => Promise<Page<T>>,
  options: ListOptions = {},
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages += 1) {
    const page = await list({ ...options, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) return items;
  }
  throw new Error('more than 100 pages');
}

async function caught(promise: Promise<unknown>): Promise<HubError> {
  try {
    await promise;
  } catch (err) {
    if (isHubError(err)) return err;
    throw err;
  }
  throw new Error('expected a HubError, but the call succeeded');
}

/** Registers the supplier-portal contract tests for one connector. */
export function describeSupplierPortalContract(
  name: string,
  setup: () => Promise<SupplierPortalContractSetup>,
): void {
  const validator = createCanonicalValidator();
  const expectValid = (type: string, doc: unknown) => {
    const result = validator.validate(type, doc);
    expect(result.valid ? [] : result.errors, `${type} validates`).toEqual([]);
  };

  describe(`supplier-portal contract: ${name}`, () => {
    let s: SupplierPortalContractSetup;
    let sequence = 0;
    beforeEach(async () => {
      s = await setup();
    });
    afterEach(async () => {
      vi.useRealTimers();
      await s.teardown();
    });

    const line = (n: number, item: ContractItem, quantity = '10'): PurchaseOrder['lines'][number] => ({
      lineNumber: n,
      item: {
        identifiers: [
          { qualifier: 'SKU', value: item.sku },
          ...(item.vendorPart ? [{ qualifier: 'VENDOR_PART' as const, value: item.vendorPart }] : []),
        ],
        description: item.description,
      },
      quantity: { value: quantity, uom: item.uom as PurchaseOrder['lines'][number]['quantity']['uom'] },
      unitPrice: { amount: item.unitPrice, currency: s.currency },
      status: 'open',
      requestedDeliveryDate: '2031-05-02',
    });
    const order = (items: ContractItem[], overrides: Partial<PurchaseOrder> = {}): PurchaseOrder => {
      sequence += 1;
      const po: PurchaseOrder = {
        schemaVersion: '1',
        documentType: 'purchase-order',
        id: `po_contract_${Date.now().toString(36)}_${sequence}`,
        legalEntityId: s.legalEntityId,
        source: { connectorId: 'erp-contract', system: 'netsuite', externalId: `PO-${sequence}` },
        poNumber: `PO-C${Date.now().toString(36).toUpperCase()}-${sequence}`,
        supplierId: s.supplierId,
        type: 'standard',
        status: 'issued',
        orderDate: '2031-04-01',
        requestedDeliveryDate: '2031-05-02',
        currency: s.currency,
        shipTo: {
          locationId: 'loc_dc_chicago',
          address: {
            lines: ['1200 W 35th St'],
            city: 'Chicago',
            region: 'IL',
            postalCode: '60609',
            countryCode: 'US',
          },
        },
        lines: items.map((item, i) => line(i + 1, item)),
        ...overrides,
      };
      expectValid('purchase-order', po);
      return po;
    };
    const context = (key = `contract-${Math.random().toString(36).slice(2)}`) => ({
      references: mapResolver(s.references),
      idempotencyKey: key,
    });
    const ackFor = (po: PurchaseOrder) =>
      waitFor(`the acknowledgement of ${po.poNumber}`, async () =>
        (await listAll((o) => s.port.listAcknowledgements(o))).find((a) => a.poNumber === po.poNumber),
      );
    const deliveries = (min: number) =>
      waitFor(`${min} webhook deliveries`, () => {
        const received = s.webhooks.capture.received;
        return received.length >= min ? [...received] : undefined;
      });
    const envelope = (w: InboundWebhook): WebhookEnvelope => {
      const read = s.webhooks.receiver.read(w);
      if ('malformed' in read) throw new Error(`malformed webhook: ${read.malformed}`);
      return read;
    };

    it('publishes a purchase order the portal then holds once', async () => {
      const po = order([s.items.accept, s.items.changePrice]);
      const result = await s.port.publishPurchaseOrder(po, context());
      expect(result.created).toBe(true);
      expect(result.externalId).not.toBe('');
      const held = await s.publishedPurchaseOrders();
      expect(held.filter((h) => h.poNumber === po.poNumber)).toEqual([
        { externalId: result.externalId, poNumber: po.poNumber },
      ]);
    });

    it('treats a retry with the same idempotency key as the same purchase order', async () => {
      const po = order([s.items.accept]);
      const ctx = context();
      const first = await s.port.publishPurchaseOrder(po, ctx);
      const retry = await s.port.publishPurchaseOrder(po, ctx);
      expect(retry).toMatchObject({ externalId: first.externalId, created: false });
      expect((await s.publishedPurchaseOrders()).filter((h) => h.poNumber === po.poNumber)).toHaveLength(1);
    });

    it('reads the acknowledgement with the per-line accept, reject and change decisions', async () => {
      const { accept, reject, changeQuantity, changePrice, delayDate } = s.items;
      const po = order([accept, reject, changeQuantity, changePrice, delayDate]);
      await s.port.publishPurchaseOrder(po, context());
      const ack: PurchaseOrderAck = await ackFor(po);
      expectValid('purchase-order-ack', ack);
      expect(ack).toMatchObject({
        status: 'accepted-with-changes',
        purchaseOrderId: po.id,
        legalEntityId: s.legalEntityId,
      });
      const byLine = new Map(ack.lines.map((l) => [l.lineNumber, l]));
      expect(byLine.get(1)).toMatchObject({ status: 'accepted', quantityAccepted: { value: '10' } });
      expect(byLine.get(2)).toMatchObject({ status: 'rejected', quantityOrdered: { value: '10' } });
      const less = byLine.get(3);
      expect(less?.status).toBe('changed');
      expect(Number(less?.changes?.quantity?.value)).toBeLessThan(10);
      expect(less?.quantityAccepted?.value).toBe(less?.changes?.quantity?.value);
      const dearer = byLine.get(4);
      expect(dearer?.status).toBe('changed');
      expect(Number(dearer?.changes?.unitPrice?.amount)).toBeGreaterThan(Number(changePrice.unitPrice));
      expect(dearer?.unitPriceOrdered?.amount).toBe(changePrice.unitPrice);
      const later = byLine.get(5);
      expect(later?.status).toBe('changed');
      expect(later?.changes?.deliveryDate && later.changes.deliveryDate > '2031-05-02').toBe(true);

      const plain = order([accept]);
      await s.port.publishPurchaseOrder(plain, context());
      expect((await ackFor(plain)).status).toBe('accepted');
      const refused = order([reject]);
      await s.port.publishPurchaseOrder(refused, context());
      expect((await ackFor(refused)).status).toBe('rejected');
    });

    it('reads the ASN and the invoice that follow, for the accepted quantities at the acknowledged prices', async () => {
      const { accept, reject, changeQuantity, changePrice } = s.items;
      const po = order([accept, reject, changeQuantity, changePrice]);
      await s.port.publishPurchaseOrder(po, context());
      const ack = await ackFor(po);
      const asn: AdvanceShipNotice = await waitFor('the ASN', async () =>
        (await listAll((o) => s.port.listAdvanceShipNotices(o))).find((a) =>
          a.orders.some((o) => o.poNumber === po.poNumber),
        ),
      );
      expectValid('advance-ship-notice', asn);
      expect(asn).toMatchObject({ direction: 'inbound', legalEntityId: s.legalEntityId });
      expect(asn.orders[0]?.purchaseOrderId).toBe(po.id);
      const shipped = new Map<number, number>();
      for (const pack of asn.orders.flatMap((o) => o.packs ?? [])) {
        expect(pack.sscc).toMatch(/^\d{18}$/);
        for (const item of pack.items) {
          expect(item.lot?.lotNumber).toBeTruthy();
          shipped.set(item.lineNumber, (shipped.get(item.lineNumber) ?? 0) + Number(item.quantity.value));
        }
      }
      const accepted = new Map(
        ack.lines
          .filter((l) => l.status !== 'rejected')
          .map((l) => [l.lineNumber, Number(l.quantityAccepted?.value)]),
      );
      expect(shipped).toEqual(accepted);
      expect(shipped.has(2)).toBe(false);

      const invoice: Invoice = await waitFor('the invoice', async () =>
        (await listAll((o) => s.port.listInvoices(o))).find((i) => i.poNumber === po.poNumber),
      );
      expectValid('invoice', invoice);
      expect(invoice).toMatchObject({
        direction: 'AP',
        type: 'invoice',
        purchaseOrderId: po.id,
        currency: s.currency,
      });
      for (const l of invoice.lines) {
        const acked = ack.lines.find((a) => a.lineNumber === l.orderLineNumber);
        expect(Number(l.quantity.value)).toBe(shipped.get(l.orderLineNumber ?? 0));
        expect(l.unitPrice.amount).toBe(acked?.changes?.unitPrice?.amount ?? acked?.unitPriceOrdered?.amount);
      }
      expect(invoice.lines).toHaveLength(shipped.size);
    });

    it('pages with a cursor and reads only what changed since a given instant', async () => {
      const pos = Array.from({ length: 5 }, () => order([s.items.accept]));
      for (const po of pos) await s.port.publishPurchaseOrder(po, context());
      await waitFor('5 acknowledgements', async () => {
        const all = await listAll((o) => s.port.listAcknowledgements(o));
        return all.length >= 5 ? all : undefined;
      });
      const pages: PurchaseOrderAck[][] = [];
      let cursor: string | undefined;
      do {
        const page = await s.port.listAcknowledgements({ limit: 2, ...(cursor ? { cursor } : {}) });
        expect(page.items.length).toBeLessThanOrEqual(2);
        pages.push(page.items);
        cursor = page.nextCursor;
      } while (cursor);
      expect(pages.length).toBeGreaterThanOrEqual(3);
      const ids = pages.flat().map((a) => a.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(
        pages
          .flat()
          .map((a) => a.poNumber)
          .sort(),
      ).toEqual(pos.map((p) => p.poNumber).sort());
      for (const doc of pages.flat()) expectValid('purchase-order-ack', doc);

      const latest = pages
        .flat()
        .reduce((max, a) => ((a.updatedAt ?? '') > max ? (a.updatedAt ?? '') : max), '');
      const since = new Date(Date.parse(latest) + 1).toISOString();
      expect(await listAll((o) => s.port.listAcknowledgements(o), { modifiedSince: since })).toEqual([]);
      const late = order([s.items.accept]);
      await s.port.publishPurchaseOrder(late, context());
      await ackFor(late);
      const changed = await listAll((o) => s.port.listAcknowledgements(o), { modifiedSince: since });
      expect(changed.map((a) => a.poNumber)).toEqual([late.poNumber]);
    });

    it('delivers the same documents by signed webhook, as canonical events', async () => {
      const po = order([s.items.accept, s.items.changeQuantity]);
      await s.port.publishPurchaseOrder(po, context());
      const wanted = ['purchase-order-ack.received', 'advance-ship-notice.received', 'invoice.received'];
      const events = await waitFor('three events about the PO', () => {
        const mapped = s.webhooks.capture.received.flatMap((w) => {
          expect(s.webhooks.receiver.verify(s.webhooks.config, w)).toEqual({ valid: true });
          return s.port.mapWebhook(envelope(w));
        });
        return wanted.every((e) => mapped.some((m) => m.event === e)) ? mapped : undefined;
      });
      const typeOf: Record<string, string> = {
        'purchase-order-ack.received': 'purchase-order-ack',
        'advance-ship-notice.received': 'advance-ship-notice',
        'invoice.received': 'invoice',
      };
      for (const e of events) {
        expect(e.document.documentType).toBe(typeOf[e.event]);
        expectValid(e.document.documentType, e.document);
      }
      const polled = await ackFor(po);
      expect(events.find((e) => e.event === wanted[0])?.document).toEqual(polled);
    });

    it('refuses tampered, wrongly signed, unsigned and replayed webhooks', async () => {
      await s.port.publishPurchaseOrder(order([s.items.accept]), context());
      const [genuine] = await deliveries(1);
      const w = genuine!;
      const { receiver, config, wrongSecretConfig, toleranceSeconds } = s.webhooks;
      expect(receiver.verify(config, w)).toEqual({ valid: true });
      const tampered = Buffer.from(w.rawBody);
      tampered[tampered.length - 2] = tampered[tampered.length - 2] === 0x31 ? 0x32 : 0x31;
      expect(receiver.verify(config, { ...w, rawBody: tampered })).toEqual({
        valid: false,
        reason: 'bad-signature',
      });
      expect(receiver.verify(wrongSecretConfig, w)).toEqual({ valid: false, reason: 'bad-signature' });
      const unsigned = Object.fromEntries(Object.entries(w.headers).filter(([k]) => !/signature/i.test(k)));
      expect(receiver.verify(config, { ...w, headers: unsigned })).toEqual({
        valid: false,
        reason: 'missing-signature',
      });
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + (toleranceSeconds - 30) * 1000);
      expect(receiver.verify(config, w)).toEqual({ valid: true });
      vi.setSystemTime(Date.now() + 60_000);
      expect(receiver.verify(config, w)).toEqual({ valid: false, reason: 'bad-signature' });
    });

    it('repeats the delivery id when the portal delivers a webhook twice', async () => {
      await s.control.faults({ duplicateWebhooks: true });
      await s.port.publishPurchaseOrder(order([s.items.accept]), context());
      const [first, second] = await deliveries(2);
      expect(s.webhooks.receiver.verify(s.webhooks.config, second!)).toEqual({ valid: true });
      expect(envelope(second!).deliveryId).toBe(envelope(first!).deliveryId);
      expect(envelope(second!).topic).toBe(envelope(first!).topic);
    });

    it('reports a 429 as rate-limited with the Retry-After delay', async () => {
      await s.control.faults({ failNext: [{ status: 429, count: 1, retryAfterSeconds: 7 }] });
      const error = await caught(s.port.listAcknowledgements());
      expect(error.kind).toBe('rate-limited');
      expect(error.retryAfterMs).toBe(7_000);
    });

    it('reports an outage as transient, for writes and reads', async () => {
      await s.control.faults({ outageSeconds: 30 });
      expect((await caught(s.port.publishPurchaseOrder(order([s.items.accept]), context()))).kind).toBe(
        'transient',
      );
      expect((await caught(s.port.listInvoices())).kind).toBe('transient');
    });

    it('reports a refused API key as config, without the key in the message', async () => {
      const { port, apiKey } = s.badCredentials;
      for (const call of [
        port.listAcknowledgements(),
        port.publishPurchaseOrder(order([s.items.accept]), context()),
      ]) {
        const error = await caught(call);
        expect(error.kind).toBe('config');
        expect(JSON.stringify({ message: error.message, upstream: error.upstream })).not.toContain(apiKey);
      }
    });

    it('refuses a purchase order whose supplier does not resolve, naming /supplierId, without sending it', async () => {
      const po = order([s.items.accept], { supplierId: 'sup_nobody_knows' });
      const error = await caught(s.port.publishPurchaseOrder(po, context()));
      expect(error.kind).toBe('data');
      expect(error.fieldErrors?.map((f) => f.path)).toContain('/supplierId');
      expect((await s.publishedPurchaseOrders()).some((h) => h.poNumber === po.poNumber)).toBe(false);
    });

    it.each(['unparsable-price', 'missing-sku'] as const)(
      'reports a portal document with %s as data, naming the vendor field',
      async (defect) => {
        const path = await s.plantMalformedAcknowledgement(defect);
        const error = await caught(listAll((o) => s.port.listAcknowledgements(o)));
        expect(error.kind).toBe('data');
        expect(error.fieldErrors?.map((f) => f.path)).toContain(path);
        expect(error.message).toContain(path);
      },
    );
  });
}
