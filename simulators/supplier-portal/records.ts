/** The documents the portal stores and serves, in its own (snake_case, decimal-string) shapes. */
import type { PortalParty } from './seed';

/** One purchase-order line as the buyer sent it. */
export interface PortalPoLine {
  line_number: number;
  sku?: string;
  vendor_part?: string;
  description?: string;
  quantity: string;
  unit: string;
  unit_price: string;
  requested_date?: string;
}

/** A purchase order received from the buyer. */
export interface PortalPurchaseOrder {
  id: string;
  object: 'purchase_order';
  sequence: number;
  status: 'submitted' | 'acknowledged' | 'rejected' | 'shipped' | 'invoiced';
  buyer_code: string;
  supplier_id: string;
  po_number: string;
  buyer_reference?: string;
  order_date: string;
  currency: string;
  requested_delivery_date?: string;
  ship_to: PortalParty;
  lines: PortalPoLine[];
  idempotency_key: string;
  created_at: string;
  updated_at: string;
}

/** The supplier's answer for one line. */
export interface PortalAckLine {
  line_number: number;
  sku?: string;
  vendor_part?: string;
  description?: string;
  status: 'accepted' | 'rejected' | 'changed';
  changes: ('quantity' | 'price' | 'date')[];
  ordered_quantity: string;
  accepted_quantity: string;
  unit: string;
  ordered_unit_price: string;
  unit_price: string;
  requested_date: string;
  promised_date: string | null;
  reason?: string;
}

/** An acknowledgement of a purchase order. */
export interface PortalAcknowledgement {
  id: string;
  object: 'acknowledgement';
  ack_number: string;
  purchase_order_id: string;
  po_number: string;
  buyer_reference?: string;
  supplier_id: string;
  status: 'accepted' | 'accepted_with_changes' | 'rejected';
  acknowledged_at: string;
  currency: string;
  lines: PortalAckLine[];
  created_at: string;
  updated_at: string;
}

/** An item in a carton. */
export interface PortalAsnItem {
  line_number: number;
  sku?: string;
  vendor_part?: string;
  quantity: string;
  ordered_quantity: string;
  unit: string;
  lot_number: string;
  expiry_date?: string;
}

/** A carton labelled with an SSCC-18. */
export interface PortalCarton {
  sscc: string;
  weight: { value: string; unit: 'kg' };
  items: PortalAsnItem[];
}

/** An advance ship notice: shipment → orders → cartons → items. */
export interface PortalAsn {
  id: string;
  object: 'asn';
  asn_number: string;
  purpose: 'original' | 'replace' | 'cancel';
  supplier_id: string;
  ship_date: string;
  shipped_at: string;
  estimated_delivery_date: string;
  ship_from: PortalParty;
  ship_to: PortalParty;
  carrier: { scac: string; name: string; service: string; mode: string };
  tracking_number: string;
  bill_of_lading: string;
  gross_weight: { value: string; unit: 'kg' };
  package_count: number;
  orders: {
    purchase_order_id: string;
    po_number: string;
    buyer_reference?: string;
    order_date: string;
    cartons: PortalCarton[];
  }[];
  created_at: string;
  updated_at: string;
}

/** One invoiced line. */
export interface PortalInvoiceLine {
  line_number: number;
  po_line_number: number;
  sku?: string;
  vendor_part?: string;
  description: string;
  quantity: string;
  unit: string;
  unit_price: string;
  amount: string;
}

/** A supplier invoice for shipped quantities. */
export interface PortalInvoice {
  id: string;
  object: 'invoice';
  invoice_number: string;
  status: 'open' | 'paid' | 'void' | 'disputed';
  supplier_id: string;
  purchase_order_id: string;
  po_number: string;
  buyer_reference?: string;
  asn_id: string;
  invoice_date: string;
  due_date: string;
  ship_date: string;
  currency: string;
  payment_terms: { code: string; net_days: number };
  remit_to: PortalParty;
  lines: PortalInvoiceLine[];
  subtotal: string;
  tax_total: string;
  total: string;
  created_at: string;
  updated_at: string;
}

/** The webhook event envelope the portal posts (Stripe-like). */
export interface PortalEvent<T> {
  id: string;
  object: 'event';
  type: 'acknowledgement.created' | 'asn.created' | 'invoice.created';
  created: number;
  data: { object: T };
}
