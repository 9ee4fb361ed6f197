/** The ERP port: master data, credit and price, and the financial/order postings an ERP owns. */
import type {
  Customer,
  GoodsReceipt,
  Invoice,
  Item,
  Money,
  PurchaseOrder,
  SalesOrder,
  Shipment,
  Supplier,
} from '../../../canonical-model/generated/index';
import type { ListOptions, Page, ReadOptions, WriteContext, WriteResult } from './common';

/** A customer's credit standing as the ERP computes it. */
export interface CreditStatus {
  customerExternalId: string;
  creditLimit?: Money;
  /** Open receivables plus unbilled orders, as the ERP reports it. */
  balance: Money;
  /** creditLimit − balance (undefined when there is no limit). */
  available?: Money;
  /** True when the ERP has put the customer on credit hold. */
  onHold: boolean;
  /** Payment terms code, e.g. "NET30". */
  terms?: string;
}

/** A price for one item, customer and quantity on a date. */
export interface PriceQuote {
  sku: string;
  unitPrice: Money;
  /** The unit the price is per, e.g. "EA". */
  uom: string;
  /** The price level / list it came from, when the ERP says. */
  priceList?: string;
}

/** What a price lookup asks. */
export interface PriceRequest {
  sku: string;
  /** Canonical customer id; resolved through the reference resolver. */
  customerId: string;
  quantity: string;
  /** Business date (YYYY-MM-DD); default today. */
  date?: string;
}

/** One line of an inventory valuation. */
export interface InventoryValuationLine {
  sku: string;
  locationExternalId: string;
  quantity: string;
  uom: string;
  unitCost: Money;
  totalValue: Money;
}

/** One payment the ERP applied to an invoice or vendor bill. */
export interface InvoicePayment {
  /** The ERP's payment document number (NetSuite vendorPayment tranId, Business Central payment journal doc). */
  reference: string;
  amount: Money;
  /** Business date of the payment (YYYY-MM-DD). */
  date: string;
}

/** What the ERP says of the settlement of one posted invoice (AR) or vendor bill (AP). */
export interface InvoicePaymentStatus {
  /** The hub's invoice id the document was posted with (its external id in the ERP). */
  invoiceId: string;
  /** The ERP's own id of the posted document. */
  externalId: string;
  /** open: nothing paid; partially-paid: some paid, some due; paid: nothing due. */
  status: 'open' | 'partially-paid' | 'paid';
  total: Money;
  amountPaid: Money;
  amountDue: Money;
  /** Date of the payment that settled it (status paid only). */
  paidAt?: string;
  payments: InvoicePayment[];
}

/** How a posted invoice or vendor bill is found again. */
export interface PostedInvoiceRef {
  /** The hub's invoice id. */
  invoiceId: string;
  /** The invoice number it was posted with (the supplier's for a vendor bill). */
  invoiceNumber?: string;
  /** The ERP's id of the posted document, as postInvoice answered it. */
  externalId?: string;
}

/**
 * A change of on-hand stock to post to the ERP as an inventory adjustment (a count difference, shrink, damage, a
 * WMS adjustment the ERP has not seen), idempotent by `id`: posting the same id again answers the first result.
 */
export interface InventoryAdjustment {
  /** The hub's id of the adjustment (the movement's id); the ERP record carries it as its external id. */
  id: string;
  legalEntityId: string;
  /** The item's SKU (the connector resolves the ERP's item from it). */
  sku: string;
  /** The hub's location id (resolved to the ERP's location through the references, type 'location'). */
  locationId: string;
  /** Signed decimal in the item's base unit: what on hand goes up by (negative: down by). Never "0". */
  quantityDelta: string;
  /** When the stock changed at the source (ISO 8601); the adjustment's transaction date. */
  occurredAt: string;
  /** Why, as `<movement type>` or `<movement type>:<reason code>`, e.g. "count:CYCLE_COUNT". */
  reasonCode: string;
  /** Free text for the ERP's memo (who approved a count, the WMS's reason). */
  memo?: string;
}

/** Operations every ERP connector implements; the ERP contract suite proves them against a simulator. */
export interface ErpPort {
  getItem(sku: string, options?: ReadOptions): Promise<Item | undefined>;
  listItems(options?: ListOptions): Promise<Page<Item>>;
  getCustomer(externalId: string, options?: ReadOptions): Promise<Customer | undefined>;
  listCustomers(options?: ListOptions): Promise<Page<Customer>>;
  getSupplier(externalId: string, options?: ReadOptions): Promise<Supplier | undefined>;
  listSuppliers(options?: ListOptions): Promise<Page<Supplier>>;
  getCreditStatus(customerExternalId: string, options?: ReadOptions): Promise<CreditStatus>;
  getPrice(request: PriceRequest, context: WriteContext): Promise<PriceQuote>;
  /** Creates the order, or updates it when one with the same external id exists (idempotent upsert). */
  upsertSalesOrder(order: SalesOrder, context: WriteContext): Promise<WriteResult>;
  createPurchaseOrder(order: PurchaseOrder, context: WriteContext): Promise<WriteResult>;
  /**
   * Brings the purchase order createPurchaseOrder made in line with `order` (after a supplier's changes, a
   * short-close or a cancellation): each line's quantity, unit price and expected receipt date, matched by line
   * number; a line at quantity 0 is closed. A quantity below what was already received is a `data` error at
   * `/lines/<i>/quantity`; an order the ERP does not have is a `data` error at `/id`. Repeating it changes nothing.
   */
  updatePurchaseOrder(order: PurchaseOrder, context: WriteContext): Promise<WriteResult>;
  /** Posts a receipt against its purchase order (NetSuite: purchaseOrder !transform itemReceipt). */
  postGoodsReceipt(receipt: GoodsReceipt, context: WriteContext): Promise<WriteResult>;
  /** Records a shipment against its sales order (NetSuite: salesOrder !transform itemFulfillment). */
  postFulfillment(shipment: Shipment, context: WriteContext): Promise<WriteResult>;
  /**
   * AR invoice from a sales order, or AP vendor bill from a purchase order, by `invoice.direction`. An AR credit
   * memo (`type: 'credit-memo'`) is posted once per `invoice.id`, against `originalInvoiceId` (reference type
   * 'invoice') when given; crediting more of an item than that invoice billed (earlier memos counted) is a `data`
   * error at `/lines/<i>/quantity`. Other memo types are refused at `/type`.
   */
  postInvoice(invoice: Invoice, context: WriteContext): Promise<WriteResult>;
  /**
   * Payment status of an invoice or vendor bill posted by `postInvoice`: by the ERP's id of it (`externalId`, what
   * postInvoice answered) when given, else by the hub's invoice id or the invoice number it was posted with;
   * undefined when the ERP has no such document.
   */
  getInvoicePayment(
    document: PostedInvoiceRef,
    direction: 'AR' | 'AP',
    options?: ReadOptions,
  ): Promise<InvoicePaymentStatus | undefined>;
  /**
   * Posts an inventory adjustment (NetSuite: inventoryAdjustment; Business Central: an item journal line posted as
   * a positive or negative adjustment), so getInventoryValuation at that location moves by exactly quantityDelta.
   * Posting an id again moves nothing and answers the first record's externalId with `created: false`. An unknown
   * SKU, an unresolvable location and a zero or non-decimal delta are `data` errors at `/sku`, `/locationId`,
   * `/quantityDelta`.
   */
  postInventoryAdjustment(adjustment: InventoryAdjustment, context: WriteContext): Promise<WriteResult>;
  getInventoryValuation(
    filter: { sku?: string; locationExternalId?: string },
    options?: ReadOptions,
  ): Promise<InventoryValuationLine[]>;
}

/** Every ErpPort operation in manifest (kebab-case) form; an ERP connector declares them all. */
export const ERP_OPERATIONS = [
  'get-item',
  'list-items',
  'get-customer',
  'list-customers',
  'get-supplier',
  'list-suppliers',
  'get-credit-status',
  'get-price',
  'upsert-sales-order',
  'create-purchase-order',
  'update-purchase-order',
  'post-goods-receipt',
  'post-fulfillment',
  'post-invoice',
  'get-invoice-payment',
  'get-inventory-valuation',
  'post-inventory-adjustment',
] as const;
