/**
 * The purchasing policy: how the procure-to-receive flow buys for one legal entity — which ERP and WMS it works
 * with, where each item is bought (suppliers in preference order, each with its channel, price, minimum order
 * quantity, pack multiple and lead time), approval and tolerance rules, and time-outs. One document per legal
 * entity, edited through `PUT /v1/purchasing-policy`; a PO workflow takes a copy when it starts.
 * Types only (plus constants), so workflow code can import it.
 */

/** How a supplier receives POs and sends back acknowledgements, ASNs and invoices. */
export type SupplierChannel =
  | {
      kind: 'edi';
      /** The EDI connector the supplier is reached through. */
      ediConnectorId: string;
      /** The supplier's trading partner profile (850 outbound; 855, 856, 810 inbound) on that connector. */
      partnerId: string;
    }
  | {
      kind: 'portal';
      /** The supplier-portal connector. */
      connectorId: string;
      /** The supplier's account id on the portal (e.g. `sup_k3v8p1zt6n`); linked to `supplierId` before a publish. */
      portalSupplierId?: string;
    };

/** One supplier an item can be bought from. */
export interface SupplierSource {
  /** Canonical supplier id (linked to the ERP's vendor through master data). */
  supplierId: string;
  channel: SupplierChannel;
  /** Agreed unit price per `uom` (decimal string) and its currency. */
  unitPrice: string;
  currency: string;
  /** Unit the supplier sells in (canonical unit code, e.g. "EA", "CS"). */
  uom: string;
  /** Smallest quantity the supplier accepts (decimal string, in `uom`). */
  minOrderQuantity: string;
  /** Quantities are rounded up to a multiple of this (decimal string, in `uom`). */
  packMultiple: string;
  /** Days from the order date to delivery. */
  leadTimeDays: number;
}

/** Where one item is bought for one warehouse (or for every warehouse when `locationId` is absent). */
export interface SourcingRule {
  sku: string;
  locationId?: string;
  /** Suppliers in preference order; a line the first rejects is re-sourced to the next. */
  suppliers: SupplierSource[];
  /** Below this available quantity (on hand − reserved + inbound) a replenishment proposal is made. */
  reorderPoint?: string;
  /** Stock kept on top of the shortage when a proposal is sized. */
  safetyStock?: string;
}

/** The policy every PO of a legal entity runs under. */
export interface PurchasingPolicy {
  legalEntityId: string;
  /** ERP connector: the PO of record, receipts and vendor bills. */
  erpConnectorId?: string;
  /** WMS connector expected receipts are created at. */
  wmsConnectorId?: string;
  /** Put before every PO number the hub draws (e.g. "HUB-"): 1–12 letters, digits or '-'; none by default. */
  poNumberPrefix?: string;
  /** Warehouse a demand signal that names none (an order's shortage) is bought for. */
  defaultLocationId?: string;
  /** Currency of `approvalThreshold`. */
  currency: string;
  /** A proposal worth more than this (decimal string) waits for a buyer's approval. */
  approvalThreshold: string;
  /** Hours a proposal may wait for approval before it is escalated (it keeps waiting). */
  approvalTimeoutHours: number;
  /** Hours the supplier has to acknowledge a PO before it is escalated (it keeps waiting). */
  ackTimeoutHours: number;
  /** An acknowledged price this far (percent) above the PO price waits for the buyer; below it is applied. */
  ackPriceTolerancePercent: number;
  /** Three-way match: invoiced unit price may differ from the PO price by this much (percent). */
  matchPriceTolerancePercent: number;
  /** Three-way match and receipts: quantities may differ by this much (percent) before it is a variance. */
  quantityTolerancePercent: number;
  /** Signals for the same item and warehouse within this many minutes (fractions allowed) coalesce into one proposal. */
  coalesceWindowMinutes: number;
  /** Who owns exceptions (receipt variances, rejected lines, invoice mismatches) by default. */
  exceptionOwner: string;
  /** How often (minutes, fractions allowed) the ERP is asked whether a posted vendor bill has been paid. */
  paymentCheckMinutes: number;
  /** Days after the PO closed that its unpaid vendor bills are still watched for payment. */
  paymentWatchDays: number;
  sourcing: SourcingRule[];
}

/** Defaults applied to fields a stored policy leaves out. */
export const PURCHASING_POLICY_DEFAULTS = {
  currency: 'USD',
  approvalThreshold: '10000',
  approvalTimeoutHours: 24,
  ackTimeoutHours: 48,
  ackPriceTolerancePercent: 2,
  matchPriceTolerancePercent: 1,
  quantityTolerancePercent: 0,
  coalesceWindowMinutes: 60,
  exceptionOwner: 'purchasing',
  paymentCheckMinutes: 720,
  paymentWatchDays: 120,
} as const;

/** The sourcing rule for a SKU at a warehouse: the warehouse's own first, else the SKU's general one. */
export function sourcingFor(
  policy: PurchasingPolicy,
  sku: string,
  locationId: string,
): SourcingRule | undefined {
  return (
    policy.sourcing.find((r) => r.sku === sku && r.locationId === locationId) ??
    policy.sourcing.find((r) => r.sku === sku && r.locationId === undefined)
  );
}
