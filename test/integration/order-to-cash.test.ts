import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorControl } from '../../simulators/kit/control';
import { eventually } from '../support/processes';
import { postInterchange } from '../support/edi';
import { CUSTOMERS, SHORT_PICK_SKU, interchange850, startOrderHub } from '../support/order-hub';
import type { OrderHub } from '../support/order-hub';
import { orderTraffic } from '../support/order-traffic';
import type { OrderView } from '../../workflows/order-to-cash/types';
import type { SalesOrder } from '../../canonical-model/generated/index';
import { createCrossReferenceStore } from '../../canonical-model/cross-reference';

// Real Temporal, Kafka, FerretDB and OpenSSH (scripts/test.sh), the worker and API as processes, and the ERP, WMS
// and web-store simulators: orders from the API, the web store (signed webhooks) and EDI 850s run to the end.
let hub: OrderHub;

beforeAll(async () => {
  hub = await startOrderHub();
}, 180_000);

afterAll(async () => {
  if (process.env.HUB_KEEP_LOGS) writeFileSync(process.env.HUB_KEEP_LOGS, hub?.worker.output() ?? '');
  await hub?.stop();
});

const { apiOrder, postOrder, view, settled, untilStatus } = orderTraffic(() => hub);

describe(
  'order-to-cash end to end (API, web store, EDI; ERP, WMS and web-store simulators)',
  { timeout: 180_000 },
  () => {
    it('an API order runs to completion: ERP order, release, shipment, one ERP invoice for what shipped', async () => {
      const order = apiOrder([
        ['WID-1001', 12, '2.95'],
        ['WID-1002', 4, '3.20'],
      ]);
      const posted = await postOrder(order);
      expect(posted.status, JSON.stringify(posted.body)).toBe(202);
      const done = await untilStatus(order.id, ['completed']);
      expect(done.lines.map((l) => [l.shipped, l.invoiced])).toEqual([
        ['12', '12'],
        ['4', '4'],
      ]);
      expect(done.invoices).toHaveLength(1);
      const invoices = await simulatorControl(hub.sims.netsuite.url).records<{ externalId?: string }>(
        'invoice',
      );
      const ours = invoices.filter((i) => i.externalId === done.invoices[0]?.invoiceId);
      expect(ours).toHaveLength(1);
      expect(done.timeline.map((e) => e.step)).toEqual(
        expect.arrayContaining([
          'received',
          'validate',
          'erp-order',
          'allocation',
          'release',
          'shipment',
          'invoice',
        ]),
      );
    });

    it('the same order posted again (another key) attaches to the running order instead of starting a second', async () => {
      const order = apiOrder([['WID-1001', 2, '2.95']]);
      expect((await postOrder(order)).status).toBe(202);
      const again = await postOrder(order);
      expect(again.status).toBe(200);
      expect(['attached', 'duplicate-of-closed']).toContain(again.body.outcome);
      const done = await untilStatus(order.id, ['completed']);
      expect(done.invoices).toHaveLength(1);
    });

    it('a price outside tolerance is held; approval by a person releases it; a credit-hold customer is rejected', async () => {
      const held = apiOrder([['WID-1001', 3, '1.00']]);
      await postOrder(held);
      const onHold = await untilStatus(held.id, ['on-hold']);
      expect(onHold.holds).toEqual([expect.objectContaining({ kind: 'price', path: '/lines/0/unitPrice' })]);
      const approved = await hub.call<OrderView>('POST', `/v1/orders/${held.id}/decision`, {
        decision: 'approve',
        reason: 'clearance price agreed',
      });
      expect(approved.status, JSON.stringify(approved.body)).toBe(200);
      const done = await untilStatus(held.id, ['completed']);
      expect(done.decisions[0]).toMatchObject({ decision: 'approve', reason: 'clearance price agreed' });

      const corner = apiOrder([['WID-1001', 1, '3.49']], CUSTOMERS.corner);
      await postOrder(corner);
      const creditHold = await untilStatus(corner.id, ['on-hold']);
      expect(creditHold.holds.map((h) => h.kind)).toContain('credit');
      expect(
        (
          await hub.call('POST', `/v1/orders/${corner.id}/decision`, {
            decision: 'reject',
            reason: 'no credit',
          })
        ).status,
      ).toBe(200);
      const rejected = await untilStatus(corner.id, ['rejected']);
      expect(rejected.invoices).toEqual([]);
    });

    it('web-store orders arrive by webhook: a short pick is backordered, the store gets a fulfilment', async () => {
      const shop = hub.sims.shopify;
      const placed = shop.createOrder({
        lines: [
          { sku: 'WID-1001', quantity: 2, price: '3.49' },
          { sku: SHORT_PICK_SKU, quantity: 6, price: '4.49' },
        ],
      });
      const found = await eventually(
        'web order captured',
        async () => {
          const list = await hub.call<{ items: OrderView[] }>(
            'GET',
            `/v1/orders?channel=web-store&orderNumber=${encodeURIComponent(String(placed.name))}`,
          );
          return list.body.items[0];
        },
        60_000,
      );
      const shipped = await untilStatus(found.orderId, ['partially-shipped']);
      const short = shipped.lines.find((l) => l.sku === SHORT_PICK_SKU);
      expect(short).toMatchObject({ shipped: '3', backordered: '3', invoiced: '3' });
      expect(shipped.timeline.some((e) => e.step === 'fulfilment')).toBe(true);
    });

    it('an EDI 850 runs to completion with a split shipment; the customer gets an 855, and an 856 and 810 per shipment', async () => {
      const po = `PO-EDI-${Date.now().toString(36)}`;
      const posted = await postInterchange(
        hub.api.url,
        hub.connectors.edi,
        interchange850(900000 + (Date.now() % 99999), po, [
          ['WID-1003', 60, '3.45'],
          ['WID-1002', 5, '3.20'],
        ]),
      );
      expect(posted.status, JSON.stringify(posted.body)).toBe(202);
      const found = await eventually(
        'EDI order captured',
        async () => {
          const list = await hub.call<{ items: OrderView[] }>(
            'GET',
            `/v1/orders?channel=edi&customerPoNumber=${po}`,
          );
          return list.body.items[0];
        },
        60_000,
      );
      const done = await untilStatus(found.orderId, ['completed']);
      expect(done.releases.map((r) => r.locationId).sort()).toEqual(['loc_dc_primary', 'loc_dc_secondary']);
      expect(done.invoices).toHaveLength(2);
      const sent = done.documents.map((d) => d.documentType).sort();
      expect(sent).toEqual([
        'advance-ship-notice',
        'advance-ship-notice',
        'erp-sales-order',
        'invoice',
        'invoice',
        'purchase-order-ack',
      ]);
    });

    it('support finds an order parked at the ERP by its PO number, fixes the stale item link by editing the payload, replays it, and it completes', async () => {
      // The hub links the item to a NetSuite internal id that no longer exists: validation (by SKU) passes,
      // the ERP write is refused (400 INVALID_KEY_OR_REF) and the step is dead-lettered as a data failure.
      const staleItem = `itm_stale_${Date.now().toString(36)}`;
      await createCrossReferenceStore(hub.db).link(
        { connectorId: hub.connectors.erp, objectType: 'item', externalId: '999999' },
        staleItem,
      );
      const order = apiOrder([
        ['WID-1001', 3, '2.95'],
        ['WID-1003', 2, '3.45'],
      ]);
      order.lines[1]!.item = { itemId: staleItem, identifiers: [{ qualifier: 'SKU', value: 'WID-1003' }] };
      expect((await postOrder(order)).status).toBe(202);

      const key = await hub.call<{ key: string; id: string }>('POST', '/v1/api-keys', {
        name: 'support desk',
        role: 'support',
      });
      expect(key.status, JSON.stringify(key.body)).toBe(201);
      const support = { authorization: `Bearer ${key.body.key}`, 'content-type': 'application/json' };
      const asSupport = <T>(method: string, path: string, body?: unknown) =>
        hub.call<T>(method, path, body, support);

      // Found by the customer's PO number; its record names the open dead letter at erp-order.
      const transactionId = await eventually(
        'the order parked at erp-order',
        async () => {
          const found = await asSupport<{ items: { id: string; openDeadLetters: number }[] }>(
            'GET',
            `/v1/transactions?q=${order.customerPoNumber}`,
          );
          const hit = found.body.items?.[0];
          return hit && hit.openDeadLetters > 0 ? hit.id : undefined;
        },
        60_000,
      );
      type Record = {
        deadLetters: { id: string; step: string; status: string; error: { kind: string; message: string } }[];
        timeline: { source: string; kind: string; message: string; by?: string; changes?: unknown[] }[];
      };
      const record = (await asSupport<Record>('GET', `/v1/transactions/${transactionId}`)).body;
      const parked = record.deadLetters.find((d) => d.step === 'erp-order' && d.status === 'open');
      expect(parked?.error.kind).toBe('data');
      const dead = await asSupport<{ payload: { order: SalesOrder } }>(
        'GET',
        `/v1/dead-letters/${parked!.id}`,
      );
      const stored = dead.body.payload.order;
      expect(stored.lines[1]?.item.itemId).toBe(staleItem);

      // An edit that would reach another ERP document is refused, naming the field; nothing changes.
      const renamed = await asSupport<{ errors: { path: string }[] }>(
        'POST',
        `/v1/dead-letters/${parked!.id}/replay`,
        {
          payload: { order: { ...stored, id: 'so_someone_else' } },
          reason: 'wrong order',
        },
      );
      expect(renamed.status).toBe(422);
      expect(renamed.body.errors.map((e) => e.path)).toEqual(['/payload/order/id']);

      // The fix: drop the stale link so NetSuite is asked by SKU.
      const fixed = structuredClone(stored);
      delete fixed.lines[1]!.item.itemId;
      const replay = await asSupport<{ status: string }>('POST', `/v1/dead-letters/${parked!.id}/replay`, {
        payload: { order: fixed },
        reason: 'item link to NetSuite 999999 is stale; send WID-1003 by SKU',
      });
      expect(replay.status, JSON.stringify(replay.body)).toBe(202);

      const done = await untilStatus(order.id, ['completed']);
      expect(done.lines.map((l) => l.invoiced)).toEqual(['3', '2']);
      const salesOrders = await simulatorControl(hub.sims.netsuite.url).records<{ externalId?: string }>(
        'salesOrder',
      );
      expect(salesOrders.filter((o) => o.externalId === order.id)).toHaveLength(1);

      // One timeline: the failed attempt, the edit (who, why, what), the replay that resolved it.
      const after = (await asSupport<Record>('GET', `/v1/transactions/${transactionId}`)).body;
      const letters = after.timeline.filter((e) => e.source === 'dead-letter').map((e) => e.kind);
      expect(letters).toEqual(['failed', 'edited', 'replay-requested', 'replayed', 'resolved']);
      const edit = after.timeline.find((e) => e.kind === 'edited');
      expect(edit).toMatchObject({
        by: key.body.id,
        changes: [{ op: 'remove', path: '/order/lines/1/item/itemId', from: staleItem }],
      });
      expect(edit?.message).toMatch(/stale; send WID-1003 by SKU/);
      expect(after.timeline.some((e) => /sent as edited by support/.test(e.message))).toBe(true);
      expect(after.deadLetters.find((d) => d.id === parked!.id)?.status).toBe('resolved');
    });

    it('cancel after release: the warehouse stops it, the reservation is given back and nothing is invoiced', async () => {
      await simulatorControl(hub.sims.wms.url).settings({ shipDelayMs: 60_000 });
      try {
        const order = apiOrder([['WID-1002', 7, '3.20']]);
        await postOrder(order);
        await untilStatus(order.id, ['released']);
        const cancelled = await hub.call<{ accepted: boolean }>('POST', `/v1/orders/${order.id}/cancel`, {
          reason: 'customer called',
        });
        expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
        const done = await untilStatus(order.id, ['cancelled']);
        expect(done.lines[0]).toMatchObject({ cancelled: '7', allocated: '0', shipped: '0' });
        expect(done.invoices).toEqual([]);
        expect(settled(await view(order.id))).toBe(true);
      } finally {
        await simulatorControl(hub.sims.wms.url).settings({ shipDelayMs: 300 });
      }
    });
  },
);
