/**
 * Signals, updates and queries of the procure-to-receive workflows. Documents from suppliers and the WMS arrive
 * as signals (nobody waits on them); a buyer's decisions are updates that answer with the PO as it then stands,
 * or are refused (a `data` failure naming why) when there is nothing to decide.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  AckReceived,
  AsnReceived,
  ExceptionResolution,
  InvoiceDecision,
  InvoiceReceived,
  ProposalDecision,
  PurchaseClosure,
  PurchaseOrderView,
  ReceiptReceived,
  ReplenishmentSignal,
} from './types';

/** Name of the PO workflow type. */
export const PROCURE_TO_RECEIVE_WORKFLOW = 'procureToReceiveWorkflow';
/** Name of the replenishment (coalescing) workflow type. */
export const REPLENISHMENT_WORKFLOW = 'replenishmentWorkflow';

/** A demand signal for the item and warehouse of a replenishment workflow (signal-with-start). */
export const replenishmentSignal = defineSignal<[ReplenishmentSignal]>('replenishmentSignal');

/** The supplier acknowledged the PO. */
export const ackReceivedSignal = defineSignal<[AckReceived]>('ackReceived');
/** The supplier shipped (an ASN). */
export const asnReceivedSignal = defineSignal<[AsnReceived]>('asnReceived');
/** The WMS completed a receipt against the PO. */
export const receiptReceivedSignal = defineSignal<[ReceiptReceived]>('receiptReceived');
/** The supplier invoiced. */
export const invoiceReceivedSignal = defineSignal<[InvoiceReceived]>('invoiceReceived');

/** Approves or rejects a proposal waiting for approval. */
export const decideProposalUpdate = defineUpdate<PurchaseOrderView, [ProposalDecision]>('decideProposal');
/** Resolves an open exception (price change, rejected line, receipt variance). */
export const resolveExceptionUpdate = defineUpdate<PurchaseOrderView, [ExceptionResolution]>(
  'resolveException',
);
/** Approves (bill it) or rejects a held supplier invoice. */
export const decideInvoiceUpdate = defineUpdate<PurchaseOrderView, [InvoiceDecision]>('decideInvoice');
/** Closes what is left to receive; the PO closes once what was received is billed. */
export const shortCloseUpdate = defineUpdate<PurchaseOrderView, [PurchaseClosure]>('shortClose');
/** Cancels the PO (refused once the supplier has shipped). */
export const cancelPurchaseOrderUpdate = defineUpdate<PurchaseOrderView, [PurchaseClosure]>(
  'cancelPurchaseOrder',
);

/** The PO as it is right now. */
export const purchaseOrderStatusQuery = defineQuery<PurchaseOrderView>('purchaseOrderStatus');
