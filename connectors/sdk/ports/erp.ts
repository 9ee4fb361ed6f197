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
  'post-goods-receipt',
  'post-fulfillment',
  'post-invoice',
  'get-inventory-valuation',
] as const;
