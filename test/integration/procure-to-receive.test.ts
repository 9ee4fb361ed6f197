import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { simulatorControl } from '../../simulators/kit/control';
import { connectProducer } from '../../platform/kafka';
import { TOPICS } from '../../platform/kafka-topics';
import { createOrderStore } from '../../platform/orders/order-store';
import type { OrderView } from '../../workflows/order-to-cash/types';
import { replenishmentWorkflowId } from '../../workflows/procure-to-receive/types';
import type { PurchaseOrderView } from '../../workflows/procure-to-receive/types';
import type { ReplenishmentResult } from '../../workflows/replenishment/types';
import { postInterchange } from '../support/edi';
import { adminHeaders, eventually } from '../support/processes';
import {
  EDI_SKU,
  PORTAL_SKU,
  PURCHASING_ENTITY,
  SUPPLIERS,
  SUPPLIER_IDS,
  WAREHOUSE,
  purchasingPolicyBody,
  startPurchaseHub,
} from '../support/purchase-hub';
import type { PurchaseHub } from '../support/purchase-hub';
import { supplier810, supplier855, supplier856 } from '../support/supplier-documents';

// Procure-to-receive end to end (issue 7): demand signals through the API coalesce into one PO, which goes to the
// ERP and to its supplier — an EDI supplier over the real SFTP server answering with 855, 856 and 810, or a
// supplier portal answering on its own by signed webhooks — then to an expected receipt at the WMS, a receipt,
// the three-way match and the vendor bill in the ERP, and closes.

let hub: PurchaseHub;

beforeAll(async () => {
  hub = await startPurchaseHub();
}, 180_000);

afterAll(async () => {
  await hub?.stop();
});

let requestSeq = 0;
async function request(sku: string, quantity: string): Promise<void> {
  requestSeq += 1;
  const res = await hub.call(
    'POST',
    '/v1/replenishment-requests',
    { legalEntityId: PURCHASING_ENTITY, sku, quantity, reason: 'manual' },
    adminHeaders({ 'idempotency-key': `p2r-e2e-${Date.now()}-${requestSeq}` }),
  );
  if (res.status !== 202) throw new Error(`request ${sku}: ${res.status} ${JSON.stringify(res.body)}`);
}

async function purchaseOrdersOf(supplierId: string): Promise<PurchaseOrderView[]> {
  const res = await hub.call<{ items: PurchaseOrderView[] }>(
    'GET',
    `/v1/purchase-orders?legalEntityId=${PURCHASING_ENTITY}&supplierId=${supplierId}&limit=200`,
  );
  return res.status === 200 ? res.body.items : [];
}

async function until(po: string, what: string, done: (v: PurchaseOrderView) => boolean) {
  return eventually(
    `PO ${po} ${what}`,
    async () => {
      const v = await hub.purchaseOrder(po);
      return v && done(v) ? v : undefined;
    },
    120_000,
    500,
  );
}

describe('procure-to-receive, end to end', { timeout: 600_000 }, () => {
  it('ten requests for one item make one PO, bought by EDI from 850 to vendor bill', async () => {
    for (let i = 1; i <= 10; i++) await request(EDI_SKU, String(i));
    const [po] = await eventually(
      'one PO for the EDI supplier',
      async () => {
        const pos = await purchaseOrdersOf(SUPPLIERS.edi);
        return pos.length && pos[0]!.status === 'issued' ? pos : undefined;
      },
      120_000,
      500,
    );
    // 1 + 2 + … + 10 = 55, already a multiple of the pack of 5 and above the minimum of 10.
    expect(po!.lines).toMatchObject([{ sku: EDI_SKU, ordered: '55' }]);
    const poNumber = po!.poNumber;
    expect(poNumber.startsWith(hub.poNumberPrefix)).toBe(true);
    // The 850 went out with its control numbers, and the ERP holds the PO once.
    expect(po!.documents.find((d) => d.documentType === '850')?.control?.interchange).toMatch(/^\d{9}$/);
    const erpPos = await simulatorControl(hub.sims.netsuite.url).records<{ externalId?: string }>(
      'purchaseOrder',
    );
    expect(erpPos.filter((p) => p.externalId === po!.purchaseOrderId)).toHaveLength(1);

    const envelope = (control: number) => ({ ...SUPPLIER_IDS, control });
    const line = { lineNumber: 1, sku: EDI_SKU, quantity: '55', unitPrice: '2.40' };
    const post = async (body: Buffer) => {
      const res = await postInterchange(hub.api.url, hub.connectors.edi, body);
      expect(res.status, JSON.stringify(res.body)).toBe(202);
    };
    await post(supplier855(envelope(7101), { poNumber, lines: [{ ...line, answer: { status: 'accept' } }] }));
    await until(poNumber, 'acknowledged', (v) => v.status === 'acknowledged');
    await post(
      supplier856(envelope(7102), { asnNumber: `ASN-${poNumber}`, orders: [{ poNumber, lines: [line] }] }),
    );
    await until(poNumber, 'shipped', (v) => v.status === 'shipped' && v.lines[0]!.shipped === '55');

    // The warehouse receives 55 against the expected receipt the ASN made.
    await eventually('the expected receipt at the WMS', async () => {
      try {
        return await hub.wmsControl('/__sim/receive-purchase-order', {
          po_number: poNumber,
          lines: [{ sku: EDI_SKU, quantity: 55 }],
        });
      } catch {
        return undefined;
      }
    });
    await until(poNumber, 'received', (v) => v.status === 'received' && v.lines[0]!.received === '55');

    await post(supplier810(envelope(7103), { invoiceNumber: `INV-${poNumber}`, poNumber, lines: [line] }));
    const closed = await until(poNumber, 'closed', (v) => v.status === 'closed');
    expect(closed.lines[0]).toMatchObject({ ordered: '55', received: '55', billed: '55' });
    expect(closed.invoices).toMatchObject([{ status: 'billed' }]);

    const control = simulatorControl(hub.sims.netsuite.url);
    const bills = await control.records<{ externalId?: string }>('vendorBill');
    expect(bills.filter((b) => b.externalId?.includes(closed.invoices[0]!.invoiceId))).toHaveLength(1);
    // Still exactly one PO in the ERP, and still one for the EDI supplier in the hub.
    expect(
      (await control.records<{ externalId?: string }>('purchaseOrder')).filter(
        (p) => p.externalId === po!.purchaseOrderId,
      ),
    ).toHaveLength(1);
    expect(await purchaseOrdersOf(SUPPLIERS.edi)).toHaveLength(1);

    // Accounts payable paid the bill (a vendorPayment in the ERP); the PO shows it paid, with the date.
    const paid = await until(poNumber, 'bill paid', (v) => v.invoices[0]?.payment?.status === 'paid');
    expect(paid.invoices[0]!.payment).toMatchObject({
      amountDue: '0',
      paidAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) as unknown,
    });
    expect(paid.timeline.some((e) => e.step === 'bill-paid')).toBe(true);
    const payments = await control.records<{ apply: { items: { doc: { id: string } }[] } }>('vendorPayment');
    expect(
      payments.filter((p) => p.apply.items[0]?.doc.id === paid.invoices[0]!.billExternalId),
    ).toHaveLength(1);
  });

  it('a PO to a portal supplier is acknowledged, shipped and invoiced by the portal, and closes once billed', async () => {
    await request(PORTAL_SKU, '12');
    const [po] = await eventually(
      'a PO for the portal supplier',
      async () => {
        const pos = await purchaseOrdersOf(SUPPLIERS.portal);
        return pos.length ? pos : undefined;
      },
      120_000,
      500,
    );
    const poNumber = po!.poNumber;
    await until(poNumber, 'shipped by the portal', (v) => v.lines[0]!.shipped === '12');
    await eventually('the expected receipt at the WMS', async () => {
      try {
        return await hub.wmsControl('/__sim/receive-purchase-order', {
          po_number: poNumber,
          lines: [{ sku: PORTAL_SKU, quantity: 12 }],
        });
      } catch {
        return undefined;
      }
    });
    const closed = await until(poNumber, 'closed', (v) => v.status === 'closed');
    expect(closed.lines[0]).toMatchObject({
      ordered: '12',
      acknowledged: '12',
      received: '12',
      billed: '12',
    });
    expect(closed.documents.some((d) => d.documentType === 'portal-purchase-order')).toBe(true);
  });

  it('ten shortage signals of backordered orders on Kafka for one item within the window make one PO', async () => {
    // Ten orders of this hub short of WID-1001 at the primary DC, as order-to-cash stores them and signals them.
    const orders = createOrderStore(hub.db);
    const run = hub.poNumberPrefix;
    const orderIds = Array.from({ length: 10 }, (_, i) => `so_short_${run}${i}`);
    for (const [i, orderId] of orderIds.entries()) {
      const view = {
        orderId,
        workflowId: `order-to-cash/api:${orderId}`,
        businessKey: `api:${orderId}`,
        channel: 'api',
        customerId: 'cus_bigbox',
        orderNumber: orderId,
        legalEntityId: PURCHASING_ENTITY,
        status: 'backordered',
        holds: [],
        decisions: [],
        lines: [],
        releases: [],
        shipments: [],
        invoices: [],
        documents: [],
        captures: [],
        timeline: [],
        version: 1,
        updatedAt: new Date(Date.now() + i).toISOString(),
      } as OrderView;
      await orders.save(view);
    }
    const before = (await purchaseOrdersOf(SUPPLIERS.edi)).length;
    const producer = await connectProducer(
      { brokers: process.env.HUB_KAFKA_BROKERS ?? '', clientId: 'p2r-e2e' },
      'test',
    );
    try {
      for (const [i, orderId] of orderIds.entries()) {
        const signal = {
          signalId: `${orderId}/1`,
          legalEntityId: PURCHASING_ENTITY,
          sku: EDI_SKU,
          quantity: String(i + 1),
          reason: 'backorder',
          salesOrderId: orderId,
        };
        await producer.send(TOPICS.replenishmentSignals.name, EDI_SKU, Buffer.from(JSON.stringify(signal)));
        // The same signal delivered twice counts once.
        if (i === 0)
          await producer.send(TOPICS.replenishmentSignals.name, EDI_SKU, Buffer.from(JSON.stringify(signal)));
      }
    } finally {
      await producer.close();
    }
    const pos = await eventually(
      'the PO of the shortage signals',
      async () => {
        const now = await purchaseOrdersOf(SUPPLIERS.edi);
        return now.length > before ? now : undefined;
      },
      120_000,
      500,
    );
    const made = pos.filter((p) => p.origin.reason === 'backorder');
    expect(made).toHaveLength(1);
    expect(made[0]!.lines).toMatchObject([{ sku: EDI_SKU, ordered: '55' }]);
    expect([...made[0]!.origin.salesOrderIds].sort()).toEqual([...orderIds].sort());
    // Nothing else arrives later: still one PO for these signals once the window is long over.
    await new Promise((r) => setTimeout(r, 8_000));
    expect(
      (await purchaseOrdersOf(SUPPLIERS.edi)).filter((p) => p.origin.reason === 'backorder'),
    ).toHaveLength(1);
  });

  it('stock counts below the reorder point buy what the position lacks, counting what open POs bring', async () => {
    const policy = purchasingPolicyBody(hub.connectors, hub.partnerId, {
      poNumberPrefix: hub.poNumberPrefix,
    });
    const sourcing = (policy.sourcing as Record<string, unknown>[]).map((r) =>
      r.sku === PORTAL_SKU ? { ...r, reorderPoint: '40' } : r,
    );
    const put = await hub.call('PUT', '/v1/purchasing-policy', { ...policy, sourcing });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const count = async (onHand: string) => {
      const res = await hub.call('PUT', `/v1/stock/${WAREHOUSE}/${PORTAL_SKU}`, { onHand, held: '0' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };
    const reorderPos = async () =>
      (await purchaseOrdersOf(SUPPLIERS.portal)).filter((p) => p.origin.reason === 'reorder-point');

    const temporal = await Connection.connect({ address: process.env.HUB_TEMPORAL_ADDRESS ?? '' });
    try {
      const client = new Client({ connection: temporal, namespace: 'default' });
      const workflowId = replenishmentWorkflowId(PURCHASING_ENTITY, PORTAL_SKU, WAREHOUSE);
      /**
       * The first completed replenishment run after `since` whose result `wanted` accepts. Reorder-point signals of
       * earlier hubs on the broker also wake this hub's workflow (it then decides from this hub's stock), so a run
       * is picked by what it did, not only by when it started.
       */
      const runAfter = (since: Date, wanted: (r: ReplenishmentResult) => boolean = () => true) =>
        eventually(
          'a replenishment run after the count',
          async () => {
            const runs: { runId: string; startTime: Date }[] = [];
            for await (const w of client.workflow.list({
              query: `WorkflowId = '${workflowId}' AND ExecutionStatus = 'Completed'`,
            }))
              if (w.startTime >= since) runs.push(w);
            runs.sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
            for (const run of runs) {
              const result = (await client.workflow
                .getHandle(workflowId, run.runId)
                .result()) as ReplenishmentResult;
              if (wanted(result)) return result;
            }
            return undefined;
          },
          120_000,
          500,
        );

      await count('100'); // above the point: no signal at all
      const below = new Date();
      await count('25'); // 40 − 25 = 15 short
      const first = await runAfter(below, (r) => r.outcome === 'purchase-order');
      expect(first).toMatchObject({ outcome: 'purchase-order', sizing: { quantity: '15' } });
      const [po] = await eventually('the reorder-point PO', async () => {
        const pos = await reorderPos();
        return pos.length ? pos : undefined;
      });
      expect(po!.lines).toMatchObject([{ sku: PORTAL_SKU, ordered: '15' }]);
      expect(po!.poNumber).toBe(first.purchaseOrder?.poNumber);

      // 30 on hand + the 15 the open PO brings = 45: above the point, nothing to buy. At 20, 20 + 15 = 35 is 5
      // short: the open PO counts, so the second PO is for 5, not for another 20.
      const covered = new Date();
      await count('30');
      await count('20');
      const second = await runAfter(covered, (r) => r.outcome === 'purchase-order');
      expect(second.sizing).toMatchObject({ available: '35', quantity: '5' });
      const pos = await eventually('the second reorder-point PO stored', async () => {
        const now = await reorderPos();
        return now.length >= 2 ? now : undefined;
      });
      expect(pos.map((p) => p.lines[0]?.ordered).sort()).toEqual(['15', '5']);
    } finally {
      await temporal.close();
    }
  });
});
