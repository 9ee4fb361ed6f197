import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowHandle } from '@temporalio/client';
import { startPurchaseWorkflowEnv, waitForPo } from '../../test/support/purchase-workflow-env';
import type { PurchaseWorkflowEnv } from '../../test/support/purchase-workflow-env';
import { createPurchaseWorld } from '../../test/support/purchase-world';
import type { PurchaseWorld } from '../../test/support/purchase-world';
import { ackOf, asnOf, invoiceOf, poInput, receiptOf } from '../../test/support/purchase-documents';
import {
  ackReceivedSignal,
  asnReceivedSignal,
  invoiceReceivedSignal,
  receiptReceivedSignal,
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

let sequence = 0;

/** A PO of 10 × WID-1001 taken to closed: acknowledged, shipped, received and billed by invoice `inv`. */
async function closedPo(
  world: PurchaseWorld,
  watch: { paymentCheckMinutes: number; paymentWatchDays: number },
): Promise<{ handle: WorkflowHandle; inv: string }> {
  sequence += 1;
  const base = poInput(`${world.prefix}-M${sequence}`, [['WID-1001', '10']]);
  const input: ProcureToReceiveInput = { ...base, policy: { ...base.policy, ...watch } };
  const po = input.purchaseOrder;
  const handle = await t.env.client.workflow.start('procureToReceiveWorkflow', {
    workflowId: purchaseOrderWorkflowId('le_acme_us', po.poNumber),
    taskQueue: t.taskQueue,
    args: [input],
  });
  const inv = `${po.poNumber}-inv`;
  await handle.signal(ackReceivedSignal, { ack: ackOf(po, `${po.poNumber}-ack`), connectorId: 'edi-1' });
  await handle.signal(asnReceivedSignal, {
    asn: asnOf(po, `${po.poNumber}-asn`, { 1: '10' }),
    connectorId: 'edi-1',
  });
  await handle.signal(receiptReceivedSignal, {
    receipt: receiptOf(
      po,
      `${po.poNumber}-gr`,
      [{ line: 1, sku: 'WID-1001', received: '10' }],
      `${po.poNumber}-asn`,
    ),
    connectorId: 'wms-1',
  });
  await handle.signal(invoiceReceivedSignal, {
    invoice: invoiceOf(po, inv, [[1, 'WID-1001', '10', '10.00']]),
    connectorId: 'edi-1',
  });
  return { handle, inv };
}

describe('procure-to-receive workflow: vendor bill payments after closing', () => {
  it('asks the ERP until the bill is paid, showing open, partly paid and paid on the PO, then completes', async () => {
    const world = t.use(createPurchaseWorld());
    const answers = [
      { status: 'open' as const, amountPaid: '0.00', amountDue: '100.00' },
      { status: 'partially-paid' as const, amountPaid: '40.00', amountDue: '60.00' },
      { status: 'paid' as const, amountPaid: '100.00', amountDue: '0.00', paidAt: '2027-01-15' },
    ];
    const { handle, inv } = await closedPo(world, { paymentCheckMinutes: 60, paymentWatchDays: 30 });
    world.payments.set(inv, [...answers]);
    const watching = await waitForPo(
      handle,
      (v) => v.status === 'closed' && v.invoices[0]?.payment !== undefined,
    );
    expect(watching.invoices[0]?.payment).toMatchObject({ status: 'open', amountDue: '100.00' });

    const done = (await handle.result()) as PurchaseOrderView;
    expect(done.status).toBe('closed');
    expect(done.invoices[0]).toMatchObject({
      invoiceId: inv,
      status: 'billed',
      payment: { status: 'paid', amountPaid: '100.00', amountDue: '0.00', paidAt: '2027-01-15' },
    });
    const read = {
      erpConnectorId: 'erp-1',
      invoiceId: inv,
      invoiceNumber: done.invoices[0]?.invoiceNumber,
      billExternalId: `bill-${inv}`,
    };
    expect(world.callsOf('readBillPayment')).toEqual([read, read, read]);
    const steps = done.timeline.map((e) => e.step);
    expect(steps.filter((s) => s.startsWith('bill-'))).toEqual([
      'bill-open',
      'bill-partially-paid',
      'bill-paid',
    ]);
    expect(done.timeline.find((e) => e.step === 'bill-paid')?.message).toContain(
      'paid in full (100.00 USD on 2027-01-15)',
    );
    expect(steps.indexOf('bill-paid')).toBeGreaterThan(steps.indexOf('closed'));
  });

  it('a bill still unpaid when the watch ends is escalated on the timeline and the workflow completes', async () => {
    const world = t.use(createPurchaseWorld());
    const { handle, inv } = await closedPo(world, { paymentCheckMinutes: 600, paymentWatchDays: 1 });
    world.payments.set(inv, [{ status: 'open', amountPaid: '0.00', amountDue: '100.00' }]);
    const done = (await handle.result()) as PurchaseOrderView;
    expect(done.invoices[0]?.payment?.status).toBe('open');
    // Asked at closing, after 10 h and 20 h, and once more when the day is over.
    expect(world.callsOf('readBillPayment')).toHaveLength(4);
    const last = done.timeline.at(-1);
    expect(last).toMatchObject({ kind: 'escalation', step: 'bill-payment' });
    expect(last?.message).toContain('not reported paid within 1 days');
  });
});
