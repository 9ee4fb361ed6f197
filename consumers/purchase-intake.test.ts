import type { Message } from 'node-rdkafka';
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../canonical-model/fixtures/load-fixture';
import type { GoodsReceipt } from '../canonical-model/generated/index';
import { createLogger } from '../monitoring/logger';
import { HubError, isHubError } from '../platform/errors';
import type { HubError as HubErrorType } from '../platform/errors';
import type { OrderWorkflows } from '../platform/orders/order-workflows';
import { defaultOrderPolicy } from '../platform/orders/policy';
import { handleOrderEvents } from './order-intake';
import { handlePurchaseDocuments } from './purchase-intake';
import type { PurchaseIntakeDeps } from './purchase-intake';

const LE = 'le_acme_us';
const logger = createLogger('test', 'silent');

type Call = { op: string; workflowId: string; arg: Record<string, unknown> };

/** The intake over a hub that runs the given PO numbers; `refuse` makes a workflow refuse (or fail) a signal. */
function intake(running: string[], refuse: Record<string, Error> = {}) {
  const calls: Call[] = [];
  const record =
    (op: string) =>
    (workflowId: string, arg: object): Promise<void> => {
      const failure = refuse[workflowId];
      if (failure) return Promise.reject(failure);
      calls.push({ op, workflowId, arg: arg as Record<string, unknown> });
      return Promise.resolve();
    };
  const asked: [string, string][] = [];
  const deps: PurchaseIntakeDeps = {
    purchases: {
      ackReceived: record('ack'),
      asnReceived: record('asn'),
      receiptReceived: record('receipt'),
      invoiceReceived: record('invoice'),
    },
    knowsPurchaseOrder: (legalEntityId, poNumber) => {
      asked.push([legalEntityId, poNumber]);
      return Promise.resolve(legalEntityId === LE && running.includes(poNumber));
    },
    logger,
  };
  return { handle: handlePurchaseDocuments(deps), calls, asked };
}

async function dataError(promise: Promise<unknown>): Promise<HubErrorType> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isHubError(err) || err.kind !== 'data')
    throw new Error(`expected a data HubError, got ${String(err)}`);
  return err;
}

const ack = (direction?: 'inbound' | 'outbound') => {
  const doc = loadFixture('purchase-order-ack');
  if (direction) doc.direction = direction;
  else delete doc.direction;
  return doc;
};
/** An ASN shipping PO-1 (twice: two order levels) and PO-2. */
const asn = (direction: 'inbound' | 'outbound' = 'inbound') => {
  const doc = loadFixture('advance-ship-notice');
  const [order] = doc.orders;
  doc.orders = [
    { ...order!, poNumber: 'PO-1' },
    { ...order!, poNumber: 'PO-2' },
    { ...order!, poNumber: 'PO-1' },
  ];
  doc.direction = direction;
  return doc;
};
const invoice = (direction: 'AP' | 'AR', poNumber?: string) => {
  const doc = loadFixture('invoice');
  doc.direction = direction;
  if (poNumber) doc.poNumber = poNumber;
  else delete doc.poNumber;
  return doc;
};
const receipt = (type: GoodsReceipt['type'], poNumber = 'PO-88121') => ({
  ...loadFixture('goods-receipt'),
  type,
  poNumber,
});

describe('purchase intake', () => {
  it('signals a supplier acknowledgement (855 inbound, or a portal ack without direction) to its PO', async () => {
    const { handle, calls } = intake(['PO-88121']);
    const edi = ack('inbound');
    expect(
      await handle({
        event: 'purchase-order-ack.received',
        connectorId: 'edi-1',
        partnerId: 'tp_sup',
        document: edi,
        reference: 'ich_1',
      }),
    ).toBe(true);
    const portal = ack();
    expect(await handle({ event: 'purchase-order-ack.received', document: portal })).toBe(true);
    expect(calls).toEqual([
      {
        op: 'ack',
        workflowId: `po:${LE}:PO-88121`,
        arg: { ack: edi, connectorId: 'edi-1', reference: 'ich_1' },
      },
      // Without the event's connector the document's source names it.
      { op: 'ack', workflowId: `po:${LE}:PO-88121`, arg: { ack: portal, connectorId: 'edi-acme-de' } },
    ]);
  });

  it('signals an inbound ASN to the workflow of every PO it ships, once each', async () => {
    const { handle, calls } = intake(['PO-1', 'PO-2']);
    const doc = asn();
    expect(
      await handle({ event: 'advance-ship-notice.received', connectorId: 'portal-1', document: doc }),
    ).toBe(true);
    expect(calls.map((c) => [c.op, c.workflowId, c.arg.asn])).toEqual([
      ['asn', `po:${LE}:PO-1`, doc],
      ['asn', `po:${LE}:PO-2`, doc],
    ]);
  });

  it('signals an AP invoice and a completed purchase-order receipt to their PO', async () => {
    const { handle, calls } = intake(['4500098812', 'PO-88121']);
    const bill = invoice('AP', '4500098812');
    const received = receipt('purchase-order');
    expect(await handle({ event: 'invoice.received', connectorId: 'edi-1', document: bill })).toBe(true);
    expect(await handle({ event: 'goods-receipt.completed', connectorId: 'wms-1', document: received })).toBe(
      true,
    );
    expect(calls).toEqual([
      { op: 'invoice', workflowId: `po:${LE}:4500098812`, arg: { invoice: bill, connectorId: 'edi-1' } },
      { op: 'receipt', workflowId: `po:${LE}:PO-88121`, arg: { receipt: received, connectorId: 'wms-1' } },
    ]);
  });

  it('declines what is not about our POs: outbound acks and ASNs, AR invoices, return receipts, other events', async () => {
    const { handle, calls, asked } = intake(['PO-88121', 'PO-1', '4500098812']);
    const declined = [
      { event: 'purchase-order-ack.received', document: ack('outbound') },
      { event: 'advance-ship-notice.received', document: asn('outbound') },
      { event: 'invoice.received', document: invoice('AR', '4500098812') },
      { event: 'goods-receipt.completed', document: receipt('return') },
      { event: 'sales-order.received', document: loadFixture('sales-order') },
    ];
    for (const e of declined) expect(await handle(e)).toBe(false);
    expect(calls).toEqual([]);
    expect(asked).toEqual([]);
  });

  it('refuses a document for a PO the hub does not run as a data error, naming the PO, signalling nothing', async () => {
    const { handle, calls } = intake([]);
    const err = await dataError(
      handle({ event: 'goods-receipt.completed', document: receipt('purchase-order') }),
    );
    expect(err.fieldErrors).toEqual([
      { path: '/document/poNumber', message: 'PO PO-88121 is not one this hub runs' },
    ]);
    expect(calls).toEqual([]);
  });

  it('still signals the POs of an ASN it runs when one PO is unknown, then refuses naming that order', async () => {
    const { handle, calls } = intake(['PO-2']);
    const err = await dataError(handle({ event: 'advance-ship-notice.received', document: asn() }));
    expect(calls.map((c) => c.workflowId)).toEqual([`po:${LE}:PO-2`]);
    expect(err.fieldErrors?.map((f) => f.path)).toEqual(['/document/orders/0/poNumber']);
  });

  it('turns a workflow refusal into a data error after signalling the others; a transient failure is thrown as is', async () => {
    const refusal = new HubError('data', 'the PO is closed');
    const refused = intake(['PO-1', 'PO-2'], { [`po:${LE}:PO-1`]: refusal });
    const err = await dataError(refused.handle({ event: 'advance-ship-notice.received', document: asn() }));
    expect(err.message).toContain('the PO is closed');
    expect(refused.calls.map((c) => c.workflowId)).toEqual([`po:${LE}:PO-2`]);

    const down = new HubError('transient', 'temporal unreachable');
    const failing = intake(['PO-88121'], { [`po:${LE}:PO-88121`]: down });
    await expect(failing.handle({ event: 'purchase-order-ack.received', document: ack() })).rejects.toBe(
      down,
    );
  });

  it('refuses an AP invoice that names no PO number', async () => {
    const { handle } = intake(['4500098812']);
    const err = await dataError(handle({ event: 'invoice.received', document: invoice('AP') }));
    expect(err.fieldErrors?.[0]?.path).toBe('/document/poNumber');
  });
});

describe('order intake with the purchase intake hooked in', () => {
  const message = (body: unknown, offset = 1): Message =>
    ({
      value: Buffer.from(JSON.stringify(body)),
      topic: 'hub.inbound-events.v1',
      partition: 0,
      offset,
    }) as Message;

  function orderIntake(running: string[], wirePurchases = true) {
    const purchases = intake(running);
    const returnReceipts: GoodsReceipt[] = [];
    const handle = handleOrderEvents({
      orders: {} as OrderWorkflows,
      policies: { get: (id) => Promise.resolve(defaultOrderPolicy(id)) },
      orderStore: { get: () => Promise.resolve(undefined) },
      knowsConnector: () => Promise.resolve(true),
      goodsReceipts: (r) => {
        returnReceipts.push(r);
        return Promise.resolve();
      },
      ...(wirePurchases ? { purchaseDocuments: purchases.handle } : {}),
      logger,
    });
    return { handle, calls: purchases.calls, returnReceipts };
  }

  it('routes purchase-order receipts to the PO and return receipts to the returns, with the stored event as reference', async () => {
    const { handle, calls, returnReceipts } = orderIntake(['PO-88121']);
    const po = receipt('purchase-order');
    const ret = receipt('return');
    await handle(
      message({
        event: 'goods-receipt.completed',
        connectorId: 'wms-1',
        inboundEventId: 'whk_1',
        document: po,
      }),
    );
    await handle(message({ event: 'goods-receipt.completed', connectorId: 'wms-1', document: ret }, 2));
    expect(calls).toEqual([
      {
        op: 'receipt',
        workflowId: `po:${LE}:PO-88121`,
        arg: { receipt: po, connectorId: 'wms-1', reference: 'whk_1' },
      },
    ]);
    expect(returnReceipts).toEqual([ret]);
  });

  it('passes an EDI ack on with its interchange as reference, and keeps (does not throw) one for an unknown PO', async () => {
    const { handle, calls } = orderIntake(['PO-88121']);
    const doc = ack('inbound');
    await handle(
      message({
        event: 'purchase-order-ack.received',
        connectorId: 'edi-1',
        ediInterchangeId: 'ich_9',
        document: doc,
      }),
    );
    expect(calls).toEqual([
      {
        op: 'ack',
        workflowId: `po:${LE}:PO-88121`,
        arg: { ack: doc, connectorId: 'edi-1', reference: 'ich_9' },
      },
    ]);
    const stranger = { ...doc, poNumber: 'PO-OTHER-HUB' };
    await expect(
      handle(message({ event: 'purchase-order-ack.received', connectorId: 'edi-1', document: stranger }, 3)),
    ).resolves.toBeUndefined();
    expect(calls).toHaveLength(1);
  });

  it('without the purchase intake wired, a purchase-order receipt goes nowhere (not to the returns)', async () => {
    const { handle, returnReceipts } = orderIntake(['PO-88121'], false);
    await handle(message({ event: 'goods-receipt.completed', document: receipt('purchase-order') }));
    expect(returnReceipts).toEqual([]);
  });
});
