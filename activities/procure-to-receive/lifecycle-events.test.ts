import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowHandle } from '@temporalio/client';
import type { Db, MongoClient } from 'mongodb';
import type { PurchaseOrder } from '../../canonical-model/generated/index';
import { createCanonicalValidator } from '../../canonical-model/validate';
import { createLogger } from '../../monitoring/logger';
import type { ConnectorRuntime } from '../../platform/connector-runtime';
import { LIFECYCLE_MARKS_COLLECTION } from '../../platform/lifecycle-events/publisher';
import { openLifecycleTopic } from '../../platform/lifecycle-events/testing';
import type { LifecycleTopic, ReadEvent } from '../../platform/lifecycle-events/testing';
import { createPurchaseOrderStore } from '../../platform/purchasing/purchase-order-store';
import { openTestDatabase } from '../../test/support/database';
import {
  ackOf,
  asnOf,
  invoiceOf,
  poInput,
  purchasingPolicy,
  receiptOf,
} from '../../test/support/purchase-documents';
import { startPurchaseWorkflowEnv, waitForPo } from '../../test/support/purchase-workflow-env';
import type { PurchaseWorkflowEnv } from '../../test/support/purchase-workflow-env';
import { createPurchaseWorld } from '../../test/support/purchase-world';
import {
  ackReceivedSignal,
  asnReceivedSignal,
  invoiceReceivedSignal,
  receiptReceivedSignal,
} from '../../workflows/procure-to-receive/messages';
import { purchaseOrderWorkflowId } from '../../workflows/procure-to-receive/types';
import type { PurchaseOrderView } from '../../workflows/procure-to-receive/types';
import { createPurchaseActivities } from '.';
import type { PurchaseActivityDeps } from './deps';
import type { PurchaseActivities } from './types';

// The PO's lifecycle events end to end: the real procure-to-receive workflow (time-skipping server) over the
// in-memory purchasing world, except that savePurchaseOrderView is the real activity — the real PO store on the
// MongoDB-wire server and the real publisher on a Kafka topic of this test's own.
const logger = createLogger('test', 'silent');
const validator = createCanonicalValidator();
let t: PurchaseWorkflowEnv;
let client: MongoClient;
let db: Db;
let lc: LifecycleTopic;
let activities: PurchaseActivities;

const unexpected = () => Promise.reject(new Error('unexpected'));

beforeAll(async () => {
  t = await startPurchaseWorkflowEnv();
  ({ client, db } = await openTestDatabase('hub_p2r_lifecycle'));
  lc = await openLifecycleTopic('p2r', db, logger);
  const purchaseOrders = createPurchaseOrderStore(db);
  await purchaseOrders.ensureIndexes();
  activities = createPurchaseActivities({
    runtime: {} as ConnectorRuntime,
    ledger: {} as PurchaseActivityDeps['ledger'],
    edi: {} as PurchaseActivityDeps['edi'],
    poNumbers: { next: unexpected },
    signalClaims: { claim: unexpected },
    purchaseOrders,
    orders: { get: () => Promise.resolve(undefined) },
    orderWorkflows: { retryAllocation: unexpected },
    logger,
    lifecycle: lc.publisher,
  });
}, 120_000);

afterAll(async () => {
  await t?.stop();
  await lc?.close();
  await db?.dropDatabase();
  await client?.close();
});

const started: WorkflowHandle[] = [];
afterEach(async () => {
  for (const h of started.splice(0)) await h.terminate('test over').catch(() => undefined);
});

/** Starts a PO for 10 × WID-1001 and 4 × WID-1002 in a world whose savePurchaseOrderView is the real activity. */
async function start(): Promise<{ handle: WorkflowHandle; po: PurchaseOrder }> {
  const world = t.use(createPurchaseWorld());
  world.activities.savePurchaseOrderView = (view) => activities.savePurchaseOrderView(view);
  const input = poInput(
    `${world.prefix}-LC1`,
    [
      ['WID-1001', '10'],
      ['WID-1002', '4'],
    ],
    purchasingPolicy(),
  );
  const handle = await t.env.client.workflow.start('procureToReceiveWorkflow', {
    workflowId: purchaseOrderWorkflowId('le_acme_us', input.purchaseOrder.poNumber),
    taskQueue: t.taskQueue,
    args: [input],
  });
  started.push(handle);
  return { handle, po: input.purchaseOrder };
}

/** The PO's events read so far, up to a sentinel sent now on its key (same partition: all before it are in). */
async function settledEventsOf(po: PurchaseOrder): Promise<ReadEvent[]> {
  const sentinel = `sentinel-${lc.read.length}-${Date.now()}`;
  await lc.producer.send(lc.topic, po.id, Buffer.from(JSON.stringify({ sentinel })));
  const read = await lc.waitFor('the sentinel', (r) =>
    r.some((e) => (e.event as unknown as { sentinel?: string }).sentinel === sentinel),
  );
  return read.filter((e) => e.key === po.id && e.event.documentType === 'lifecycle-event');
}

const typesOf = (events: ReadEvent[]) => events.map((e) => e.event.eventType);
const billed = (v: PurchaseOrderView) => v.invoices.some((i) => i.status === 'billed');

describe('procure-to-receive lifecycle events (real savePurchaseOrderView, real Kafka)', () => {
  it('a PO sent, acknowledged, shipped, received and billed publishes each step once, with its numbers', async () => {
    const { handle, po } = await start();
    await waitForPo(handle, (v) => v.status === 'issued');
    await handle.signal(ackReceivedSignal, { ack: ackOf(po, `${po.id}-ack`), connectorId: 'edi-1' });
    await waitForPo(handle, (v) => v.status === 'acknowledged');
    await handle.signal(asnReceivedSignal, {
      asn: asnOf(po, `${po.id}-asn`, { 1: '10', 2: '4' }),
      connectorId: 'edi-1',
    });
    await handle.signal(receiptReceivedSignal, {
      receipt: receiptOf(
        po,
        `${po.id}-gr`,
        [
          { line: 1, sku: 'WID-1001', received: '10' },
          { line: 2, sku: 'WID-1002', received: '4', rejected: '1', condition: 'damaged' },
        ],
        `${po.id}-asn`,
      ),
      connectorId: 'wms-1',
    });
    await handle.signal(invoiceReceivedSignal, {
      invoice: invoiceOf(po, `${po.id}-inv`, [
        [1, 'WID-1001', '10', po.lines[0]?.unitPrice.amount ?? '0'],
        [2, 'WID-1002', '3', po.lines[1]?.unitPrice.amount ?? '0'],
      ]),
      connectorId: 'edi-1',
    });
    const view = await waitForPo(handle, billed);
    await lc.waitFor('billed', (r) =>
      r.some((e) => e.key === po.id && e.event.eventType === 'purchase-order.billed'),
    );

    const events = await settledEventsOf(po);
    expect(typesOf(events)).toEqual([
      'purchase-order.sent',
      'purchase-order.acknowledged',
      'purchase-order.shipped',
      'purchase-order.received',
      'purchase-order.billed',
    ]);
    expect(lc.invalid.size).toBe(0);
    for (const { event, key, eventId, schema } of events) {
      expect(validator.validate('lifecycle-event', event).valid, event.eventType).toBe(true);
      expect(key).toBe(po.id);
      expect(eventId).toBe(event.id);
      expect(schema).toBe('lifecycle-event/1');
      expect(event).toMatchObject({
        legalEntityId: 'le_acme_us',
        flow: 'procure-to-receive',
        workflowId: handle.workflowId,
        purchaseOrderId: po.id,
        poNumber: po.poNumber,
        supplierId: po.supplierId,
      });
    }
    expect(new Set(events.map((e) => e.event.id)).size).toBe(5);
    const [sent, acknowledged, shipped, received, bill] = events.map((e) => e.event);
    expect(sent?.detail).toMatchObject({
      channel: 'edi',
      total: { amount: view.total, currency: 'USD' },
      lines: [
        { lineNumber: 1, sku: 'WID-1001', quantity: '10' },
        { lineNumber: 2, sku: 'WID-1002', quantity: '4' },
      ],
    });
    expect(acknowledged).toMatchObject({ ackNumber: `ACK-${po.id}-ack`, detail: { ackId: `${po.id}-ack` } });
    expect(shipped).toMatchObject({
      asnNumber: `ASN-${po.id}-asn`,
      detail: {
        asnId: `${po.id}-asn`,
        lines: [
          { lineNumber: 1, sku: 'WID-1001', quantity: '10' },
          { lineNumber: 2, sku: 'WID-1002', quantity: '4' },
        ],
      },
    });
    expect(received).toMatchObject({
      receiptNumber: `RCV-${po.id}-gr`,
      detail: { receiptId: `${po.id}-gr`, lines: [{ lineNumber: 1, quantity: '10' }, { lineNumber: 2 }] },
    });
    expect(received?.detail.lines?.[1]?.quantityRejected).not.toBe('0');
    expect(bill).toMatchObject({
      invoiceNumber: `INV-${po.id}-inv`,
      detail: { invoiceId: `${po.id}-inv`, total: { currency: 'USD' } },
    });
    expect(bill?.detail.total?.amount).toBe(view.invoices[0]?.total);

    // A retried save: nothing again while marked; the same events again when the mark was lost.
    await activities.savePurchaseOrderView(view);
    expect(typesOf(await settledEventsOf(po))).toEqual(typesOf(events));
    await db.collection(LIFECYCLE_MARKS_COLLECTION).deleteOne({ _id: po.id } as never);
    await activities.savePurchaseOrderView(view);
    const again = await settledEventsOf(po);
    expect(again).toHaveLength(10);
    expect(again.slice(5).map((e) => e.event.id)).toEqual(events.map((e) => e.event.id));
  });
});
