import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowHandle } from '@temporalio/client';
import { startPurchaseWorkflowEnv, waitForPo } from '../../test/support/purchase-workflow-env';
import type { PurchaseWorkflowEnv } from '../../test/support/purchase-workflow-env';
import { createPurchaseWorld } from '../../test/support/purchase-world';
import type { PurchaseWorld } from '../../test/support/purchase-world';
import { ackOf, asnOf, poInput, purchasingPolicy } from '../../test/support/purchase-documents';
import {
  ackReceivedSignal,
  asnReceivedSignal,
  cancelPurchaseOrderUpdate,
  decideProposalUpdate,
  resolveExceptionUpdate,
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
const poNumber = (world: PurchaseWorld) => `${world.prefix}-P${(sequence += 1)}`;

async function start(input: ProcureToReceiveInput): Promise<WorkflowHandle> {
  const handle = await t.env.client.workflow.start('procureToReceiveWorkflow', {
    workflowId: purchaseOrderWorkflowId('le_acme_us', input.purchaseOrder.poNumber),
    taskQueue: t.taskQueue,
    args: [input],
  });
  started.push(handle);
  return handle;
}

/** Issued: the PO went to the ERP and the supplier and its supply was recorded. */
const isIssued = (v: PurchaseOrderView) =>
  v.status === 'issued' && v.timeline.some((e) => e.step === 'issued');

const refusal = (message: RegExp) => ({ cause: { message: expect.stringMatching(message) as unknown } });

describe('procure-to-receive workflow: approval, acknowledgement, re-sourcing', () => {
  it('above the threshold it waits for approval; an approval issues it; a second decision is refused', async () => {
    const world = t.use(createPurchaseWorld());
    const input = poInput(
      poNumber(world),
      [['WID-1001', '200']],
      purchasingPolicy({ approvalThreshold: '1000' }),
    );
    const handle = await start(input);
    await waitForPo(handle, (v) => v.status === 'pending-approval');
    expect(world.names()).not.toContain('sendPurchaseOrder');
    const decided = await handle.executeUpdate(decideProposalUpdate, {
      args: [{ decision: 'approve', by: 'ana', reason: 'needed for the promo' }],
    });
    expect(decided.decisions).toEqual([
      expect.objectContaining({ kind: 'proposal', decision: 'approve', by: 'ana' }),
    ]);
    const issued = await waitForPo(handle, isIssued);
    expect(issued.total).toBe('2000.00');
    expect(world.callsOf('sendPurchaseOrder')).toHaveLength(1);
    expect(issued.documents.find((d) => d.documentType === '850')?.control).toEqual({
      interchange: '000000101',
      group: '101',
      set: '0001',
    });
    await expect(
      handle.executeUpdate(decideProposalUpdate, {
        args: [{ decision: 'reject', by: 'bo', reason: 'late' }],
      }),
    ).rejects.toMatchObject(refusal(/no proposal waits/));
  });

  it('a rejected proposal ends the PO without sending anything', async () => {
    const world = t.use(createPurchaseWorld());
    const input = poInput(
      poNumber(world),
      [['WID-1001', '200']],
      purchasingPolicy({ approvalThreshold: '1000' }),
    );
    const handle = await start(input);
    await waitForPo(handle, (v) => v.status === 'pending-approval');
    await handle.executeUpdate(decideProposalUpdate, {
      args: [{ decision: 'reject', by: 'ana', reason: 'too much' }],
    });
    const view = (await handle.result()) as PurchaseOrderView;
    expect(view.status).toBe('rejected');
    expect(world.names()).not.toContain('sendPurchaseOrder');
    expect(world.names()).not.toContain('createErpPurchaseOrder');
    expect(world.names()).not.toContain('recordInboundSupply');
  });

  it('an approval nobody gives in time is escalated once and still waits', async () => {
    const world = t.use(createPurchaseWorld());
    const policy = purchasingPolicy({ approvalThreshold: '1000', approvalTimeoutHours: 24 });
    const handle = await start(poInput(poNumber(world), [['WID-1001', '200']], policy));
    await waitForPo(handle, (v) => v.status === 'pending-approval');
    await t.env.sleep('30 hours');
    const escalated = await waitForPo(handle, (v) => v.status === 'approval-escalated');
    expect(escalated.exceptions).toEqual([
      expect.objectContaining({ kind: 'approval-overdue', status: 'open', owner: 'purchasing' }),
    ]);
    expect(world.callsOf('escalatePurchaseOrder')).toEqual([
      expect.objectContaining({ reason: 'approval overdue' }),
    ]);
    await t.env.sleep('30 hours');
    expect(world.callsOf('escalatePurchaseOrder')).toHaveLength(1);
    await handle.executeUpdate(decideProposalUpdate, {
      args: [{ decision: 'approve', by: 'ana', reason: 'ok' }],
    });
    const issued = await waitForPo(handle, isIssued);
    expect(issued.exceptions[0]).toMatchObject({ status: 'resolved' });
  });

  it('a missing acknowledgement is escalated after the time-out; a late one then applies', async () => {
    const world = t.use(createPurchaseWorld());
    const input = poInput(poNumber(world), [['WID-1001', '10']], purchasingPolicy({ ackTimeoutHours: 48 }));
    const handle = await start(input);
    await waitForPo(handle, isIssued);
    await t.env.sleep('49 hours');
    const overdue = await waitForPo(handle, (v) => v.status === 'ack-overdue');
    expect(overdue.exceptions).toEqual([expect.objectContaining({ kind: 'ack-overdue', status: 'open' })]);
    expect(world.callsOf('escalatePurchaseOrder')).toEqual([
      expect.objectContaining({ reason: 'acknowledgement overdue' }),
    ]);
    await handle.signal(ackReceivedSignal, {
      ack: ackOf(input.purchaseOrder, `${input.purchaseOrder.poNumber}-ack`, {
        1: { status: 'changed', changes: { deliveryDate: '2026-12-20' } },
      }),
      connectorId: 'edi-1',
    });
    const acked = await waitForPo(handle, (v) => v.status === 'acknowledged');
    expect(acked.lines[0]).toMatchObject({
      acknowledged: '10',
      promisedDate: '2026-12-20',
      status: 'acknowledged',
    });
    expect(acked.exceptions[0]).toMatchObject({ kind: 'ack-overdue', status: 'resolved' });
    expect(acked.documents.find((d) => d.documentType === 'purchase-order-ack')?.control).toEqual({
      interchange: '000000201',
      group: '201',
      set: '0001',
    });
    const poId = input.purchaseOrder.id;
    // The new promised date moves the supply: the first record is settled, the same quantity re-recorded.
    expect(world.openSupply()).toEqual({ [`${poId}/1/a1`]: '10' });
    expect(world.supply.get(`${poId}/1/a1`)?.dueDate).toBe('2026-12-20');
  });

  it('a price change beyond tolerance waits for the buyer; within tolerance it is applied at once', async () => {
    const world = t.use(createPurchaseWorld());
    const input = poInput(poNumber(world), [
      ['WID-1001', '10'],
      ['WID-1002', '5'],
    ]);
    const handle = await start(input);
    await waitForPo(handle, isIssued);
    await handle.signal(ackReceivedSignal, {
      ack: ackOf(
        input.purchaseOrder,
        `${input.purchaseOrder.poNumber}-ack`,
        {
          1: { status: 'changed', changes: { unitPrice: { amount: '10.50', currency: 'USD' } } },
          2: { status: 'changed', changes: { unitPrice: { amount: '10.20', currency: 'USD' } } },
        },
        'accepted-with-changes',
      ),
      connectorId: 'edi-1',
    });
    const review = await waitForPo(handle, (v) => v.status === 'price-review');
    expect(review.lines.map((l) => l.unitPrice)).toEqual(['10.00', '10.20']);
    const exception = review.exceptions.find((e) => e.kind === 'price-change');
    expect(exception).toMatchObject({ lineNumber: 1, expected: '10.00', actual: '10.50', status: 'open' });
    await expect(
      handle.executeUpdate(resolveExceptionUpdate, {
        args: [
          { exceptionId: exception?.exceptionId ?? '', action: 'return-to-vendor', by: 'ana', reason: 'x' },
        ],
      }),
    ).rejects.toMatchObject(refusal(/price-change takes/));
    const resolved = await handle.executeUpdate(resolveExceptionUpdate, {
      args: [
        { exceptionId: exception?.exceptionId ?? '', action: 'accept', by: 'ana', reason: 'steel prices' },
      ],
    });
    expect(resolved.lines[0]).toMatchObject({ unitPrice: '10.50' });
    const after = await waitForPo(handle, (v) => v.status === 'acknowledged');
    expect(after.total).toBe('156.00');
    // The ERP's PO follows: first the change within tolerance (line 2), then the buyer's acceptance (line 1).
    const id = input.purchaseOrder.id;
    const date = input.purchaseOrder.lines[0]!.requestedDeliveryDate;
    expect(world.callsOf('updateErpPurchaseOrder')).toEqual([
      {
        id,
        lines: [
          [1, '10', '10.00', date],
          [2, '5', '10.20', date],
        ],
      },
      {
        id,
        lines: [
          [1, '10', '10.50', date],
          [2, '5', '10.20', date],
        ],
      },
    ]);
    expect(after.timeline.filter((e) => e.step === 'erp-purchase-order-update')).toHaveLength(2);
  });

  it('a rejected line is re-sourced to the alternate on a child PO with those lines', async () => {
    const world = t.use(createPurchaseWorld());
    const input = poInput(poNumber(world), [
      ['WID-1001', '12'],
      ['WID-1002', '4'],
    ]);
    const handle = await start(input);
    await waitForPo(handle, isIssued);
    await handle.signal(ackReceivedSignal, {
      ack: ackOf(
        input.purchaseOrder,
        `${input.purchaseOrder.poNumber}-ack`,
        { 1: { status: 'rejected', reason: 'discontinued' } },
        'accepted-with-changes',
      ),
      connectorId: 'edi-1',
    });
    const view = await waitForPo(handle, (v) => v.replacements.length === 1);
    const poId = input.purchaseOrder.id;
    expect(world.callsOf('nextPoNumber')).toEqual([{ proposalId: `${poId}/resource/1` }]);
    const replacement = view.replacements[0];
    expect(replacement).toMatchObject({ lineNumbers: [1] });
    expect(view.lines[0]).toMatchObject({ status: 'rejected', cancelled: '12' });
    expect(view.lines[1]).toMatchObject({ status: 'acknowledged', acknowledged: '4' });
    const child = t.env.client.workflow.getHandle(
      purchaseOrderWorkflowId('le_acme_us', replacement?.poNumber ?? ''),
    );
    started.push(child);
    const childView = await waitForPo(child, isIssued);
    expect(childView).toMatchObject({
      supplierId: 'sup_bolt',
      channel: 'portal',
      origin: { reason: 're-source' },
    });
    // The alternate sells in packs of 5 (minimum 5): 12 become 15 at its price.
    expect(childView.lines).toEqual([
      expect.objectContaining({ sku: 'WID-1001', ordered: '15', unitPrice: '11.00' }),
    ]);
    expect(world.openSupply()).toMatchObject({
      [`${poId}/2`]: '4',
      [`${childView.purchaseOrderId}/1`]: '15',
    });
    expect(world.openSupply()[`${poId}/1`]).toBeUndefined();
  });

  it('with no alternate left a rejected line raises line-rejected; cancel-line resolves it', async () => {
    const world = t.use(createPurchaseWorld());
    const input = poInput(
      poNumber(world),
      [
        ['WID-1001', '12'],
        ['WID-1002', '4'],
      ],
      purchasingPolicy(),
      undefined,
      [],
    );
    const handle = await start(input);
    await waitForPo(handle, isIssued);
    await handle.signal(ackReceivedSignal, {
      ack: ackOf(input.purchaseOrder, `${input.purchaseOrder.poNumber}-ack`, { 2: { status: 'rejected' } }),
      connectorId: 'edi-1',
    });
    const view = await waitForPo(handle, (v) => v.exceptions.length > 0);
    const e = view.exceptions[0];
    expect(e).toMatchObject({ kind: 'line-rejected', lineNumber: 2, owner: 'purchasing' });
    await expect(
      handle.executeUpdate(resolveExceptionUpdate, {
        args: [{ exceptionId: e?.exceptionId ?? '', action: 're-source', by: 'ana', reason: 'x' }],
      }),
    ).rejects.toMatchObject(refusal(/no alternate supplier/));
    const resolved = await handle.executeUpdate(resolveExceptionUpdate, {
      args: [{ exceptionId: e?.exceptionId ?? '', action: 'cancel-line', by: 'ana', reason: 'drop it' }],
    });
    expect(resolved.lines[1]).toMatchObject({ cancelled: '4' });
    expect(world.names()).not.toContain('nextPoNumber');
  });

  it('cancelling before anything shipped settles the supply; after an ASN a cancel is refused', async () => {
    const world = t.use(createPurchaseWorld());
    const a = poInput(poNumber(world), [['WID-1001', '10']]);
    const first = await start(a);
    await waitForPo(first, isIssued);
    expect(world.openSupply()).toEqual({ [`${a.purchaseOrder.id}/1`]: '10' });
    const cancelled = await first.executeUpdate(cancelPurchaseOrderUpdate, {
      args: [{ by: 'ana', reason: 'not needed' }],
    });
    expect(cancelled.status).toBe('cancelled');
    expect((await first.result()) as PurchaseOrderView).toMatchObject({ status: 'cancelled' });
    expect(world.supply.get(`${a.purchaseOrder.id}/1`)?.status).toBe('cancelled');
    expect(world.openSupply()).toEqual({});

    const b = poInput(poNumber(world), [['WID-1001', '10']]);
    const second = await start(b);
    await waitForPo(second, isIssued);
    await second.signal(asnReceivedSignal, {
      asn: asnOf(b.purchaseOrder, `${b.purchaseOrder.poNumber}-asn`, { 1: '10' }),
      connectorId: 'edi-1',
    });
    await waitForPo(second, (v) => v.status === 'shipped');
    await expect(
      second.executeUpdate(cancelPurchaseOrderUpdate, { args: [{ by: 'ana', reason: 'too late' }] }),
    ).rejects.toMatchObject(refusal(/already shipped/));
  });
});
