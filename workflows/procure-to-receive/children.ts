/**
 * Starting a PO's workflow from another workflow (a replenishment proposal, or a PO re-sourcing rejected lines):
 * a child that outlives its starter (ParentClosePolicy ABANDON), with the PO's search attributes.
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, log, startChild } from '@temporalio/workflow';
import { SEARCH_ATTRIBUTES } from '../search-attributes';
import { PROCURE_TO_RECEIVE_WORKFLOW } from './messages';
import type { ProcureToReceiveInput, PurchaseOrderView } from './types';

type PurchaseOrderWorkflow = (input: ProcureToReceiveInput) => Promise<PurchaseOrderView>;

/** Starts the PO workflow `workflowId`; one already started (a re-run of the starter) is left as it is. */
export async function startPurchaseOrder(workflowId: string, args: ProcureToReceiveInput): Promise<void> {
  const channel = args.supplier.channel;
  try {
    await startChild<PurchaseOrderWorkflow>(PROCURE_TO_RECEIVE_WORKFLOW, {
      workflowId,
      args: [args],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      typedSearchAttributes: [
        { key: SEARCH_ATTRIBUTES.businessKey, value: args.purchaseOrder.poNumber },
        { key: SEARCH_ATTRIBUTES.flow, value: 'procure-to-receive' },
        {
          key: SEARCH_ATTRIBUTES.connectorId,
          value: channel.kind === 'edi' ? channel.ediConnectorId : channel.connectorId,
        },
        ...(channel.kind === 'edi' ? [{ key: SEARCH_ATTRIBUTES.partnerId, value: channel.partnerId }] : []),
      ],
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    log.info('purchase order workflow already started', { workflowId });
  }
}
