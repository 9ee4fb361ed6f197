import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import type { WorkflowHandle } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { PROCURE_TO_RECEIVE_WORKFLOW } from '../../workflows/procure-to-receive/messages';
import { replenishmentWorkflowId } from '../../workflows/procure-to-receive/types';
import type { PurchaseOrderView, ReplenishmentSignal } from '../../workflows/procure-to-receive/types';
import { isHubError } from '../errors';
import type { HubError } from '../errors';
import { PURCHASING_POLICY_DEFAULTS } from './policy';
import type { PurchasingPolicy } from './policy';
import type { PurchaseWorkflows } from './purchase-workflows';
import { createTemporalPurchaseWorkflows } from './temporal-purchase-workflows';
import { stubFinishSignal, stubReplenishmentQuery } from './temporal-purchase-workflows.stub-workflows';
import { samplePurchaseOrderView } from './view-test-support';

// Runs against the stack's real Temporal server with a worker of stand-in workflows on a task queue of its own.
const taskQueue = `p2r-port-test-${randomUUID().slice(0, 8)}`;
const run = randomUUID().slice(0, 8);
let connection: Connection;
let client: Client;
let worker: Worker;
let running: Promise<void>;
let port: PurchaseWorkflows;
const started: WorkflowHandle[] = [];

const policy = (legalEntityId: string, overrides: Partial<PurchasingPolicy> = {}): PurchasingPolicy => ({
  legalEntityId,
  ...PURCHASING_POLICY_DEFAULTS,
  sourcing: [],
  ...overrides,
});

const signal = (signalId: string, overrides: Partial<ReplenishmentSignal> = {}): ReplenishmentSignal => ({
  signalId,
  legalEntityId: `le_${run}`,
  sku: 'WID-1001',
  locationId: 'loc_chicago',
  quantity: '12',
  reason: 'manual',
  receivedAt: '2025-04-01T10:00:00.000Z',
  ...overrides,
});

/** Starts a stand-in PO workflow from a view. */
async function startPo(id: string, overrides: Partial<PurchaseOrderView> = {}): Promise<PurchaseOrderView> {
  const view = samplePurchaseOrderView(`${id}_${run}`, { legalEntityId: `le_${run}`, ...overrides });
  const handle = await client.workflow.start(PROCURE_TO_RECEIVE_WORKFLOW, {
    workflowId: view.workflowId,
    taskQueue,
    args: [view],
  });
  started.push(handle);
  return view;
}

/** The `data` HubError a call rejected with. */
async function refusal(call: Promise<unknown>): Promise<HubError> {
  const err: unknown = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isHubError(err)) throw new Error(`expected a HubError, got ${String(err)}`);
  return err;
}

beforeAll(async () => {
  const address = process.env.HUB_TEMPORAL_ADDRESS;
  if (!address)
    throw new Error('HUB_TEMPORAL_ADDRESS is not set: this test needs the stack (source the env)');
  connection = await Connection.connect({ address });
  client = new Client({ connection, namespace: process.env.HUB_TEMPORAL_NAMESPACE ?? 'default' });
  worker = await Worker.create({
    connection: await NativeConnection.connect({ address }),
    namespace: process.env.HUB_TEMPORAL_NAMESPACE ?? 'default',
    taskQueue,
    workflowsPath: fileURLToPath(new URL('./temporal-purchase-workflows.stub-workflows.ts', import.meta.url)),
  });
  running = worker.run();
  port = createTemporalPurchaseWorkflows(client, taskQueue);
}, 120_000);

afterAll(async () => {
  for (const h of started) await h.terminate('test over').catch(() => undefined);
  worker?.shutdown();
  await running;
  await connection?.close();
});

describe('Temporal purchase workflows port', () => {
  it('starts the item’s replenishment workflow with the first signal and its policy, then joins it', async () => {
    const first = signal('request:a');
    const workflowId = await port.signalReplenishment(first, policy(first.legalEntityId), 'corr-1');
    expect(workflowId).toBe(replenishmentWorkflowId(first.legalEntityId, 'WID-1001', 'loc_chicago'));
    const handle = client.workflow.getHandle(workflowId);
    started.push(handle);
    const later = signal('request:b', { quantity: '5' });
    const changed = policy(first.legalEntityId, { approvalThreshold: '1' });
    expect(await port.signalReplenishment(later, changed, 'corr-2')).toBe(workflowId);
    const seen = await handle.query(stubReplenishmentQuery);
    expect(seen.input).toEqual({
      legalEntityId: first.legalEntityId,
      sku: 'WID-1001',
      locationId: 'loc_chicago',
      policy: policy(first.legalEntityId),
      correlationId: 'corr-1',
    });
    expect(seen.signals).toEqual([first, later]);
    const description = await handle.describe();
    expect(description.taskQueue).toBe(taskQueue);
    expect(description.type).toBe('replenishmentWorkflow');
    expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTES.flow)).toBe('procure-to-receive');
    expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTES.businessKey)).toBe(workflowId);

    const elsewhere = signal('request:c', { locationId: 'loc_reno' });
    const other = await port.signalReplenishment(elsewhere, policy(first.legalEntityId), 'corr-3');
    started.push(client.workflow.getHandle(other));
    expect(other).not.toBe(workflowId);
  });

  it('delivers supplier and WMS documents as signals, and reads the live view', async () => {
    const view = await startPo('pur_docs');
    const doc = { connectorId: 'con_edi' } as const;
    await port.ackReceived(view.workflowId, { ...doc, ack: {} as never });
    await port.asnReceived(view.workflowId, { ...doc, asn: {} as never });
    await port.receiptReceived(view.workflowId, { ...doc, receipt: {} as never });
    await port.invoiceReceived(view.workflowId, { ...doc, invoice: {} as never });
    const live = await port.status(view.workflowId);
    expect(live?.timeline.map((t) => t.step)).toEqual(['855', '856', 'receipt', '810']);
    expect(await port.status(`po:le_${run}:4599999998`)).toBeUndefined();
    const lost = await refusal(port.asnReceived(`po:le_${run}:4599999998`, { ...doc, asn: {} as never }));
    expect(lost.kind).toBe('data');
  });

  it('answers decisions with the PO as it then stands', async () => {
    const view = await startPo('pur_decide', {
      status: 'pending-approval',
      exceptions: [
        {
          ...{ exceptionId: 'exc_1', kind: 'short-receipt', message: 'short', owner: 'purchasing' },
          ...{ status: 'open', openedAt: '2025-04-01T10:00:00.000Z' },
        },
      ],
      invoices: [
        {
          invoiceId: 'inv_1',
          invoiceNumber: 'INV-1',
          status: 'held',
          differences: [],
          total: '1',
          currency: 'USD',
        },
      ],
    });
    const approved = await port.decideProposal(view.workflowId, {
      decision: 'approve',
      by: 'buyer',
      reason: 'ok',
    });
    expect(approved.status).toBe('issued');
    expect(approved.decisions).toEqual([
      { decision: 'approve', by: 'buyer', reason: 'ok', kind: 'proposal', at: view.updatedAt },
    ]);
    const resolved = await port.resolveException(view.workflowId, {
      ...{ exceptionId: 'exc_1', action: 'accept', by: 'buyer', reason: 'fine' },
    });
    expect(resolved.exceptions[0]?.status).toBe('resolved');
    const billed = await port.decideInvoice(view.workflowId, {
      ...{ invoiceId: 'inv_1', decision: 'approve', by: 'buyer', reason: 'ok' },
    });
    expect(billed.invoices[0]?.status).toBe('billed');
    expect((await port.shortClose(view.workflowId, { by: 'buyer', reason: 'enough' })).status).toBe(
      'short-closed',
    );
    expect((await port.status(view.workflowId))?.version).toBe(view.version + 4);
  });

  it('turns what the workflow refuses, and a workflow that is gone, into data errors with the reason', async () => {
    const view = await startPo('pur_refuse', {
      shipments: [{ asnId: 'asn_1', asnNumber: 'ASN-1', lines: [{ lineNumber: 1, quantity: '12' }] }],
    });
    const decision = { decision: 'approve', by: 'buyer', reason: 'ok' } as const;
    const notWaiting = await refusal(port.decideProposal(view.workflowId, decision));
    expect([notWaiting.kind, notWaiting.message]).toEqual([
      'data',
      `PO ${view.poNumber} is not waiting for approval`,
    ]);
    const noException = await refusal(
      port.resolveException(view.workflowId, {
        exceptionId: 'exc_x',
        action: 'accept',
        by: 'b',
        reason: 'r',
      }),
    );
    expect([noException.kind, noException.message]).toEqual(['data', 'no open exception exc_x']);
    const shipped = await refusal(port.cancel(view.workflowId, { by: 'buyer', reason: 'late' }));
    expect([shipped.kind, shipped.message]).toEqual([
      'data',
      `PO ${view.poNumber} has shipped; it cannot be cancelled`,
    ]);

    const unknown = await refusal(port.cancel(`po:le_${run}:4599999999`, { by: 'buyer', reason: 'x' }));
    expect(unknown.kind).toBe('data');
    const finished = await startPo('pur_finished');
    const handle = client.workflow.getHandle(finished.workflowId);
    await handle.signal(stubFinishSignal);
    await handle.result();
    const closed = await refusal(port.shortClose(finished.workflowId, { by: 'buyer', reason: 'x' }));
    expect(closed.kind).toBe('data');
  });
});
