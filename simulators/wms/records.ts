/** The records the WMS simulator holds, shaped like ShipHero's objects (collections named as in `/_sim/records`). */

/** Collection names, for `GET /_sim/records/{name}`. */
export const COLLECTIONS = {
  warehouses: 'warehouses',
  products: 'warehouse_products',
  orders: 'orders',
  purchaseOrders: 'purchase_orders',
  shipments: 'shipments',
  returns: 'returns',
  accessTokens: 'access_tokens',
} as const;

/** A warehouse of the account. */
export interface SimWarehouse {
  id: string;
  legacy_id: number;
  identifier: string;
}

/** Stock of one SKU in one warehouse (keyed "warehouseId|sku"). */
export interface SimWarehouseProduct {
  id: string;
  sku: string;
  name: string;
  warehouse_id: string;
  on_hand: number;
  allocated: number;
  non_sellable_quantity: number;
  backorder: number;
  updated_at: string;
}

/** One order line. */
export interface SimOrderLine {
  id: string;
  sku: string;
  partner_line_item_id: string;
  quantity: number;
  quantity_shipped: number;
  product_name?: string;
}

/** A released order. */
export interface SimOrder {
  id: string;
  legacy_id: number;
  order_number: string;
  partner_order_id: string;
  warehouse_id: string;
  fulfillment_status: 'pending' | 'fulfilled' | 'canceled';
  shipping_address: Record<string, unknown>;
  line_items: SimOrderLine[];
  created_at: string;
}

/**
 * One receiving batch of a purchase-order line (a simulator extension: ShipHero's PO Update carries the line totals
 * only). Every line received in one batch shares the batch's `id` and `receipt_number`.
 */
export interface SimPurchaseOrderReceipt {
  id: string;
  receipt_number: string;
  /** Everything of the SKU that arrived in the batch, damaged units included. */
  quantity_received: number;
  /** Part of `quantity_received` refused (not put into stock). */
  quantity_rejected: number;
  condition: 'good' | 'damaged';
  /** Local "YYYY-MM-DD HH:MM:SS" in the simulator's time zone. */
  created_at: string;
}

/** One purchase-order line; a line of quantity 0 is an SKU that arrived without being on the PO. */
export interface SimPurchaseOrderLine {
  id: string;
  sku: string;
  quantity: number;
  quantity_received: number;
  quantity_rejected: number;
  receipts: SimPurchaseOrderReceipt[];
}

/** An expected receipt. */
export interface SimPurchaseOrder {
  id: string;
  legacy_id: number;
  po_number: string;
  partner_order_number: string;
  warehouse_id: string;
  fulfillment_status: 'pending' | 'closed' | 'canceled';
  tracking_number?: string;
  line_items: SimPurchaseOrderLine[];
  created_at: string;
  /** Local "YYYY-MM-DD HH:MM:SS" when the PO was closed. */
  date_closed?: string;
}

/** One receipt against a return line, as ShipHero's ReturnedLineItem (good units are restocked). */
export interface SimReturnReceipt {
  id: string;
  quantity_received: number;
  quantity_restocked: number;
  condition: string;
  created_at: string;
}

/** One return line: an SKU of the order's, the quantity authorised and what has been received of it. */
export interface SimReturnLine {
  id: string;
  legacy_id: number;
  /** The order line returned. */
  line_item_id: string;
  /** The caller's reference of the return line (simulator extension), else the order line's. */
  partner_line_item_id: string;
  sku: string;
  warehouse_id: string;
  quantity: number;
  quantity_received: number;
  restock: number;
  condition: string | null;
  reason: string;
  receipts: SimReturnReceipt[];
}

/** A return authorised against an order (ShipHero's own id; the caller's reference is `partner_id`). */
export interface SimReturn {
  id: string;
  legacy_id: number;
  order_id: string;
  partner_id: string | null;
  reason: string;
  status: 'pending' | 'complete';
  warehouse_id: string;
  label_type: string;
  label_cost: string;
  shipping_carrier: string;
  shipping_method: string;
  tracking_number: string | null;
  address: Record<string, unknown>;
  line_items: SimReturnLine[];
  created_at: string;
}

/** Key of a warehouse product record. */
export function productKey(warehouseId: string, sku: string): string {
  return `${warehouseId}|${sku}`;
}
