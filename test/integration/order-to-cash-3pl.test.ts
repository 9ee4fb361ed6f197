import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorControl } from '../../simulators/kit/control';
import { startOrderHub } from '../support/order-hub';
import type { OrderHub } from '../support/order-hub';
import { orderTraffic } from '../support/order-traffic';
import { eventually } from '../support/processes';
import { THIRD_PARTY_LOCATION, addThirdParty } from '../support/third-party';
import type { ThirdParty } from '../support/third-party';
import type { OrderView } from '../../workflows/order-to-cash/types';

// Real Temporal, Kafka, FerretDB and OpenSSH, the worker and API as processes, the ERP and WMS simulators, and a
// 3PL played by the test on the stack's SFTP server: the policy's second warehouse is the 3PL's, so what the
// primary DC cannot ship goes out as an EDI 940 and comes back as a 945.
let hub: OrderHub;
let tpl: ThirdParty;

beforeAll(async () => {
  hub = await startOrderHub();
  // WID-1002: none left at the primary DC, 100 at the 3PL (WID-1003 keeps the WMS's 40 / 400).
  tpl = await addThirdParty(hub, { 'WID-1002': [0, 100] });
}, 180_000);

afterAll(async () => {
  if (process.env.HUB_KEEP_LOGS) writeFileSync(process.env.HUB_KEEP_LOGS, hub?.worker.output() ?? '');
  await hub?.stop();
});

const { apiOrder, postOrder, untilStatus, view } = orderTraffic(() => hub);

const releaseAt = (view: OrderView, locationId: string) =>
  view.releases.find((r) => r.locationId === locationId);

describe('order-to-cash with a 3PL warehouse (EDI 940 out, 945 back)', { timeout: 180_000 }, () => {
  it('the 3PL share goes out as a 940; its 945 (one line short) is invoiced in the ERP for exactly what shipped', async () => {
    const order = apiOrder([
      ['WID-1003', 60, '3.45'],
      ['WID-1002', 20, '3.20'],
    ]);
    expect((await postOrder(order)).status).toBe(202);
    const released = await untilStatus(order.id, ['released', 'partially-shipped']);
    const release = releaseAt(released, THIRD_PARTY_LOCATION);
    expect(release).toMatchObject({
      status: 'released',
      connectorId: tpl.connectorId,
      externalId: release?.releaseId,
      lines: [
        { lineNumber: 1, sku: 'WID-1003', quantity: '20' },
        { lineNumber: 2, sku: 'WID-1002', quantity: '20' },
      ],
    });

    // The 3PL finds the 940 in its inbox: the release's number, the customer's PO, the released quantities.
    const received = await tpl.received940(release!.releaseId);
    expect(received).toMatchObject({
      orderNumber: release!.releaseId,
      poNumber: order.customerPoNumber,
      lines: [
        { orderLineNumber: 1, sku: 'WID-1003', quantity: '20', uom: 'EA' },
        { orderLineNumber: 2, sku: 'WID-1002', quantity: '20', uom: 'EA' },
      ],
    });

    // It ships line 1 whole and 12 of the 20 on line 2.
    await tpl.send945(received, { 1: '20', 2: '12' });
    const done = await untilStatus(order.id, ['completed']);
    expect(done.lines.map((l) => [l.sku, l.shipped, l.invoiced, l.cancelled])).toEqual([
      ['WID-1003', '60', '60', '0'],
      ['WID-1002', '12', '12', '8'],
    ]);
    const fromTpl = done.shipments.find((s) => s.releaseId === release!.releaseId);
    expect(fromTpl).toMatchObject({
      locationId: THIRD_PARTY_LOCATION,
      lines: [
        { lineNumber: 1, shipped: '20', short: '0' },
        { lineNumber: 2, shipped: '12', short: '8' },
      ],
    });
    expect(releaseAt(done, THIRD_PARTY_LOCATION)?.status).toBe('shipped');

    // One ERP invoice per shipment; the 3PL's bills 20 + 12 at the order's prices.
    expect(done.invoices).toHaveLength(2);
    const invoice = done.invoices.find((i) => i.shipmentId === fromTpl!.shipmentId);
    expect(invoice?.total).toBe('107.40');
    const erp = await simulatorControl(hub.sims.netsuite.url).records<{
      externalId?: string;
      item?: { items?: { quantity?: number }[] };
    }>('invoice');
    const ours = erp.filter((i) => i.externalId === invoice?.invoiceId);
    expect(ours).toHaveLength(1);
    expect(ours[0]!.item?.items?.map((l) => l.quantity)).toEqual([20, 12]);
  });

  it('a cancel after the 940 is refused with the 3PL named; the 945 that follows still closes the order', async () => {
    const order = apiOrder([['WID-1002', 5, '3.20']]);
    expect((await postOrder(order)).status).toBe(202);
    const released = await untilStatus(order.id, ['released']);
    const release = releaseAt(released, THIRD_PARTY_LOCATION)!;
    const received = await tpl.received940(release.releaseId);

    // The API answers 409: the order refused what it could not do (the release is with the 3PL).
    const cancelled = await hub.call<{ status: number; detail: string }>(
      'POST',
      `/v1/orders/${order.id}/cancel`,
      {
        reason: 'customer called',
      },
    );
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(409);
    expect(cancelled.body.detail).toContain('5 already with the warehouse and not stoppable');
    const refused = await eventually('the refusal on the order', async () => {
      const v = await view(order.id);
      return releaseAt(v, THIRD_PARTY_LOCATION)?.status === 'cancel-refused' ? v : undefined;
    });
    expect(refused.lines[0]).toMatchObject({ shipped: '0', cancelled: '0' });
    const why = refused.timeline.find((e) => e.step === 'cancel-release')?.message ?? '';
    expect(why).toContain(`Reno Fulfilment 3PL (${tpl.partnerId})`);
    expect(why).toContain('cannot be recalled');

    await tpl.send945(received, { 1: '5' });
    const done = await untilStatus(order.id, ['completed']);
    expect(done.lines[0]).toMatchObject({ shipped: '5', invoiced: '5', cancelled: '0' });
  });
});
