/**
 * Representative runs of the procure-to-receive workflows, recorded as histories by
 * scripts/record-purchase-histories.ts and replayed by workflows/procure-to-receive/replay.test.ts. Each scenario
 * starts one workflow under a fixed id in an in-memory world of its own (fixed PO numbers, so a re-recording gives
 * the same commands), drives it (signals, updates, skipped time) to its end and says whether the run ended as
 * intended, so a broken run is never recorded.
 */
import { Client } from '@temporalio/client';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { PurchasingPolicy, SupplierSource } from '../../platform/purchasing/policy';
import {
  PROCURE_TO_RECEIVE_WORKFLOW,
  REPLENISHMENT_WORKFLOW,
  ackReceivedSignal,
  asnReceivedSignal,
  cancelPurchaseOrderUpdate,
  decideInvoiceUpdate,
  decideProposalUpdate,
  invoiceReceivedSignal,
  receiptReceivedSignal,
  replenishmentSignal,
  resolveExceptionUpdate,
  shortCloseUpdate,
} from '../../workflows/procure-to-receive/messages';
import { purchaseOrderWorkflowId, replenishmentWorkflowId } from '../../workflows/procure-to-receive/types';
import type {
  ExceptionResolution,
  ProcureToReceiveInput,
  PurchaseException,
  PurchaseOrderView,
  ReplenishmentSignal,
} from '../../workflows/procure-to-receive/types';
import type { ReplenishmentResult } from '../../workflows/replenishment/types';
import type { PurchaseOrderAckLine } from '../../canonical-model/generated/index';
import {
  ackOf,
  asnOf,
  demand,
  ediSupplier,
  invoiceOf,
  poInput,
  portalSupplier,
  purchasingPolicy,
  receiptOf,
} from './purchase-documents';
import type { ReceiptLineSpec } from './purchase-documents';
import { waitForPo } from './purchase-workflow-env';
import { createPurchaseWorld } from './purchase-world';
import type { PurchaseWorld } from './purchase-world';

const LEGAL_ENTITY = 'le_acme_us';

/** Where a scenario runs: the time-skipping env, the worker's task queue and the scenario's own world. */
export interface ScenarioContext {
  env: TestWorkflowEnvironment;
  taskQueue: string;
  world: PurchaseWorld;
}

/** One recorded run. */
export interface PurchaseScenario {
  /** File name of the history (without `.json`); also in the PO number and the workflow id. */
  name: string;
  /** What the run goes through (for the histories README). */
  summary: string;
  /** Workflow type of the recorded run. */
  workflowType: typeof PROCURE_TO_RECEIVE_WORKFLOW | typeof REPLENISHMENT_WORKFLOW;
  /** Id of the recorded workflow (the replay test replays under the same id). */
  workflowId: string;
  /** Starts the recorded workflow. */
  start(ctx: ScenarioContext): Promise<WorkflowHandle>;
  /** Drives the started run to its end; why its end is not what the scenario means to record, or undefined. */
  finish(ctx: ScenarioContext, handle: WorkflowHandle): Promise<string | undefined>;
}

/** The world prefix of a scenario: in its PO numbers and workflow ids, so the env routes activities to its world. */
const prefixOf = (name: string) => `rp.${name}.`;
/** The PO number of a PO scenario. */
export const scenarioPoNumber = (name: string): string => `${prefixOf(name)}PO`;

/** A fresh world for the scenario: its prefix fixed, and the PO numbers it draws fixed too (`<prefix>R<n>`). */
export function scenarioWorld(name: string): PurchaseWorld {
  const world = createPurchaseWorld();
  world.prefix = prefixOf(name);
  world.activities.nextPoNumber = ({ proposalId }) => {
    world.calls.push({ name: 'nextPoNumber', args: { proposalId } });
    const number = world.poNumbers.get(proposalId) ?? `${world.prefix}R${world.poNumbers.size + 1}`;
    world.poNumbers.set(proposalId, number);
    return Promise.resolve(number);
  };
  return world;
}

/** What a PO scenario's driver acts with. */
interface PoRun extends ScenarioContext {
  handle: WorkflowHandle;
  input: ProcureToReceiveInput;
}

/** A PO scenario: the PO it starts and how it is driven. */
interface PoScenarioSpec {
  name: string;
  summary: string;
  lines?: [string, string][];
  policy?: Partial<PurchasingPolicy>;
  alternates?: SupplierSource[];
  drive(run: PoRun): Promise<PurchaseOrderView>;
  check(view: PurchaseOrderView, run: PoRun): string | undefined;
}

/** The input of a PO scenario (fixed: its PO number, lines, policy and alternates). */
function scenarioInput(spec: PoScenarioSpec): ProcureToReceiveInput {
  return poInput(
    scenarioPoNumber(spec.name),
    spec.lines ?? [['WID-1001', '10']],
    purchasingPolicy(spec.policy),
    ediSupplier,
    spec.alternates ?? [portalSupplier],
  );
}

/** A PO scenario as a recorded run. */
function poScenario(spec: PoScenarioSpec): PurchaseScenario {
  const input = scenarioInput(spec);
  const workflowId = purchaseOrderWorkflowId(LEGAL_ENTITY, input.purchaseOrder.poNumber);
  return {
    name: spec.name,
    summary: spec.summary,
    workflowType: PROCURE_TO_RECEIVE_WORKFLOW,
    workflowId,
    start: (ctx) =>
      ctx.env.client.workflow.start(PROCURE_TO_RECEIVE_WORKFLOW, {
        workflowId,
        taskQueue: ctx.taskQueue,
        args: [input],
      }),
    async finish(ctx, handle) {
      const run = { ...ctx, handle, input };
      return spec.check(await spec.drive(run), run);
    },
  };
}

/**
 * Waits (real time, up to `timeoutMs`) for the workflow to close, then answers its result. Time is not skipped
 * meanwhile: the test server, when skipping while a client waits for a result, jumps ten years at a time (to the
 * default run time-out of the workflows it knows), which would stamp the histories decades ahead. A scenario skips
 * time only where it means to, with `env.sleep`.
 */
async function resultOf<T>(ctx: ScenarioContext, handle: WorkflowHandle, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while ((await handle.describe()).status.name === 'RUNNING') {
    if (Date.now() > deadline) throw new Error(`${handle.workflowId} did not end within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const client = new Client({ connection: ctx.env.connection, namespace: ctx.env.namespace ?? 'default' });
  return (await client.workflow.getHandle(handle.workflowId).result()) as T;
}

const result = (run: PoRun) => resultOf<PurchaseOrderView>(run, run.handle);
const po = (run: PoRun) => run.input.purchaseOrder;
const poNumberOf = (run: PoRun) => po(run).poNumber;

const ack = (
  run: PoRun,
  lines: Record<number, Partial<PurchaseOrderAckLine>> = {},
  status: 'accepted' | 'accepted-with-changes' = 'accepted',
) =>
  run.handle.signal(ackReceivedSignal, {
    ack: ackOf(po(run), `${poNumberOf(run)}-ack`, lines, status),
    connectorId: 'edi-1',
  });
const ship = (run: PoRun, id: string, lines: Record<number, string>) =>
  run.handle.signal(asnReceivedSignal, { asn: asnOf(po(run), id, lines), connectorId: 'edi-1' });
const receive = (run: PoRun, id: string, lines: ReceiptLineSpec[], asnId?: string) =>
  run.handle.signal(receiptReceivedSignal, {
    receipt: receiptOf(po(run), id, lines, asnId),
    connectorId: 'wms-1',
  });
const invoice = (run: PoRun, id: string, lines: [number, string, string, string][]) =>
  run.handle.signal(invoiceReceivedSignal, { invoice: invoiceOf(po(run), id, lines), connectorId: 'edi-1' });

const exceptionOf = (v: PurchaseOrderView, kind: PurchaseException['kind'], lineNumber?: number) =>
  v.exceptions.find((e) => e.kind === kind && (lineNumber === undefined || e.lineNumber === lineNumber));

/** Waits for an open exception of `kind` (on `lineNumber`) and resolves it with `action` through the update. */
async function resolveOpen(
  run: PoRun,
  kind: PurchaseException['kind'],
  action: ExceptionResolution['action'],
  lineNumber?: number,
): Promise<PurchaseOrderView> {
  const view = await waitForPo(run.handle, (v) => exceptionOf(v, kind, lineNumber)?.status === 'open');
  return run.handle.executeUpdate(resolveExceptionUpdate, {
    args: [
      {
        exceptionId: exceptionOf(view, kind, lineNumber)?.exceptionId ?? '',
        action,
        by: 'ana',
        reason: `${kind}: ${action}`,
      },
    ],
  });
}

/** Issued: the PO went to the ERP and the supplier and its supply was recorded. */
const issued = (v: PurchaseOrderView) => v.timeline.some((e) => e.step === 'issued');
const expectStatus = (view: PurchaseOrderView, status: PurchaseOrderView['status']) =>
  view.status === status ? undefined : `ended ${view.status}, expected ${status}`;
const expectThat = (ok: boolean, why: string) => (ok ? undefined : why);
const nothingOpen = (run: PoRun) =>
  expectThat(
    Object.keys(run.world.openSupply()).length === 0,
    `supply left open: ${Object.keys(run.world.openSupply()).join(', ')}`,
  );

/** Cancels a child PO (through the update, so it ends normally) and waits for it to end. */
async function cancelChild(ctx: ScenarioContext, poNumber: string): Promise<PurchaseOrderView> {
  const child = ctx.env.client.workflow.getHandle(purchaseOrderWorkflowId(LEGAL_ENTITY, poNumber));
  await waitForPo(child, issued);
  await child.executeUpdate(cancelPurchaseOrderUpdate, {
    args: [{ by: 'recorder', reason: 'scenario over' }],
  });
  return resultOf<PurchaseOrderView>(ctx, child);
}

/** Ships, receives and invoices the whole of every line at the PO's price (after the acknowledgement). */
async function shipReceiveBill(run: PoRun, prices: string[] = []): Promise<PurchaseOrderView> {
  const lines = po(run).lines;
  const quantities = Object.fromEntries(lines.map((l) => [l.lineNumber, l.quantity.value]));
  await ship(run, 'asn-1', quantities);
  await receive(
    run,
    'gr-1',
    lines.map((l) => ({ line: l.lineNumber, sku: skuOfLine(l), received: l.quantity.value })),
    'asn-1',
  );
  await invoice(
    run,
    'inv-1',
    lines.map((l, i) => [l.lineNumber, skuOfLine(l), l.quantity.value, prices[i] ?? l.unitPrice.amount]),
  );
  return result(run);
}

const skuOfLine = (l: { item: { identifiers: { value: string }[] } }) => l.item.identifiers[0]?.value ?? '';

/** 855 raises line 1 from 10.00 to 10.50 (over the 2 % tolerance); the buyer accepts; shipped, received, billed. */
async function priceRaisedThenAccepted(run: PoRun): Promise<PurchaseOrderView> {
  await waitForPo(run.handle, issued);
  await ack(
    run,
    { 1: { status: 'changed', changes: { unitPrice: { amount: '10.50', currency: 'USD' } } } },
    'accepted-with-changes',
  );
  await waitForPo(run.handle, (v) => v.status === 'price-review');
  await resolveOpen(run, 'price-change', 'accept');
  await waitForPo(run.handle, (v) => v.status === 'acknowledged');
  return shipReceiveBill(run, ['10.50', '10.00']);
}

const PO_SCENARIOS: PoScenarioSpec[] = [
  {
    name: 'clean-edi',
    summary:
      'EDI PO under the approval threshold: issued (850), 855 accepted, 856, receipt, 810 matched, closed',
    async drive(run) {
      await waitForPo(run.handle, issued);
      await ack(run);
      await waitForPo(run.handle, (v) => v.status === 'acknowledged');
      return shipReceiveBill(run);
    },
    check: (view, run) =>
      expectStatus(view, 'closed') ??
      expectThat(!run.world.views.some((v) => v.status === 'pending-approval'), 'it waited for approval') ??
      expectThat(
        view.documents.map((d) => d.documentType).join() ===
          'erp-purchase-order,850,purchase-order-ack,advance-ship-notice,goods-receipt,invoice',
        `documents ${view.documents.map((d) => d.documentType).join()}`,
      ) ??
      expectThat(run.world.callsOf('postVendorBill').length === 1, 'expected one vendor bill') ??
      nothingOpen(run),
  },
  {
    name: 'bill-paid-after-close',
    summary:
      'clean EDI PO; after it closes the ERP reports its vendor bill open, then partly paid, then paid (the watch ends)',
    policy: { paymentCheckMinutes: 60 },
    async drive(run) {
      run.world.payments.set('inv-1', [
        { status: 'open', amountPaid: '0.00', amountDue: '100.00' },
        { status: 'partially-paid', amountPaid: '40.00', amountDue: '60.00' },
        { status: 'paid', amountPaid: '100.00', amountDue: '0.00', paidAt: '2027-01-15' },
      ]);
      await waitForPo(run.handle, issued);
      await ack(run);
      await waitForPo(run.handle, (v) => v.status === 'acknowledged');
      const lines = po(run).lines;
      await ship(run, 'asn-1', Object.fromEntries(lines.map((l) => [l.lineNumber, l.quantity.value])));
      await receive(
        run,
        'gr-1',
        lines.map((l) => ({ line: l.lineNumber, sku: skuOfLine(l), received: l.quantity.value })),
        'asn-1',
      );
      await invoice(
        run,
        'inv-1',
        lines.map((l) => [l.lineNumber, skuOfLine(l), l.quantity.value, l.unitPrice.amount]),
      );
      await waitForPo(run.handle, (v) => v.invoices[0]?.payment?.status === 'open');
      await run.env.sleep('61 minutes');
      await waitForPo(run.handle, (v) => v.invoices[0]?.payment?.status === 'partially-paid');
      await run.env.sleep('61 minutes');
      return result(run);
    },
    check: (view, run) =>
      expectStatus(view, 'closed') ??
      expectThat(
        view.invoices[0]?.payment?.status === 'paid',
        `payment ${view.invoices[0]?.payment?.status}`,
      ) ??
      expectThat(run.world.callsOf('readBillPayment').length === 3, 'expected three payment reads') ??
      nothingOpen(run),
  },
  {
    name: 'approval-approved',
    summary:
      'above the approval threshold: pending-approval, a buyer approves, then issued through to closed',
    lines: [['WID-1001', '200']],
    policy: { approvalThreshold: '1000' },
    async drive(run) {
      await waitForPo(run.handle, (v) => v.status === 'pending-approval');
      await run.handle.executeUpdate(decideProposalUpdate, {
        args: [{ decision: 'approve', by: 'ana', reason: 'needed for the promo' }],
      });
      await waitForPo(run.handle, issued);
      await ack(run);
      return shipReceiveBill(run);
    },
    check: (view, run) =>
      expectStatus(view, 'closed') ??
      expectThat(
        view.decisions.some((d) => d.kind === 'proposal' && 'decision' in d && d.decision === 'approve'),
        'no approval decision',
      ) ??
      expectThat(run.world.callsOf('sendPurchaseOrder').length === 1, 'expected the PO sent once'),
  },
  {
    name: 'ack-overdue-then-ack',
    summary:
      'no 855 within ackTimeoutHours (48): escalated (ack-overdue), the 855 then arrives; received, closed',
    policy: { ackTimeoutHours: 48 },
    async drive(run) {
      await waitForPo(run.handle, issued);
      await run.env.sleep('49 hours');
      await waitForPo(run.handle, (v) => v.status === 'ack-overdue');
      await ack(run, { 1: { status: 'changed', changes: { deliveryDate: '2026-12-20' } } });
      await waitForPo(run.handle, (v) => v.status === 'acknowledged');
      return shipReceiveBill(run);
    },
    check: (view, run) =>
      expectStatus(view, 'closed') ??
      expectThat(exceptionOf(view, 'ack-overdue')?.status === 'resolved', 'ack-overdue not resolved') ??
      expectThat(run.world.callsOf('escalatePurchaseOrder').length === 1, 'expected one escalation'),
  },
  {
    name: 'price-review-accepted',
    summary:
      '855 raises line 1 from 10.00 to 10.50 (over 2%): price-review, the buyer accepts; billed at 10.50',
    lines: [
      ['WID-1001', '10'],
      ['WID-1002', '5'],
    ],
    drive: priceRaisedThenAccepted,
    check: (view) =>
      expectStatus(view, 'closed') ??
      expectThat(view.lines[0]?.unitPrice === '10.50', `line 1 at ${view.lines[0]?.unitPrice}`) ??
      expectThat(view.total === '155.00', `total ${view.total}`),
  },
  {
    name: 'price-accepted-erp-updated',
    summary:
      'as price-review-accepted, recorded with the ERP PO update: the accepted 10.50 goes to the ERP PO before receipt',
    lines: [
      ['WID-1001', '10'],
      ['WID-1002', '5'],
    ],
    drive: priceRaisedThenAccepted,
    check: (view, run) =>
      expectStatus(view, 'closed') ??
      expectThat(
        run.world.callsOf('updateErpPurchaseOrder').length === 1,
        `${run.world.callsOf('updateErpPurchaseOrder').length} ERP PO updates`,
      ) ??
      expectThat(
        view.timeline.some((e) => e.step === 'erp-purchase-order-update'),
        'no ERP update on the timeline',
      ),
  },
  {
    name: 'line-rejected-resourced',
    summary:
      '855 rejects line 1: re-sourced on a child PO to the portal alternate (cancelled); line 2 received, closed',
    lines: [
      ['WID-1001', '12'],
      ['WID-1002', '4'],
    ],
    async drive(run) {
      await waitForPo(run.handle, issued);
      await ack(run, { 1: { status: 'rejected', reason: 'discontinued' } }, 'accepted-with-changes');
      const resourced = await waitForPo(run.handle, (v) => v.replacements.length === 1);
      // The child ends while its parent runs (the parent's history gets its completion, as in production).
      const child = await cancelChild(run, resourced.replacements[0]?.poNumber ?? '');
      if (child.supplierId !== 'sup_bolt' || child.lines[0]?.ordered !== '15')
        throw new Error(
          `child PO ${child.supplierId} for ${child.lines[0]?.ordered}, expected sup_bolt for 15`,
        );
      await ship(run, 'asn-1', { 2: '4' });
      await receive(run, 'gr-1', [{ line: 2, sku: 'WID-1002', received: '4' }], 'asn-1');
      await invoice(run, 'inv-1', [[2, 'WID-1002', '4', '10.00']]);
      return result(run);
    },
    check: (view) =>
      expectStatus(view, 'closed') ??
      expectThat(view.replacements[0]?.lineNumbers.join() === '1', 'line 1 was not re-sourced') ??
      expectThat(view.lines[0]?.status === 'rejected', `line 1 ${view.lines[0]?.status}`),
  },
  {
    name: 'short-receipt-resolved',
    summary:
      'shipped in full, received short on both lines: two short-receipts, line 1 accepted, line 2 credit requested',
    lines: [
      ['WID-1001', '10'],
      ['WID-1002', '5'],
    ],
    async drive(run) {
      await ack(run);
      await ship(run, 'asn-1', { 1: '10', 2: '5' });
      await receive(
        run,
        'gr-1',
        [
          { line: 1, sku: 'WID-1001', received: '8' },
          { line: 2, sku: 'WID-1002', received: '4' },
        ],
        'asn-1',
      );
      await resolveOpen(run, 'short-receipt', 'accept', 1);
      await resolveOpen(run, 'short-receipt', 'request-credit', 2);
      await invoice(run, 'inv-1', [
        [1, 'WID-1001', '8', '10.00'],
        [2, 'WID-1002', '4', '10.00'],
      ]);
      return result(run);
    },
    check: (view) =>
      expectStatus(view, 'closed') ??
      expectThat(
        view.exceptions.map((e) => `${e.kind}:${e.resolution?.action}`).join() ===
          'short-receipt:accept,short-receipt:request-credit',
        `exceptions ${view.exceptions.map((e) => `${e.kind}:${e.resolution?.action}`).join()}`,
      ) ??
      expectThat(
        view.lines.map((l) => `${l.billed}/${l.cancelled}`).join() === '8/2,4/1',
        `billed/cancelled ${view.lines.map((l) => `${l.billed}/${l.cancelled}`).join()}`,
      ),
  },
  {
    name: 'over-receipt-accepted',
    summary:
      '12 received against 10 (no ASN): over-receipt, the invoice for 12 held; excess accepted, invoice approved',
    async drive(run) {
      await ack(run);
      await receive(run, 'gr-1', [{ line: 1, sku: 'WID-1001', received: '12' }]);
      await waitForPo(run.handle, (v) => !!exceptionOf(v, 'over-receipt'));
      await invoice(run, 'inv-1', [[1, 'WID-1001', '12', '10.00']]);
      await waitForPo(run.handle, (v) => v.invoices[0]?.status === 'held');
      await resolveOpen(run, 'over-receipt', 'accept');
      await run.handle.executeUpdate(decideInvoiceUpdate, {
        args: [{ invoiceId: 'inv-1', decision: 'approve', by: 'ana', reason: 'we kept 12' }],
      });
      return result(run);
    },
    check: (view, run) =>
      expectStatus(view, 'closed') ??
      expectThat(view.lines[0]?.billed === '12', `billed ${view.lines[0]?.billed}`) ??
      expectThat(run.world.stock.get('loc_a|WID-1001') === '12', 'the excess was not stocked'),
  },
  {
    name: 'invoice-mismatch-rejected',
    summary:
      '810 prices line 2 at 10.50 (over 1%): held, the buyer rejects it; a corrected 810 matches, closed',
    lines: [
      ['WID-1001', '10'],
      ['WID-1002', '5'],
    ],
    async drive(run) {
      await ack(run);
      await receive(run, 'gr-1', [
        { line: 1, sku: 'WID-1001', received: '10' },
        { line: 2, sku: 'WID-1002', received: '5' },
      ]);
      await waitForPo(run.handle, (v) => v.status === 'received');
      await invoice(run, 'inv-1', [
        [1, 'WID-1001', '10', '10.00'],
        [2, 'WID-1002', '5', '10.50'],
      ]);
      await waitForPo(run.handle, (v) => v.invoices[0]?.status === 'held');
      await run.handle.executeUpdate(decideInvoiceUpdate, {
        args: [{ invoiceId: 'inv-1', decision: 'reject', by: 'ana', reason: 'not the agreed price' }],
      });
      await invoice(run, 'inv-2', [
        [1, 'WID-1001', '10', '10.00'],
        [2, 'WID-1002', '5', '10.00'],
      ]);
      return result(run);
    },
    check: (view, run) =>
      expectStatus(view, 'closed') ??
      expectThat(
        view.invoices.map((i) => `${i.invoiceId}:${i.status}`).join() === 'inv-1:rejected,inv-2:billed',
        `invoices ${view.invoices.map((i) => `${i.invoiceId}:${i.status}`).join()}`,
      ) ??
      expectThat(run.world.callsOf('postVendorBill').length === 1, 'expected one vendor bill'),
  },
  {
    name: 'short-close',
    summary: 'ASN and receipt for 6 of 10, billed; the buyer short-closes the rest: short-closed',
    async drive(run) {
      await ack(run);
      await ship(run, 'asn-1', { 1: '6' });
      await receive(run, 'gr-1', [{ line: 1, sku: 'WID-1001', received: '6' }], 'asn-1');
      await invoice(run, 'inv-1', [[1, 'WID-1001', '6', '10.00']]);
      await waitForPo(run.handle, (v) => v.invoices[0]?.status === 'billed');
      await run.handle.executeUpdate(shortCloseUpdate, {
        args: [{ by: 'ana', reason: 'supplier cannot deliver the rest' }],
      });
      return result(run);
    },
    check: (view, run) =>
      expectStatus(view, 'short-closed') ??
      expectThat(view.lines[0]?.cancelled === '4', `cancelled ${view.lines[0]?.cancelled}`) ??
      nothingOpen(run),
  },
  {
    name: 'cancel-after-ack',
    summary: 'acknowledged, then cancelled by the buyer before anything shipped: supply settled, cancelled',
    async drive(run) {
      await ack(run);
      await waitForPo(run.handle, (v) => v.status === 'acknowledged');
      await run.handle.executeUpdate(cancelPurchaseOrderUpdate, {
        args: [{ by: 'ana', reason: 'not needed any more' }],
      });
      return result(run);
    },
    check: (view, run) =>
      expectStatus(view, 'cancelled') ??
      expectThat(view.lines[0]?.cancelled === '10', `cancelled ${view.lines[0]?.cancelled}`) ??
      nothingOpen(run),
  },
];

/** The replenishment scenario's warehouse (in the world's prefix, so the env routes to its world). */
const REPLENISHMENT_NAME = 'replenishment-coalesced';
const replenishmentLocation = `loc_${prefixOf(REPLENISHMENT_NAME)}`;
const replenishmentPolicy = () => purchasingPolicy();
const replenishmentInput = {
  legalEntityId: LEGAL_ENTITY,
  sku: 'WID-1001',
  locationId: replenishmentLocation,
  policy: replenishmentPolicy(),
  correlationId: `corr-${REPLENISHMENT_NAME}`,
};
/** The demand of the replenishment scenario: four signals, one of them sent twice. */
const replenishmentSignals: ReplenishmentSignal[] = [
  demand('rp-s1', '3'),
  demand('rp-s2', '5'),
  demand('rp-s2', '5'),
  demand('rp-s3', '4', { reason: 'manual', requestedBy: 'ana' }),
  demand('rp-s4', '2', { needBy: '2026-12-20' }),
].map((s) => ({ ...s, locationId: replenishmentLocation }));

const signalWithStart = (ctx: ScenarioContext, signal: ReplenishmentSignal) =>
  ctx.env.client.workflow.signalWithStart(REPLENISHMENT_WORKFLOW, {
    workflowId: replenishmentWorkflowId(LEGAL_ENTITY, 'WID-1001', replenishmentLocation),
    taskQueue: ctx.taskQueue,
    args: [replenishmentInput],
    signal: replenishmentSignal,
    signalArgs: [signal],
  });

const replenishment: PurchaseScenario = {
  name: REPLENISHMENT_NAME,
  summary:
    'four demand signals (one sent twice) in one 60-minute window: claimed, sized to their sum 14, one child PO started',
  workflowType: REPLENISHMENT_WORKFLOW,
  workflowId: replenishmentWorkflowId(LEGAL_ENTITY, 'WID-1001', replenishmentLocation),
  start: (ctx) => signalWithStart(ctx, replenishmentSignals[0] as ReplenishmentSignal),
  async finish(ctx, handle) {
    for (const signal of replenishmentSignals.slice(1)) await signalWithStart(ctx, signal);
    await ctx.env.sleep(`${replenishmentInput.policy.coalesceWindowMinutes + 1} minutes`);
    const outcome = await resultOf<ReplenishmentResult>(ctx, handle);
    // The child PO is left running: ending a child after its parent closed stops the test server's time skipping
    // for good (see purchase-workflow-env.ts), so this scenario stays last. Its ack escalation, if later time is
    // skipped, acts on this scenario's world.
    const child = await waitForPo(
      ctx.env.client.workflow.getHandle(outcome.purchaseOrder?.workflowId ?? ''),
      issued,
    );
    return (
      expectThat(outcome.outcome === 'purchase-order', `outcome ${outcome.outcome}: ${outcome.reason}`) ??
      expectThat(outcome.claimedSignalIds.join() === 'rp-s1,rp-s2,rp-s3,rp-s4', 'not every signal claimed') ??
      expectThat(outcome.ignoredRepeats.join() === 'rp-s2', `repeats ${outcome.ignoredRepeats.join()}`) ??
      expectThat(outcome.sizing?.quantity === '14', `sized ${outcome.sizing?.quantity}, expected 14`) ??
      expectThat(ctx.world.callsOf('nextPoNumber').length === 1, 'expected one PO number') ??
      expectThat(child.lines[0]?.ordered === '14', `the child PO orders ${child.lines[0]?.ordered}`)
    );
  },
};

/** Every recorded scenario, in recording order (the replenishment one last: its child PO is left running). */
export const PURCHASE_SCENARIOS: PurchaseScenario[] = [...PO_SCENARIOS.map(poScenario), replenishment];
