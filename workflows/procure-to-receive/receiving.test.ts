import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { WorkflowHandle } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { startPurchaseWorkflowEnv, waitForPo } from '../../test/support/purchase-workflow-env';
import type { PurchaseWorkflowEnv } from '../../test/support/purchase-workflow-env';
import { createPurchaseWorld } from '../../test/support/purchase-world';
import type { PurchaseWorld } from '../../test/support/purchase-world';
import { ackOf, asnOf, invoiceOf, poInput, receiptOf } from '../../test/support/purchase-documents';
import type { ReceiptLineSpec } from '../../test/support/purchase-documents';
import type { PurchaseOrder } from '../../canonical-model/generated/index';
import {
  ackReceivedSignal,
  asnReceivedSignal,
  decideInvoiceUpdate,
  invoiceReceivedSignal,
  receiptReceivedSignal,
  resolveExceptionUpdate,
  shortCloseUpdate,
} from './messages';
import { purchaseOrderWorkflowId } from './types';
import type { ProcureToReceiveInput, PurchaseOrderView } from './types';

let t: PurchaseWorkflowEnv;

beforeAll(async () => {
  t = await startPurchaseWorkflowEnv();
}, 120_000);

afterAll(async () => {
  await t?.stop();
});

const started: WorkflowHandle[] = [];
afterEach(async () => {
  for (const h of started.splice(0)) await h.terminate('test over').catch(() => undefined);
});

let sequence = 0;

/** A PO of 10 × WID-1001 (and more lines when given), started and acknowledged as ordered. */
async function acknowledgedPo(world: PurchaseWorld, lines: [string, string][] = [['WID-1001', '10']]) {
  sequence += 1;
  const input: ProcureToReceiveInput = poInput(`${world.prefix}-R${sequence}`, lines);
  const handle = await t.env.client.workflow.start('procureToReceiveWorkflow', {
    workflowId: purchaseOrderWorkflowId('le_acme_us', input.purchaseOrder.poNumber),
    taskQueue: t.taskQueue,
    args: [input],
  });
  started.push(handle);
  const po = input.purchaseOrder;
  await handle.signal(ackReceivedSignal, { ack: ackOf(po, `${po.poNumber}-ack`), connectorId: 'edi-1' });
  await waitForPo(handle, (v) => v.status === 'acknowledged');
  return { handle, po, poId: po.id };
}

const ship = (h: WorkflowHandle, po: PurchaseOrder, id: string, lines: Record<number, string>) =>
  h.signal(asnReceivedSignal, { asn: asnOf(po, id, lines), connectorId: 'edi-1' });
const receive = (
  h: WorkflowHandle,
  po: PurchaseOrder,
  id: string,
  lines: ReceiptLineSpec[],
  asnId?: string,
) => h.signal(receiptReceivedSignal, { receipt: receiptOf(po, id, lines, asnId), connectorId: 'wms-1' });
const invoice = (
  h: WorkflowHandle,
  po: PurchaseOrder,
  id: string,
  lines: [number, string, string, string][],
) => h.signal(invoiceReceivedSignal, { invoice: invoiceOf(po, id, lines), connectorId: 'edi-1' });
const exceptionOf = (v: PurchaseOrderView, kind: string) => v.exceptions.find((e) => e.kind === kind);

describe('procure-to-receive workflow: shipments, receipts, three-way match, close', () => {
  it('a clean run: ASN, receipt, one vendor bill, closed; supply moves from PO line to ASN to received', async () => {
    const world = t.use(createPurchaseWorld());
    const { handle, po, poId } = await acknowledgedPo(world);
    expect(world.openSupply()).toEqual({ [`${poId}/1`]: '10' });
    await ship(handle, po, 'asn-1', { 1: '10' });
    await ship(handle, po, 'asn-1', { 1: '10' }); // the supplier resends
    const shipped = await waitForPo(handle, (v) => v.status === 'shipped');
    // The WMS expects the goods at the PO's own warehouse, not at the supplier's code for it.
    expect(world.callsOf('createExpectedReceipt')).toEqual([
      { asnId: 'asn-1', locationId: 'loc_a', poNumbers: [po.poNumber] },
    ]);
    expect(world.openSupply()).toEqual({ 'asn-1/1': '10' });
    expect(world.supply.get(`${poId}/1`)?.status).toBe('cancelled');
    expect(world.supply.get('asn-1/1')?.dueDate).toBe('2026-12-08');
    expect(shipped.shipments).toEqual([
      {
        asnId: 'asn-1',
        asnNumber: 'ASN-asn-1',
        dueDate: '2026-12-08',
        lines: [{ lineNumber: 1, quantity: '10' }],
      },
    ]);
    await receive(handle, po, 'gr-1', [{ line: 1, sku: 'WID-1001', received: '10' }], 'asn-1');
    await waitForPo(handle, (v) => v.status === 'received');
    expect(world.supply.get('asn-1/1')?.status).toBe('received');
    expect(world.stock.get('loc_a|WID-1001')).toBe('10');
    expect(world.callsOf('postErpReceipt')).toEqual([
      { receiptId: 'gr-1', purchaseOrderId: poId, lines: [[1, '10']] },
    ]);
    expect(world.callsOf('notifyStockArrived')).toEqual([
      expect.objectContaining({ salesOrderIds: [`so_${po.poNumber}-s1`] }),
    ]);
    await invoice(handle, po, 'inv-1', [[1, 'WID-1001', '10', '10.00']]);
    await invoice(handle, po, 'inv-1', [[1, 'WID-1001', '10', '10.00']]);
    const view = (await handle.result()) as PurchaseOrderView;
    expect(view.status).toBe('closed');
    expect(world.callsOf('postVendorBill')).toEqual([
      { id: 'inv-1', purchaseOrderId: poId, supplierId: 'sup_acme', direction: 'AP' },
    ]);
    expect(view.invoices).toEqual([
      expect.objectContaining({ invoiceId: 'inv-1', status: 'billed', billExternalId: 'bill-inv-1' }),
    ]);
    expect(view.lines[0]).toMatchObject({
      ordered: '10',
      shipped: '10',
      received: '10',
      billed: '10',
      status: 'closed',
    });
    expect(view.documents.map((d) => d.documentType)).toEqual([
      'erp-purchase-order',
      '850',
      'purchase-order-ack',
      'advance-ship-notice',
      'goods-receipt',
      'invoice',
    ]);
    expect(world.openSupply()).toEqual({});
    const versions = world.views.map((v) => v.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    // The recorded run replays against the code without a determinism error.
    await Worker.runReplayHistory(
      { workflowsPath: fileURLToPath(new URL('../index.ts', import.meta.url)) },
      await handle.fetchHistory(),
      handle.workflowId,
    );
  }, 120_000);

  it('partial ASN and receipts: partially received, then received; no short receipt while more is to come', async () => {
    const world = t.use(createPurchaseWorld());
    const { handle, po, poId } = await acknowledgedPo(world);
    await ship(handle, po, 'asn-a', { 1: '6' });
    await waitForPo(handle, (v) => v.status === 'shipped');
    expect(world.openSupply()).toEqual({ 'asn-a/1': '6', [`${poId}/1/a1`]: '4' });
    await receive(handle, po, 'gr-a', [{ line: 1, sku: 'WID-1001', received: '6' }], 'asn-a');
    const partly = await waitForPo(handle, (v) => v.status === 'partially-received');
    expect(partly.exceptions).toEqual([]);
    expect(partly.lines[0]).toMatchObject({ received: '6', status: 'partially-received' });
    await ship(handle, po, 'asn-b', { 1: '4' });
    await receive(handle, po, 'gr-b', [{ line: 1, sku: 'WID-1001', received: '4' }], 'asn-b');
    const full = await waitForPo(handle, (v) => v.status === 'received');
    expect(full.exceptions).toEqual([]);
    expect(full.receipts.map((r) => r.receiptId)).toEqual(['gr-a', 'gr-b']);
    expect(world.openSupply()).toEqual({});
    expect(world.stock.get('loc_a|WID-1001')).toBe('10');
  });

  it('an over receipt holds the excess until accepted; the invoice for all of it then matches', async () => {
    const world = t.use(createPurchaseWorld());
    const { handle, po, poId } = await acknowledgedPo(world);
    // As the WMS reports it: no hub PO id, no PO line number, only the SKU.
    const wmsReceipt = receiptOf(po, 'gr-o', [{ sku: 'WID-1001', received: '12' }]);
    delete wmsReceipt.purchaseOrderId;
    await handle.signal(receiptReceivedSignal, { receipt: wmsReceipt, connectorId: 'wms-1' });
    const over = await waitForPo(handle, (v) => !!exceptionOf(v, 'over-receipt'));
    // The ERP gets the receipt against this PO's line, for what the line had open; the excess waits for a person.
    expect(world.callsOf('postErpReceipt')).toEqual([
      { receiptId: 'gr-o', purchaseOrderId: poId, lines: [[1, '10']] },
    ]);
    expect(exceptionOf(over, 'over-receipt')).toMatchObject({
      lineNumber: 1,
      expected: '10',
      actual: '12',
      owner: 'purchasing',
      documentId: 'gr-o',
    });
    expect(world.stock.get('loc_a|WID-1001')).toBe('10');
    await invoice(handle, po, 'inv-o', [[1, 'WID-1001', '12', '10.00']]);
    const held = await waitForPo(handle, (v) => v.invoices.length === 1);
    expect(held.invoices[0]).toMatchObject({
      status: 'held',
      differences: [{ lineNumber: 1, field: 'quantity', expected: '10', actual: '12' }],
    });
    await handle.executeUpdate(resolveExceptionUpdate, {
      args: [
        {
          exceptionId: exceptionOf(over, 'over-receipt')?.exceptionId ?? '',
          action: 'accept',
          by: 'ana',
          reason: 'keep them',
        },
      ],
    });
    expect(world.stock.get('loc_a|WID-1001')).toBe('12');
    await handle.executeUpdate(decideInvoiceUpdate, {
      args: [{ invoiceId: 'inv-o', decision: 'approve', by: 'ana', reason: 'we kept 12' }],
    });
    const view = (await handle.result()) as PurchaseOrderView;
    expect(view).toMatchObject({
      status: 'closed',
      lines: [expect.objectContaining({ billed: '12', received: '12' })],
    });
    expect(world.callsOf('postVendorBill')).toHaveLength(1);
  });

  it('damaged units and a wrong item become exceptions; after return-to-vendor a short-close ends the PO', async () => {
    const world = t.use(createPurchaseWorld());
    const { handle, po, poId } = await acknowledgedPo(world);
    await ship(handle, po, 'asn-d', { 1: '10' });
    await receive(
      handle,
      po,
      'gr-d',
      [
        { line: 1, sku: 'WID-1001', received: '10', rejected: '3', condition: 'damaged' },
        { sku: 'GADGET-9', received: '2' },
      ],
      'asn-d',
    );
    const view = await waitForPo(handle, (v) => v.exceptions.length >= 2);
    expect(exceptionOf(view, 'damaged')).toMatchObject({
      lineNumber: 1,
      expected: '10',
      actual: '7',
      status: 'open',
    });
    expect(exceptionOf(view, 'wrong-item')).toMatchObject({ actual: 'GADGET-9', status: 'open' });
    expect(view.lines[0]).toMatchObject({ received: '10', rejected: '3' });
    expect(world.stock.get('loc_a|WID-1001')).toBe('7');
    expect(world.stock.get('loc_a|GADGET-9')).toBeUndefined();
    for (const kind of ['damaged', 'wrong-item'])
      await handle.executeUpdate(resolveExceptionUpdate, {
        args: [
          {
            exceptionId: exceptionOf(view, kind)?.exceptionId ?? '',
            action: 'return-to-vendor',
            by: 'ana',
            reason: 'send back',
          },
        ],
      });
    await invoice(handle, po, 'inv-d', [[1, 'WID-1001', '7', '10.00']]);
    const billed = await waitForPo(handle, (v) => v.invoices[0]?.status === 'billed');
    expect(billed.status).toBe('partially-received');
    expect(world.stock.get('loc_a|GADGET-9')).toBeUndefined();
    await handle.executeUpdate(shortCloseUpdate, { args: [{ by: 'ana', reason: 'no replacement coming' }] });
    const closed = (await handle.result()) as PurchaseOrderView;
    expect(closed.status).toBe('short-closed');
    expect(closed.lines[0]).toMatchObject({ cancelled: '3', billed: '7' });
    // The ERP's PO is cut to what was received, once.
    expect(world.callsOf('updateErpPurchaseOrder')).toEqual([
      { id: po.id, lines: [[1, '7', '10.00', expect.any(String) as unknown]] },
    ]);
    expect(world.openSupply()).toEqual({});
    expect(world.supply.get(`${poId}/1`)?.status).toBe('cancelled');
  });

  it('an invoice price beyond tolerance is held naming the line; approving it bills it once', async () => {
    const world = t.use(createPurchaseWorld());
    const { handle, po } = await acknowledgedPo(world, [
      ['WID-1001', '10'],
      ['WID-1002', '5'],
    ]);
    await receive(handle, po, 'gr-m', [
      { line: 1, sku: 'WID-1001', received: '10' },
      { line: 2, sku: 'WID-1002', received: '5' },
    ]);
    await waitForPo(handle, (v) => v.status === 'received');
    await invoice(handle, po, 'inv-m', [
      [1, 'WID-1001', '10', '10.00'],
      [2, 'WID-1002', '5', '10.50'],
    ]);
    const held = await waitForPo(handle, (v) => v.invoices[0]?.status === 'held');
    expect(held.invoices[0]?.differences).toEqual([
      { lineNumber: 2, field: 'unitPrice', expected: '10.00', actual: '10.50' },
    ]);
    expect(exceptionOf(held, 'invoice-mismatch')?.message).toMatch(/line 2 unitPrice/);
    expect(world.names()).not.toContain('postVendorBill');
    await handle.executeUpdate(decideInvoiceUpdate, {
      args: [{ invoiceId: 'inv-m', decision: 'approve', by: 'ana', reason: 'agreed surcharge' }],
    });
    const view = (await handle.result()) as PurchaseOrderView;
    expect(view.status).toBe('closed');
    expect(view.invoices[0]).toMatchObject({ status: 'billed' });
    expect(world.callsOf('postVendorBill')).toHaveLength(1);
  });

  it('an invoice before the goods waits for receipt and is billed once they arrive', async () => {
    const world = t.use(createPurchaseWorld());
    const { handle, po } = await acknowledgedPo(world);
    await invoice(handle, po, 'inv-w', [[1, 'WID-1001', '10', '10.00']]);
    const waiting = await waitForPo(handle, (v) => v.invoices[0]?.status === 'waiting-for-receipt');
    expect(waiting.exceptions).toEqual([]);
    await receive(handle, po, 'gr-w1', [{ line: 1, sku: 'WID-1001', received: '4' }]);
    await waitForPo(handle, (v) => v.receipts.length === 1);
    expect(world.names()).not.toContain('postVendorBill');
    await receive(handle, po, 'gr-w2', [{ line: 1, sku: 'WID-1001', received: '6' }]);
    const view = (await handle.result()) as PurchaseOrderView;
    expect(view).toMatchObject({
      status: 'closed',
      invoices: [expect.objectContaining({ status: 'billed' })],
    });
    expect(world.callsOf('postVendorBill')).toHaveLength(1);
  });

  it('a receipt short of a fully shipped line raises short-receipt; accepting it lets the PO close', async () => {
    const world = t.use(createPurchaseWorld());
    const { handle, po } = await acknowledgedPo(world);
    await ship(handle, po, 'asn-s', { 1: '10' });
    await receive(handle, po, 'gr-s', [{ line: 1, sku: 'WID-1001', received: '8' }], 'asn-s');
    const short = await waitForPo(handle, (v) => !!exceptionOf(v, 'short-receipt'));
    const e = exceptionOf(short, 'short-receipt');
    expect(e).toMatchObject({ lineNumber: 1, expected: '10', actual: '8' });
    await handle.executeUpdate(resolveExceptionUpdate, {
      args: [
        {
          exceptionId: e?.exceptionId ?? '',
          action: 'accept',
          by: 'ana',
          reason: 'lost in transit, claim filed',
        },
      ],
    });
    await invoice(handle, po, 'inv-s', [[1, 'WID-1001', '8', '10.00']]);
    const view = (await handle.result()) as PurchaseOrderView;
    expect(view).toMatchObject({
      status: 'closed',
      lines: [expect.objectContaining({ cancelled: '2', billed: '8' })],
    });
  });

  it('a short receipt the rest of the shipment arrives for later resolves itself; the PO then closes', async () => {
    const world = t.use(createPurchaseWorld());
    const { handle, po } = await acknowledgedPo(world);
    await ship(handle, po, 'asn-r', { 1: '10' });
    await receive(handle, po, 'gr-r1', [{ line: 1, sku: 'WID-1001', received: '6' }], 'asn-r');
    await waitForPo(handle, (v) => exceptionOf(v, 'short-receipt')?.status === 'open');
    await receive(handle, po, 'gr-r2', [{ line: 1, sku: 'WID-1001', received: '4' }], 'asn-r');
    const whole = await waitForPo(handle, (v) => v.status === 'received');
    const short = exceptionOf(whole, 'short-receipt');
    expect(short?.status).toBe('resolved');
    expect([short?.resolution?.by, short?.resolution?.action]).toEqual(['hub', 'accept']);
    await invoice(handle, po, 'inv-r', [[1, 'WID-1001', '10', '10.00']]);
    const view = (await handle.result()) as PurchaseOrderView;
    expect(view).toMatchObject({
      status: 'closed',
      lines: [expect.objectContaining({ received: '10', billed: '10' })],
    });
  });

  it('a replacing ASN takes the place of the first; a cancelled ASN puts the supply back on the PO line', async () => {
    const world = t.use(createPurchaseWorld());
    const { handle, po, poId } = await acknowledgedPo(world);
    await ship(handle, po, 'asn-r', { 1: '10' });
    await waitForPo(handle, (v) => v.status === 'shipped');
    await handle.signal(asnReceivedSignal, {
      asn: {
        ...asnOf(po, 'asn-r', { 1: '8' }, 'replace'),
        source: { connectorId: 'edi-1', system: 'x12', externalId: 'asn-r', version: '000000302-302-0001' },
      },
      connectorId: 'edi-1',
    });
    const replaced = await waitForPo(handle, (v) => v.shipments[0]?.lines[0]?.quantity === '8');
    expect(replaced.lines[0]).toMatchObject({ shipped: '8' });
    expect(world.openSupply()).toEqual({ 'asn-r/1/r1': '8', [`${poId}/1/a1`]: '2' });
    await handle.signal(asnReceivedSignal, {
      asn: {
        ...asnOf(po, 'asn-r', { 1: '8' }, 'cancel'),
        source: { connectorId: 'edi-1', system: 'x12', externalId: 'asn-r', version: '000000303-303-0001' },
      },
      connectorId: 'edi-1',
    });
    const withdrawn = await waitForPo(handle, (v) => v.shipments.length === 0);
    expect(withdrawn.lines[0]).toMatchObject({ shipped: '0' });
    expect(world.openSupply()).toEqual({ [`${poId}/1/a2`]: '10' });
  });
});
