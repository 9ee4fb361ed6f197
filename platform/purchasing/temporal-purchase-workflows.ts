/**
 * The procure-to-receive workflows port over Temporal. A demand signal is a signal-with-start of the item's
 * replenishment (coalescing) workflow, so the first signal starts it with the policy of that moment and later ones
 * join it. Supplier and WMS documents are signals to the PO's workflow; a buyer's decisions are updates that answer
 * with the PO as it then stands. A refusal by the workflow (its validator or handler failing), or a workflow that
 * does not exist, becomes a `data` HubError with the workflow's reason.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import type { Client } from '@temporalio/client';
import { refusalsAsData } from '../temporal-refusals';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import {
  REPLENISHMENT_WORKFLOW,
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
import { replenishmentWorkflowId } from '../../workflows/procure-to-receive/types';
import type { ReplenishmentInput } from '../../workflows/procure-to-receive/types';
import type { PurchaseWorkflows } from './purchase-workflows';

/** The value of the `Flow` search attribute of both workflow types. */
export const PROCURE_TO_RECEIVE_FLOW = 'procure-to-receive';

/** Procure-to-receive workflows on the Temporal cluster the client talks to. */
export function createTemporalPurchaseWorkflows(client: Client, taskQueue: string): PurchaseWorkflows {
  const handle = (workflowId: string) => client.workflow.getHandle(workflowId);
  const refuse = <T>(call: () => Promise<T>) => refusalsAsData('purchase order', call);
  return {
    async signalReplenishment(signal, policy, correlationId) {
      const workflowId = replenishmentWorkflowId(signal.legalEntityId, signal.sku, signal.locationId);
      const input: ReplenishmentInput = {
        legalEntityId: signal.legalEntityId,
        sku: signal.sku,
        locationId: signal.locationId,
        policy,
        correlationId,
      };
      await client.workflow.signalWithStart(REPLENISHMENT_WORKFLOW, {
        workflowId,
        taskQueue,
        args: [input],
        signal: replenishmentSignal,
        signalArgs: [signal],
        typedSearchAttributes: [
          { key: SEARCH_ATTRIBUTES.businessKey, value: workflowId },
          { key: SEARCH_ATTRIBUTES.flow, value: PROCURE_TO_RECEIVE_FLOW },
        ],
      });
      return workflowId;
    },
    ackReceived: (workflowId, ack) => refuse(() => handle(workflowId).signal(ackReceivedSignal, ack)),
    asnReceived: (workflowId, asn) => refuse(() => handle(workflowId).signal(asnReceivedSignal, asn)),
    receiptReceived: (workflowId, receipt) =>
      refuse(() => handle(workflowId).signal(receiptReceivedSignal, receipt)),
    invoiceReceived: (workflowId, invoice) =>
      refuse(() => handle(workflowId).signal(invoiceReceivedSignal, invoice)),
    decideProposal: (workflowId, decision) =>
      refuse(() => handle(workflowId).executeUpdate(decideProposalUpdate, { args: [decision] })),
    resolveException: (workflowId, resolution) =>
      refuse(() => handle(workflowId).executeUpdate(resolveExceptionUpdate, { args: [resolution] })),
    decideInvoice: (workflowId, decision) =>
      refuse(() => handle(workflowId).executeUpdate(decideInvoiceUpdate, { args: [decision] })),
    shortClose: (workflowId, closure) =>
      refuse(() => handle(workflowId).executeUpdate(shortCloseUpdate, { args: [closure] })),
    cancel: (workflowId, closure) =>
      refuse(() => handle(workflowId).executeUpdate(cancelPurchaseOrderUpdate, { args: [closure] })),
    async status(workflowId) {
      try {
        return await handle(workflowId).query(purchaseOrderStatusQuery);
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return undefined;
        throw err;
      }
    },
  };
}
