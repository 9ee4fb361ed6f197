/**
 * Stand-ins for the procure-to-receive workflows, for the test of the Temporal port: the same names, signals,
 * updates and query, with just enough behaviour to accept or refuse (as a `data` ApplicationFailure) what the port
 * sends. Workflow code: deterministic, imports only @temporalio/workflow and the flow's vocabulary.
 */
import { ApplicationFailure, condition, defineQuery, defineSignal, setHandler } from '@temporalio/workflow';
import {
  ackReceivedSignal,
  asnReceivedSignal,
  cancelPurchaseOrderUpdate,
  decideInvoiceUpdate,
  decideProposalUpdate,
  invoiceReceivedSignal,
  purchaseOrderStatusQuery,
  receiptReceivedSignal,
  replenishmentSignal,
  resolveExceptionUpdate,
  shortCloseUpdate,
} from '../../workflows/procure-to-receive/messages';
import type {
  PurchaseOrderView,
  ReplenishmentInput,
  ReplenishmentSignal,
} from '../../workflows/procure-to-receive/types';

/** What the stub replenishment workflow was started with and has been signalled. */
export const stubReplenishmentQuery = defineQuery<{
  input: ReplenishmentInput;
  signals: ReplenishmentSignal[];
}>('stubReplenishment');
/** Ends the stub PO workflow. */
export const stubFinishSignal = defineSignal('stubFinish');

const refuse = (message: string) => ApplicationFailure.create({ type: 'data', message, nonRetryable: true });

/** Records its input and every demand signal; runs until terminated. */
export async function replenishmentWorkflow(input: ReplenishmentInput): Promise<void> {
  const signals: ReplenishmentSignal[] = [];
  setHandler(replenishmentSignal, (signal) => void signals.push(signal));
  setHandler(stubReplenishmentQuery, () => ({ input, signals }));
  await condition(() => false);
}

/** Starts from a view; documents are noted on its timeline, decisions checked against its status. */
export async function procureToReceiveWorkflow(start: PurchaseOrderView): Promise<void> {
  const view: PurchaseOrderView = { ...start };
  let finished = false;
  const change = (update: Partial<PurchaseOrderView>): PurchaseOrderView => {
    Object.assign(view, update, { version: view.version + 1 });
    return view;
  };
  const note = (documentType: string) => {
    const entry = {
      at: view.updatedAt,
      kind: 'document' as const,
      step: documentType,
      message: documentType,
    };
    change({ timeline: [...view.timeline, entry] });
  };
  setHandler(purchaseOrderStatusQuery, () => view);
  setHandler(stubFinishSignal, () => void (finished = true));
  setHandler(ackReceivedSignal, () => note('855'));
  setHandler(asnReceivedSignal, () => note('856'));
  setHandler(receiptReceivedSignal, () => note('receipt'));
  setHandler(invoiceReceivedSignal, () => note('810'));
  setHandler(
    decideProposalUpdate,
    (decision) => {
      const at = view.updatedAt;
      const decisions = [...view.decisions, { ...decision, kind: 'proposal' as const, at }];
      return change({ status: decision.decision === 'approve' ? 'issued' : 'rejected', decisions });
    },
    {
      validator: (_decision) => {
        if (view.status !== 'pending-approval')
          throw refuse(`PO ${view.poNumber} is not waiting for approval`);
      },
    },
  );
  setHandler(resolveExceptionUpdate, (resolution) => {
    const exception = view.exceptions.find((e) => e.exceptionId === resolution.exceptionId);
    if (!exception || exception.status !== 'open')
      throw refuse(`no open exception ${resolution.exceptionId}`);
    const resolved = {
      ...exception,
      status: 'resolved' as const,
      resolution: { ...resolution, at: view.updatedAt },
    };
    return change({ exceptions: view.exceptions.map((e) => (e === exception ? resolved : e)) });
  });
  setHandler(decideInvoiceUpdate, (decision) => {
    if (!view.invoices.some((i) => i.invoiceId === decision.invoiceId && i.status === 'held')) {
      throw refuse(`invoice ${decision.invoiceId} is not held`);
    }
    return change({
      invoices: view.invoices.map((i) =>
        i.invoiceId === decision.invoiceId
          ? { ...i, status: decision.decision === 'approve' ? 'billed' : 'rejected' }
          : i,
      ),
    });
  });
  setHandler(shortCloseUpdate, () => change({ status: 'short-closed' }));
  setHandler(cancelPurchaseOrderUpdate, () => change({ status: 'cancelled' }), {
    validator: (_closure) => {
      if (view.shipments.length) throw refuse(`PO ${view.poNumber} has shipped; it cannot be cancelled`);
    },
  });
  await condition(() => finished);
}
