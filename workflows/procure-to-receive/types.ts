/**
 * The procure-to-receive flow's vocabulary, shared by the replenishment and PO workflows, their activities, the
 * API and the intake consumer. Types only (plus pure helpers), so workflow code can import it.
 */
import type {
  AdvanceShipNotice,
  GoodsReceipt,
  Invoice,
  PurchaseOrder,
  PurchaseOrderAck,
} from '../../canonical-model/generated/index';
import type { PurchasingPolicy, SupplierSource } from '../../platform/purchasing/policy';

/** Why stock is wanted: an order's shortage, stock under its reorder point, or a person's request. */
export type ReplenishmentReason = 'backorder' | 'reorder-point' | 'manual';

/** One demand signal for an item at a warehouse (Kafka `hub.replenishment-signals.v1` or the API). */
export interface ReplenishmentSignal {
  /** Unique per demand (an order line: `<orderId>/<line>`; a request: its id); a repeat is ignored. */
  signalId: string;
  legalEntityId: string;
  sku: string;
  locationId: string;
  /** Quantity wanted, in the item's stocking unit (decimal string). */
  quantity: string;
  /** Business date (YYYY-MM-DD) the stock is needed by. */
  needBy?: string;
  reason: ReplenishmentReason;
  /** The sales order that is short, for backorders (it is told when the stock arrives). */
  salesOrderId?: string;
  /** Who asked (manual requests). */
  requestedBy?: string;
  receivedAt: string;
}

/** The id of the coalescing workflow of one item at one warehouse. */
export function replenishmentWorkflowId(legalEntityId: string, sku: string, locationId: string): string {
  return `replenish:${legalEntityId}:${sku}:${locationId}`;
}

/** The id of the workflow of one purchase order. */
export function purchaseOrderWorkflowId(legalEntityId: string, poNumber: string): string {
  return `po:${legalEntityId}:${poNumber}`;
}

/** What starts a replenishment (coalescing) workflow: the policy as it was when the first signal came. */
export interface ReplenishmentInput {
  legalEntityId: string;
  sku: string;
  locationId: string;
  policy: PurchasingPolicy;
  correlationId: string;
}

/** Where a PO came from. */
export interface PurchaseOrigin {
  reason: ReplenishmentReason | 're-source';
  /** The demand signals the PO covers (coalesced). */
  signals: ReplenishmentSignal[];
  /** For a re-sourced PO: the PO whose rejected lines it replaces. */
  replacesPurchaseOrderId?: string;
}

/** What starts a PO workflow. */
export interface ProcureToReceiveInput {
  /** The PO as proposed (status draft); its id and poNumber are final. */
  purchaseOrder: PurchaseOrder;
  /** The supplier it goes to (channel, price, lead time) as sourcing chose it. */
  supplier: SupplierSource;
  /** Suppliers left to re-source rejected lines to, in preference order. */
  alternates: SupplierSource[];
  origin: PurchaseOrigin;
  /** The policy as it was when the proposal was made. */
  policy: PurchasingPolicy;
  correlationId: string;
}

/** Overall state of a PO, as people see it. */
export type PurchaseOrderStatusCode =
  | 'pending-approval'
  | 'approval-escalated'
  | 'issued'
  | 'ack-overdue'
  | 'price-review'
  | 'acknowledged'
  | 'shipped'
  | 'partially-received'
  | 'received'
  | 'closed'
  | 'short-closed'
  | 'rejected'
  | 'cancelled';

/** One PO line's quantities (decimal strings, in the line's unit). */
export interface PurchaseLineView {
  lineNumber: number;
  sku: string;
  uom: string;
  ordered: string;
  acknowledged: string;
  shipped: string;
  received: string;
  /** Received in a condition that cannot be stocked (damaged, expired, wrong item). */
  rejected: string;
  billed: string;
  cancelled: string;
  /** Unit price as it stands (after an accepted acknowledgement change). */
  unitPrice: string;
  promisedDate?: string;
  status:
    | 'open'
    | 'acknowledged'
    | 'rejected'
    | 'shipped'
    | 'partially-received'
    | 'received'
    | 'cancelled'
    | 'closed';
}

/** A document exchanged about the PO, with its X12 control numbers when it went by EDI. */
export interface PurchaseDocumentView {
  direction: 'outbound' | 'inbound';
  documentType: string;
  documentId: string;
  /** Business number: PO, ack, ASN, receipt or invoice number. */
  number?: string;
  connectorId?: string;
  externalId?: string;
  /** EDI: ISA13 / GS06 / ST02. */
  control?: { interchange?: string; group?: string; set?: string };
  at: string;
}

/** Something about the PO that a person must decide. */
export interface PurchaseException {
  exceptionId: string;
  kind:
    | 'line-rejected'
    | 'price-change'
    | 'short-receipt'
    | 'over-receipt'
    | 'damaged'
    | 'wrong-item'
    | 'invoice-mismatch'
    | 'ack-overdue'
    | 'approval-overdue';
  lineNumber?: number;
  /** What was expected and what came, e.g. `{ expected: "10", actual: "8" }` or prices. */
  expected?: string;
  actual?: string;
  message: string;
  owner: string;
  /** The document that raised it (receipt id, invoice id, ack id). */
  documentId?: string;
  status: 'open' | 'resolved';
  resolution?: ExceptionResolution & { at: string };
  openedAt: string;
}

/** A person's resolution of an exception. */
export interface ExceptionResolution {
  exceptionId: string;
  /**
   * accept: take the variance as it is (a short receipt stays short, an over receipt is kept, a price change is
   * applied); return-to-vendor: the units go back (not stocked, not billed); request-credit: bill only what was
   * right and ask the supplier for a credit; re-source: buy the line elsewhere; cancel-line: stop buying it.
   */
  action: 'accept' | 'return-to-vendor' | 'request-credit' | 're-source' | 'cancel-line';
  by: string;
  reason: string;
}

/** A buyer's decision on a proposal that needs approval. */
export interface ProposalDecision {
  decision: 'approve' | 'reject';
  by: string;
  reason: string;
}

/** A supplier invoice as matched against the PO and its receipts. */
export interface SupplierInvoiceView {
  invoiceId: string;
  invoiceNumber: string;
  status: 'matched' | 'held' | 'waiting-for-receipt' | 'billed' | 'rejected';
  /** The lines that differ, each naming what differs. */
  differences: {
    lineNumber: number;
    field: 'quantity' | 'unitPrice' | 'item';
    expected: string;
    actual: string;
  }[];
  total: string;
  currency: string;
  /** The vendor bill in the ERP. */
  billExternalId?: string;
  /** The vendor bill's payment as the ERP last reported it. */
  payment?: BillPaymentView;
}

/** What the ERP said of a vendor bill's payment when last asked. */
export interface BillPaymentView {
  status: 'open' | 'partially-paid' | 'paid';
  amountPaid: string;
  amountDue: string;
  /** Date of the payment that settled the bill (paid only). */
  paidAt?: string;
  checkedAt: string;
}

/** A buyer's decision on a held invoice. */
export interface InvoiceDecision {
  invoiceId: string;
  decision: 'approve' | 'reject';
  by: string;
  reason: string;
}

/** A buyer closes what is left of the PO (or cancels it before anything shipped). */
export interface PurchaseClosure {
  by: string;
  reason: string;
}

/** One entry of a PO's timeline. */
export interface PurchaseTimelineEntry {
  at: string;
  kind: 'proposal' | 'step' | 'connector-call' | 'document' | 'decision' | 'exception' | 'escalation';
  step: string;
  message: string;
  connectorId?: string;
  documentType?: string;
  documentId?: string;
  by?: string;
}

/** Everything a person needs to know about one PO (the `purchaseOrderStatus` query and the stored projection). */
export interface PurchaseOrderView {
  purchaseOrderId: string;
  poNumber: string;
  workflowId: string;
  legalEntityId: string;
  supplierId: string;
  channel: 'edi' | 'portal';
  locationId?: string;
  status: PurchaseOrderStatusCode;
  currency: string;
  /** Sum of ordered quantity × unit price over lines not cancelled. */
  total: string;
  origin: { reason: PurchaseOrigin['reason']; signalIds: string[]; salesOrderIds: string[] };
  decisions: ((ProposalDecision | InvoiceDecision | ExceptionResolution | PurchaseClosure) & {
    kind: 'proposal' | 'invoice' | 'exception' | 'closure';
    at: string;
  })[];
  lines: PurchaseLineView[];
  /** ASNs received, with their lines. */
  shipments: {
    asnId: string;
    asnNumber: string;
    dueDate?: string;
    lines: { lineNumber: number; quantity: string }[];
  }[];
  receipts: {
    receiptId: string;
    receiptNumber: string;
    erpExternalId?: string;
    lines: { lineNumber: number; received: string; rejected: string }[];
  }[];
  invoices: SupplierInvoiceView[];
  exceptions: PurchaseException[];
  documents: PurchaseDocumentView[];
  /** POs that took over rejected lines. */
  replacements: { purchaseOrderId: string; poNumber: string; lineNumbers: number[] }[];
  erp?: { connectorId: string; externalId: string; documentNumber?: string };
  timeline: PurchaseTimelineEntry[];
  /** Increases with every change; the stored projection never goes back to a lower version. */
  version: number;
  updatedAt: string;
}

/** An acknowledgement from the supplier (855 or portal). */
export interface AckReceived {
  ack: PurchaseOrderAck;
  connectorId: string;
  reference?: string;
}

/** An ASN from the supplier (856 or portal). */
export interface AsnReceived {
  asn: AdvanceShipNotice;
  connectorId: string;
  reference?: string;
}

/** A completed WMS receipt against the PO. */
export interface ReceiptReceived {
  receipt: GoodsReceipt;
  connectorId: string;
  reference?: string;
}

/** A supplier invoice (810 or portal). */
export interface InvoiceReceived {
  invoice: Invoice;
  connectorId: string;
  reference?: string;
}
