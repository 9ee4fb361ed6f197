/**
 * The port the API and the intake consumer reach procure-to-receive workflows through (Temporal in production,
 * a fake in route tests). Refusals (nothing to decide, unknown PO) are `data` HubErrors.
 */
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
} from '../../workflows/procure-to-receive/types';
import type { PurchasingPolicy } from './policy';

/** Operations on replenishment and PO workflows. */
export interface PurchaseWorkflows {
  /** Signal-with-start of the item's replenishment workflow; answers its workflow id. */
  signalReplenishment(
    signal: ReplenishmentSignal,
    policy: PurchasingPolicy,
    correlationId: string,
  ): Promise<string>;
  ackReceived(workflowId: string, ack: AckReceived): Promise<void>;
  asnReceived(workflowId: string, asn: AsnReceived): Promise<void>;
  receiptReceived(workflowId: string, receipt: ReceiptReceived): Promise<void>;
  invoiceReceived(workflowId: string, invoice: InvoiceReceived): Promise<void>;
  decideProposal(workflowId: string, decision: ProposalDecision): Promise<PurchaseOrderView>;
  resolveException(workflowId: string, resolution: ExceptionResolution): Promise<PurchaseOrderView>;
  decideInvoice(workflowId: string, decision: InvoiceDecision): Promise<PurchaseOrderView>;
  shortClose(workflowId: string, closure: PurchaseClosure): Promise<PurchaseOrderView>;
  cancel(workflowId: string, closure: PurchaseClosure): Promise<PurchaseOrderView>;
  /** The live view from the running workflow; undefined when there is no such workflow. */
  status(workflowId: string): Promise<PurchaseOrderView | undefined>;
}
