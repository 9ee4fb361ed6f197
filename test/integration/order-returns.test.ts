import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorControl } from '../../simulators/kit/control';
import { eventually } from '../support/processes';
import { startOrderHub } from '../support/order-hub';
import type { OrderHub } from '../support/order-hub';
import { orderTraffic } from '../support/order-traffic';
import type { ReturnView } from '../../workflows/order-return/types';

// Real Temporal, Kafka and FerretDB, the worker and API as processes, the NetSuite and ShipHero simulators: a
// shipped and invoiced order is returned, received at the warehouse and credited in the ERP.
let hub: OrderHub;

beforeAll(async () => {
  hub = await startOrderHub();
}, 180_000);

afterAll(async () => {
  if (process.env.HUB_KEEP_LOGS) writeFileSync(process.env.HUB_KEEP_LOGS, hub?.worker.output() ?? '');
  await hub?.stop();
});

const { apiOrder, postOrder, untilStatus } = orderTraffic(() => hub);

interface Memo {
  externalId?: string;
  total?: number;
  item: { items: { quantity: number; rate: number; amount: number }[] };
}

describe('customer returns end to end (API, ShipHero and NetSuite simulators)', { timeout: 180_000 }, () => {
  it('authorises a return of shipped units, refuses an over-return, and credits what came back good', async () => {
    const order = apiOrder([
      ['WID-1001', 4, '2.95'],
      ['WID-1002', 1, '3.20'],
    ]);
    expect((await postOrder(order)).status).toBe(202);
    const shipped = await untilStatus(order.id, ['completed']);
    expect(shipped.invoices).toHaveLength(1);

    const issued = await hub.call<{ key: string }>('POST', '/v1/api-keys', {
      name: 'returns viewer',
      role: 'viewer',
    });
    expect(issued.status).toBe(201);
    const asViewer = await hub.call(
      'POST',
      `/v1/orders/${order.id}/returns`,
      { lines: [{ orderLineNumber: 1, quantity: '1', reason: 'overstock' }] },
      { authorization: `Bearer ${issued.body.key}`, 'content-type': 'application/json' },
    );
    expect(asViewer.status).toBe(403);

    const created = await hub.call<ReturnView>('POST', `/v1/orders/${order.id}/returns`, {
      lines: [{ orderLineNumber: 1, quantity: '3', reason: 'no-longer-needed' }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const ra = created.body;
    expect(ra).toMatchObject({
      returnId: `${order.id}.ra1`,
      status: 'authorised',
      returnLocationId: 'loc_dc_primary',
    });

    // 4 shipped, 3 already authorised: 2 more is an over-return.
    const over = await hub.call<{ errors?: { path: string }[] }>('POST', `/v1/orders/${order.id}/returns`, {
      lines: [{ orderLineNumber: 1, quantity: '2', reason: 'overstock' }],
    });
    expect([409, 422]).toContain(over.status);
    expect(over.body.errors?.map((e) => e.path)).toEqual(['/lines/0/quantity']);

    await eventually(
      'the WMS expects the return',
      async () => {
        const res = await hub.call<ReturnView>('GET', `/v1/returns/${ra.returnId}`);
        return res.body.status === 'awaiting-receipt' && res.body.expectedReturn ? res.body : undefined;
      },
      60_000,
    );
    const received = await fetch(`${hub.sims.wms.url}/__sim/receive-return`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        external_id: ra.returnId,
        lines: [
          { sku: 'WID-1001', quantity: 2, condition: 'good' },
          { sku: 'WID-1001', quantity: 1, condition: 'damaged' },
        ],
      }),
    });
    expect(received.status, await received.clone().text()).toBeLessThan(300);

    const credited = await eventually(
      'the return is credited',
      async () => {
        const res = await hub.call<ReturnView>('GET', `/v1/returns/${ra.returnId}`);
        return res.body.status === 'credited' ? res.body : undefined;
      },
      90_000,
    );
    // 2 good units at 2.95; the damaged unit of a no-longer-needed return is not credited.
    expect(credited.lines[0]).toMatchObject({ received: '3', credited: '2', restocked: '2' });
    expect(credited.creditTotal).toBe('5.90');
    expect(credited.creditMemos).toEqual([
      expect.objectContaining({
        invoiceId: `${ra.returnId}.cm1`,
        originalInvoiceId: shipped.invoices[0]?.invoiceId,
      }),
    ]);

    const memos = (await simulatorControl(hub.sims.netsuite.url).records<Memo>('creditMemo')).filter((m) =>
      m.externalId?.startsWith(ra.returnId),
    );
    expect(memos).toHaveLength(1);
    expect(memos[0]?.total).toBe(5.9);
    expect(memos[0]?.item.items.map((l) => [l.quantity, l.rate])).toEqual([[2, 2.95]]);

    const withReturns = await hub.call<{ returns?: ReturnView[] }>('GET', `/v1/orders/${order.id}`);
    expect(withReturns.body.returns?.map((r) => r.status)).toEqual(['credited']);
    const listed = await hub.call<{ items: ReturnView[] }>('GET', `/v1/orders/${order.id}/returns`);
    expect(listed.body.items.map((r) => r.returnId)).toEqual([ra.returnId]);
  });
});
