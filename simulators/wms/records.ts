/** The records the WMS simulator holds, shaped like ShipHero's objects (collections named as in `/_sim/records`). */

/** Collection names, for `GET /_sim/records/{name}`. */
export const COLLECTIONS = {
  warehouses: 'warehouses',
  products: 'warehouse_products',
  orders: 'orders',
  purchaseOrders: 'purchase_orders',
  shipments: 'shipments',
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

/** One purchase-order line. */
export interface SimPurchaseOrderLine {
  id: string;
  sku: string;
  quantity: number;
  quantity_received: number;
  quantity_rejected: number;
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
}

/** Key of a warehouse product record. */
export function productKey(warehouseId: string, sku: string): string {
  return `${warehouseId}|${sku}`;
}
