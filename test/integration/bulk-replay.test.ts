/**
 * Issue 9, acceptance: after an ERP outage N orders (HUB_BULK_REPLAY_ORDERS, 100 in CI; the figure is
 * 1,000) are parked at their ERP write; support previews a bulk replay by filter, starts it, follows its progress,
 * and every order completes with exactly one sales order in NetSuite — also for the ones replayed twice over
 * (singly while the bulk replay ran).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorControl } from '../../simulators/kit/control';
import { eventually } from '../support/processes';
import { startOrderHub } from '../support/order-hub';
import type { OrderHub } from '../support/order-hub';
import { orderTraffic } from '../support/order-traffic';

const ORDERS = Number(process.env.HUB_BULK_REPLAY_ORDERS ?? 100);
/**
 * Generous per-order allowances (a 2-core machine runs the worker, API, simulators and stack): parking one order
 * takes five ERP attempts with back-off, and 1,000 of them did not all park within 12 minutes here.
 */
const PER_ORDER_MS = 2_500;

let hub: OrderHub;

beforeAll(async () => {
  hub = await startOrderHub();
}, 180_000);

afterAll(async () => {
  await hub?.stop();
}, 120_000);

const { apiOrder, postOrder } = orderTraffic(() => hub);

type Progress = {
  id: string;
  status: string;
  total: number;
  batches: { total: number; done: number };
  requested: number;
  skipped: number;
  outcome: Record<string, number>;
};

describe(`bulk replay of ${ORDERS} orders parked by an ERP outage`, () => {
  it(
    'previews, replays in batches with visible progress, and every order completes with one ERP sales order',
    { timeout: 600_000 + ORDERS * PER_ORDER_MS * 3 },
    async () => {
      const netsuite = simulatorControl(hub.sims.netsuite.url);
      const t0 = Date.now();
      const seconds = (from: number) => Number(((Date.now() - from) / 1000).toFixed(1));
      // The outage: NetSuite answers 503 to every sales-order request until it is over.
      await netsuite.faults({
        failNext: [{ status: 503, count: 1_000_000, pathIncludes: 'salesOrder', retryAfterSeconds: 1 }],
      });
      const orders = Array.from({ length: ORDERS }, () => apiOrder([['WID-1001', 1, '2.95']]));
      for (let i = 0; i < orders.length; i += 10)
        await Promise.all(
          orders.slice(i, i + 10).map(async (o) => expect((await postOrder(o)).status).toBe(202)),
        );

      const filter = { flow: 'order-to-cash', step: 'erp-order', connectorId: hub.connectors.erp };
      type Preview = {
        matched: number;
        truncated: boolean;
        groups: Record<string, unknown>[];
        sample: unknown[];
      };
      const preview = await eventually(
        `${ORDERS} orders parked at erp-order`,
        async () => {
          const res = await hub.call<Preview>('POST', '/v1/bulk-replays/preview', { filter });
          return res.status === 200 && res.body.matched === ORDERS ? res.body : undefined;
        },
        120_000 + ORDERS * PER_ORDER_MS,
        1_000,
      );
      expect(preview.truncated).toBe(false);
      expect(preview.groups).toEqual([{ ...filter, errorKind: 'transient', count: ORDERS }]);
      expect(preview.sample).toHaveLength(Math.min(20, ORDERS));
      // Nothing was replayed by the preview, and a filter that names nothing is refused.
      expect((await netsuite.records('salesOrder')).length).toBe(0);
      const empty = await hub.call<{ errors: { path: string }[] }>('POST', '/v1/bulk-replays/preview', {
        filter: {},
      });
      expect(empty.status).toBe(400);
      expect(empty.body.errors[0]?.path).toMatch(/^\/filter/);

      const parkedAfter = seconds(t0);
      await netsuite.faults({ clearScripted: true });
      const t1 = Date.now();
      const started = await hub.call<Progress>('POST', '/v1/bulk-replays', {
        filter,
        reason: 'NetSuite outage 14:00–14:20 is over',
      });
      expect(started.status, JSON.stringify(started.body)).toBe(202);
      expect(started.body.total).toBe(ORDERS);
      expect(started.body.batches.total).toBe(Math.ceil(ORDERS / 50));

      // Some are replayed singly at the same time: the same step, the same idempotency key, still one ERP order.
      const parked = await hub.call<{ items: { id: string; status: string }[] }>(
        'GET',
        `/v1/dead-letters?flow=order-to-cash&connectorId=${hub.connectors.erp}&limit=5`,
      );
      await Promise.all(parked.body.items.map((d) => hub.call('POST', `/v1/dead-letters/${d.id}/replay`)));

      const snapshots: Progress[] = [];
      const done = await eventually(
        'every dead letter of the bulk replay resolved',
        async () => {
          const res = await hub.call<Progress>('GET', `/v1/bulk-replays/${started.body.id}`);
          snapshots.push(res.body);
          return res.body.status === 'completed' && res.body.outcome.resolved === ORDERS
            ? res.body
            : undefined;
        },
        120_000 + ORDERS * PER_ORDER_MS,
        500,
      ).catch((err: unknown) => {
        throw new Error(`${String(err)}\nlast progress: ${JSON.stringify(snapshots.at(-1))}`);
      });
      const resolvedAfter = seconds(t1);
      expect(done.batches).toEqual({ total: Math.ceil(ORDERS / 50), done: Math.ceil(ORDERS / 50) });
      expect(done.requested + done.skipped).toBe(ORDERS);
      // Progress only moves forward.
      for (let i = 1; i < snapshots.length; i++) {
        expect(snapshots[i]!.batches.done).toBeGreaterThanOrEqual(snapshots[i - 1]!.batches.done);
        expect(snapshots[i]!.outcome.resolved ?? 0).toBeGreaterThanOrEqual(
          snapshots[i - 1]!.outcome.resolved ?? 0,
        );
      }

      // Every order got exactly one sales order in NetSuite, and goes on to completion.
      const ids = new Set(orders.map((o) => o.id));
      const salesOrders = (await netsuite.records<{ externalId?: string }>('salesOrder')).filter((o) =>
        ids.has(o.externalId ?? ''),
      );
      expect(salesOrders).toHaveLength(ORDERS);
      expect(new Set(salesOrders.map((o) => o.externalId)).size).toBe(ORDERS);
      await eventually(
        'every order completed',
        async () => {
          const views = await Promise.all(
            orders.map(
              async (o) => (await hub.call<{ status: string }>('GET', `/v1/orders/${o.id}`)).body.status,
            ),
          );
          return views.every((s) => s === 'completed') ? true : undefined;
        },
        120_000 + ORDERS * PER_ORDER_MS,
        2_000,
      );

      console.log(
        `bulk replay of ${ORDERS} orders: ${JSON.stringify({
          parkedAfterSeconds: parkedAfter,
          allResolvedSecondsAfterStart: resolvedAfter,
          replaysPerSecond: Math.round(ORDERS / resolvedAfter),
          allCompletedSecondsAfterStart: seconds(t1),
          progressReads: snapshots.length,
        })}`,
      );

      // Nothing is left to replay.
      const again = await hub.call<{ errors: { path: string }[] }>('POST', '/v1/bulk-replays', { filter });
      expect(again.status).toBe(422);
      expect(again.body.errors).toEqual([{ path: '/filter', message: 'matches no open dead letter' }]);
    },
  );
});
