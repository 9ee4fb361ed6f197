/** Canonical sales and purchase orders → NetSuite salesOrder / purchaseOrder bodies (money as exact JSON numbers). */
import type { PurchaseOrder, SalesOrder } from '../../../canonical-model/generated/index';
import { jsonNumber } from '../../sdk/json';
import type { NetSuiteConfig } from '../config-schema';

/** NetSuite ids the order refers to, resolved by the operation. */
export interface OrderReferences {
  entityId: string;
  locationId?: string;
  /** Inventory item internal id of each line, in line order. */
  itemIds: string[];
}

function header(config: NetSuiteConfig, refs: OrderReferences) {
  return {
    entity: { id: refs.entityId },
    ...(config.subsidiaryId ? { subsidiary: { id: config.subsidiaryId } } : {}),
    ...(refs.locationId ? { location: { id: refs.locationId } } : {}),
  };
}

function memo(notes: { text: string }[] | undefined): { memo?: string } {
  const text = notes?.map((n) => n.text).join(' / ');
  return text ? { memo: text.slice(0, 999) } : {};
}

/** The salesOrder body; the canonical order id is its externalId, each line keeps its canonical line number. */
export function salesOrderToNetSuite(order: SalesOrder, refs: OrderReferences, config: NetSuiteConfig) {
  return {
    externalId: order.id,
    ...header(config, refs),
    tranDate: order.orderDate,
    ...(order.customerPoNumber ? { otherRefNum: order.customerPoNumber } : {}),
    ...(order.requestedShipDate ? { shipDate: order.requestedShipDate } : {}),
    custbody_hub_order_number: order.orderNumber,
    ...memo(order.notes),
    item: {
      items: order.lines.map((line, i) => ({
        item: { id: refs.itemIds[i] },
        quantity: jsonNumber(line.quantity.value),
        rate: jsonNumber(line.unitPrice.amount),
        ...(line.item.description ? { description: line.item.description } : {}),
        custcol_hub_line_number: line.lineNumber,
      })),
    },
  };
}

/** The purchaseOrder body; the canonical order id is its externalId. */
export function purchaseOrderToNetSuite(order: PurchaseOrder, refs: OrderReferences, config: NetSuiteConfig) {
  return {
    externalId: order.id,
    ...header(config, refs),
    tranDate: order.orderDate,
    ...(order.requestedDeliveryDate ? { dueDate: order.requestedDeliveryDate } : {}),
    custbody_hub_po_number: order.poNumber,
    ...memo(order.notes),
    item: {
      items: order.lines.map((line, i) => ({
        item: { id: refs.itemIds[i] },
        quantity: jsonNumber(line.quantity.value),
        rate: jsonNumber(line.unitPrice.amount),
        ...(line.requestedDeliveryDate ? { expectedReceiptDate: line.requestedDeliveryDate } : {}),
        custcol_hub_line_number: line.lineNumber,
      })),
    },
  };
}
