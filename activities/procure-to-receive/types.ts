/**
 * The procure-to-receive activities as the workflows call them: what the workflows (types only) and the
 * activities agree on. Quantities are decimal strings; every write carries the id that makes its retry harmless.
 */
import type {
  AdvanceShipNotice,
  GoodsReceipt,
  Invoice,
  PurchaseOrder,
} from '../../canonical-model/generated/index';
import type { WriteResult } from '../../connectors/sdk/ports/common';
import type { SupplierSource } from '../../platform/purchasing/policy';
import type { PurchaseDocumentView, PurchaseOrderView } from '../../workflows/procure-to-receive/types';

/** Supply due into a warehouse (an open PO line or an ASN line), for available-to-promise. */
export interface SupplyLine {
  /** `<poId>/<line>` for an open PO line, `<asnId>/<line>` for a shipped one. */
  id: string;
  sku: string;
  locationId: string;
  quantity: string;
  dueDate: string;
  purchaseOrderId: string;
}

/** Where a PO went: the connector, the supplier's (or portal's) id and the document as exchanged. */
export interface SentPurchaseOrder {
  connectorId: string;
  externalId?: string;
  document: PurchaseDocumentView;
}

/** Every activity of the procure-to-receive workflows. */
/** A vendor bill's payment as the ERP reports it (amounts in the bill's currency, decimal strings). */
export interface BillPayment {
  status: 'open' | 'partially-paid' | 'paid';
  amountPaid: string;
  amountDue: string;
  paidAt?: string;
}

export interface PurchaseActivities {
  /** The PO number of a proposal: the same number every time for the same proposal id, unique across the hub. */
  nextPoNumber(args: { proposalId: string; legalEntityId: string; prefix?: string }): Promise<string>;
  /** Claims signals for a proposal; answers the ids now claimed by it (ids another proposal claimed are left out). */
  claimSignals(args: { proposalId: string; signalIds: string[] }): Promise<string[]>;
  /**
   * On hand, reserved and inbound of an item at a warehouse (for sizing a proposal and the reorder point). Given the
   * legal entity, inbound is the larger of the ledger's open supply and what its open POs (awaiting approval too)
   * still bring.
   */
  readStockPosition(args: {
    sku: string;
    locationId: string;
    legalEntityId?: string;
  }): Promise<{ onHand: string; reserved: string; inbound: string }>;
  /** The payment status of a posted vendor bill, by the hub's invoice id (undefined when the ERP has none). */
  readBillPayment(args: {
    erpConnectorId: string;
    invoiceId: string;
    invoiceNumber?: string;
    billExternalId?: string;
  }): Promise<BillPayment | undefined>;
  /** Brings the ERP's PO in line with the PO's lines as they now stand (idempotent). */
  updateErpPurchaseOrder(args: { erpConnectorId: string; order: PurchaseOrder }): Promise<WriteResult>;
  /** Creates the PO in the ERP, once per PO id (a retry finds it). */
  createErpPurchaseOrder(args: { erpConnectorId: string; order: PurchaseOrder }): Promise<WriteResult>;
  /** Sends the PO to the supplier by its channel: an EDI 850 (once per PO id) or a portal publish (idempotent). */
  sendPurchaseOrder(args: { order: PurchaseOrder; supplier: SupplierSource }): Promise<SentPurchaseOrder>;
  /** Records supply due in (idempotent by id). */
  recordInboundSupply(args: { supplies: SupplyLine[] }): Promise<void>;
  /** Marks supply received or cancelled so it no longer counts as inbound. */
  settleInboundSupply(args: { ids: string[]; status: 'received' | 'cancelled' }): Promise<void>;
  /** Creates the expected receipt of an ASN at the WMS (idempotent by ASN id). */
  createExpectedReceipt(args: { wmsConnectorId: string; asn: AdvanceShipNotice }): Promise<WriteResult>;
  /** Posts a receipt against the PO in the ERP (once per receipt id). */
  postErpReceipt(args: { erpConnectorId: string; receipt: GoodsReceipt }): Promise<WriteResult>;
  /** Puts the good units of a receipt into stock (ledger `receive`, once per receipt line). */
  receiveStock(args: {
    receiptId: string;
    lines: { lineNumber: number; sku: string; locationId: string; quantity: string }[];
  }): Promise<void>;
  /** Tells the sales orders waiting for this stock to try allocating again. */
  notifyStockArrived(args: { salesOrderIds: string[]; reason: string }): Promise<void>;
  /** Posts the vendor bill (AP invoice) for a matched supplier invoice (once per invoice id). */
  postVendorBill(args: { erpConnectorId: string; invoice: Invoice }): Promise<WriteResult>;
  /** Stores the PO's view for support and the API (never goes back to an older version). */
  savePurchaseOrderView(view: PurchaseOrderView): Promise<void>;
  /** Counts and logs an escalation (hub_purchase_escalations_total). */
  escalatePurchaseOrder(args: { purchaseOrderId: string; poNumber: string; reason: string }): Promise<void>;
}
