/**
 * The customer-return flow's vocabulary, shared by the workflow, its activities, the API and the return intake.
 * Types only, so workflow code can import it.
 */
import type { GoodsReceipt, Return, ReturnLine } from '../../canonical-model/generated/index';

/** Why a customer sends goods back (the canonical Return line reasons). */
export type ReturnReason = ReturnLine['reason'];

/** Overall state of a return, as people see it. */
export type ReturnStatusCode =
  'authorised' | 'awaiting-receipt' | 'received' | 'credited' | 'closed' | 'expired';

/** One authorised return line, priced from the order line it came from. */
export interface ReturnLineInput {
  /** The return's own line number (1, 2, …); the WMS echoes it as the receipt's orderLineNumber. */
  lineNumber: number;
  orderLineNumber: number;
  sku: string;
  uom: string;
  quantity: string;
  reason: ReturnReason;
  reasonText?: string;
  /** The order line's unit price (decimal string, in the order's currency). */
  unitPrice: string;
}

/** What one AR invoice of the order billed, per order line (oldest invoice first in a list). */
export interface BilledInvoice {
  invoiceId: string;
  lines: { orderLineNumber: number; quantity: string }[];
}

/** The policy parts the return flow runs under (copied when the return is authorised). */
export interface ReturnPolicy {
  wmsConnectorId?: string;
  erpConnectorId?: string;
  returnExpiryDays: number;
  /** Percent (decimal string) kept from the credit of lines returned for reasons not the seller's fault. */
  restockingFeePercent: string;
}

/** What starts a return's workflow. */
export interface ReturnInput {
  returnId: string;
  /** The canonical Return sent to the WMS. */
  document: Return;
  orderId: string;
  orderNumber: string;
  customerId: string;
  currency: string;
  returnLocationId: string;
  lines: ReturnLineInput[];
  invoices: BilledInvoice[];
  policy: ReturnPolicy;
  correlationId: string;
  by: string;
  authorisedAt: string;
}

/** One line of a planned credit memo. */
export interface CreditMemoLinePlan {
  returnLineNumber: number;
  orderLineNumber: number;
  sku: string;
  uom: string;
  quantity: string;
  unitPrice: string;
  /** Restocking fee kept from this line (decimal string, "0" when none). */
  fee: string;
  /** quantity × unitPrice − fee, to the cent. */
  amount: string;
}

/** One credit memo to post: it credits lines of one original invoice. */
export interface CreditMemoPlan {
  invoiceId: string;
  originalInvoiceId: string;
  lines: CreditMemoLinePlan[];
  total: string;
}

/** What the credit computation decided per return line. */
export interface LineCredit {
  lineNumber: number;
  received: string;
  good: string;
  notGood: string;
  credited: string;
  fee: string;
  /** Good units to put back in stock. */
  restock: string;
  /** Why a received unit was not credited (absent when all were). */
  note?: string;
}

/** The whole credit decision of a return. */
export interface CreditPlan {
  lines: LineCredit[];
  memos: CreditMemoPlan[];
  total: string;
}

/** One entry of a return's timeline. */
export interface ReturnTimelineEntry {
  at: string;
  step: string;
  message: string;
  connectorId?: string;
  documentId?: string;
}

/** Everything a person needs to know about one return (the `returnStatus` query and the stored projection). */
export interface ReturnView {
  returnId: string;
  workflowId: string;
  orderId: string;
  orderNumber: string;
  returnNumber: string;
  customerId: string;
  legalEntityId: string;
  currency: string;
  returnLocationId: string;
  status: ReturnStatusCode;
  lines: (Omit<ReturnLineInput, 'unitPrice'> & {
    unitPrice: string;
    received: string;
    credited: string;
    restocked: string;
  })[];
  expectedReturn?: { connectorId: string; externalId: string; documentNumber?: string };
  receiptId?: string;
  creditMemos: { invoiceId: string; originalInvoiceId: string; total: string; externalId?: string }[];
  creditTotal: string;
  authorisedBy: string;
  authorisedAt: string;
  expiresAt: string;
  timeline: ReturnTimelineEntry[];
  /** Increases with every change; the stored projection never goes back to a lower version. */
  version: number;
  updatedAt: string;
}

/** The receipt signal's payload: the WMS's goods receipt of type `return`. */
export type ReturnReceipt = GoodsReceipt;
