/** The NetSuite REST record shapes the connector reads and writes (only the fields it uses; all optional on read). */

/** A reference to another record: `{ id, refName }`. */
export interface NsRef {
  id?: string;
  refName?: string;
}

/** A sublist as the REST API returns it. */
export interface NsSublist<T> {
  items?: T[];
}

/** Numbers arrive as JSON numbers (or exact decimal text when a double cannot hold them). */
export type NsNumber = number | string;

/** `GET /record/v1/{type}`: one page of record ids. */
export interface NsListPage {
  count?: number;
  hasMore?: boolean;
  offset?: number;
  totalResults?: number;
  items?: { id?: string }[];
}

/** An inventoryItem record. */
export interface NsInventoryItem {
  id?: string;
  itemId?: string;
  displayName?: string;
  description?: string;
  isInactive?: boolean;
  upcCode?: string;
  stockUnit?: NsRef;
  basePrice?: NsNumber;
  cost?: NsNumber;
  lastModifiedDate?: string;
  price?: NsSublist<{ priceLevel?: NsRef; minimumQuantity?: NsNumber; price?: NsNumber }>;
  locations?: NsSublist<{ location?: NsRef; quantityOnHand?: NsNumber; averageCostMli?: NsNumber }>;
}

/** A customer record, with the credit fields NetSuite keeps on it. */
export interface NsCustomer {
  id?: string;
  entityId?: string;
  companyName?: string;
  isPerson?: boolean;
  isInactive?: boolean;
  email?: string;
  phone?: string;
  currency?: NsRef;
  terms?: NsRef;
  priceLevel?: NsRef;
  creditLimit?: NsNumber;
  balance?: NsNumber;
  unbilledOrders?: NsNumber;
  creditHoldOverride?: 'AUTO' | 'ON' | 'OFF';
  lastModifiedDate?: string;
}

/** A vendor record. */
export interface NsVendor {
  id?: string;
  entityId?: string;
  companyName?: string;
  isInactive?: boolean;
  email?: string;
  phone?: string;
  currency?: NsRef;
  terms?: NsRef;
  lastModifiedDate?: string;
}

/** One line of a transaction's item sublist; `custcol_hub_line_number` keeps the canonical line number. */
export interface NsTransactionLine {
  line?: number;
  /** On a line transformed from an order (invoice, credit memo): the source line it came from. */
  orderLine?: number;
  item?: NsRef;
  quantity?: NsNumber;
  rate?: NsNumber;
  custcol_hub_line_number?: number;
}

/** A transaction as read back (sales or purchase order, invoice, credit memo): document number and lines. */
export interface NsOrder {
  id?: string;
  tranId?: string;
  externalId?: string;
  entity?: NsRef;
  item?: NsSublist<NsTransactionLine>;
}
