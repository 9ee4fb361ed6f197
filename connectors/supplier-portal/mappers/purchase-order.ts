/** Canonical PurchaseOrder → the portal's PO request body (decimal strings, portal unit names, snake_case). */
import type { PurchaseOrder } from '../../../canonical-model/generated/index';
import { HubError } from '../../../platform/errors';
import type { FieldError } from '../../../platform/errors';
import { PORTAL_UNIT_BY_CANONICAL } from '../units';
import { partyToPortal } from './party';

/** The portal's request body for POST /api/v1/purchase-orders. */
export interface PortalPurchaseOrderRequest {
  buyer_code: string;
  supplier_id: string;
  po_number: string;
  buyer_reference: string;
  order_date: string;
  currency: string;
  requested_delivery_date?: string;
  ship_to: Record<string, unknown>;
  lines: {
    line_number: number;
    sku?: string;
    vendor_part?: string;
    description?: string;
    quantity: string;
    unit: string;
    unit_price: string;
    requested_date?: string;
  }[];
}

/**
 * Builds the request for a PO whose supplier resolved to `supplierExternalId`. A PO the portal cannot take (a line
 * without SKU or vendor part, a unit the portal lacks, a price in another currency) is a `data` error naming the
 * canonical field.
 */
export function purchaseOrderToPortal(
  order: PurchaseOrder,
  supplierExternalId: string,
  buyerCode: string,
): PortalPurchaseOrderRequest {
  const errors: FieldError[] = [];
  const lines = order.lines.map((line, i) => {
    const id = (q: string) => line.item.identifiers.find((x) => x.qualifier === q)?.value;
    const sku = id('SKU');
    const vendorPart = id('VENDOR_PART');
    if (!sku && !vendorPart) {
      errors.push({
        path: `/lines/${i}/item/identifiers`,
        message: 'needs a SKU or a VENDOR_PART identifier',
      });
    }
    const unit = PORTAL_UNIT_BY_CANONICAL[line.quantity.uom];
    if (!unit)
      errors.push({
        path: `/lines/${i}/quantity/uom`,
        message: `${line.quantity.uom} cannot be ordered on the portal`,
      });
    if (line.unitPrice.currency !== order.currency) {
      errors.push({
        path: `/lines/${i}/unitPrice/currency`,
        message: `differs from the order currency ${order.currency}`,
      });
    }
    const date = line.requestedDeliveryDate ?? order.requestedDeliveryDate;
    return {
      line_number: line.lineNumber,
      ...(sku ? { sku } : {}),
      ...(vendorPart ? { vendor_part: vendorPart } : {}),
      ...(line.item.description ? { description: line.item.description } : {}),
      quantity: line.quantity.value,
      unit: unit ?? line.quantity.uom,
      unit_price: line.unitPrice.amount,
      ...(date ? { requested_date: date } : {}),
    };
  });
  if (errors.length) {
    throw new HubError(
      'data',
      `purchase order ${order.poNumber} cannot be sent to the supplier portal: ${errors[0]!.path} ${errors[0]!.message}`,
      {
        fieldErrors: errors,
      },
    );
  }
  return {
    buyer_code: buyerCode,
    supplier_id: supplierExternalId,
    po_number: order.poNumber,
    buyer_reference: order.id,
    order_date: order.orderDate,
    currency: order.currency,
    ...(order.requestedDeliveryDate ? { requested_delivery_date: order.requestedDeliveryDate } : {}),
    ship_to: partyToPortal(order.shipTo),
    lines,
  };
}
