/** Canonical SalesOrder → ShipHero `order_create` input (the hub's order id is ShipHero's partner_order_id). */
import type { SalesOrder } from '../../../canonical-model/generated/index';
import { MappingProblems } from '../../sdk/mapping';
import type { MapContext } from './context';
import { warehouseIdOf } from './context';

/** The ShipHero line-item id of a canonical order line: unique per order, and it carries the line number back. */
export function partnerLineItemId(orderId: string, lineNumber: number): string {
  return `${orderId}:${lineNumber}`;
}

/** The SKU ShipHero knows an item by: its SKU, else our part number (VENDOR_PART). */
export function skuOf(identifiers: { qualifier: string; value: string }[]): string | undefined {
  return (
    identifiers.find((i) => i.qualifier === 'SKU')?.value ??
    identifiers.find((i) => i.qualifier === 'VENDOR_PART')?.value
  );
}

/** The `data` of order_create; a canonical field ShipHero cannot take is a `data` error naming it. */
export function toOrderCreateInput(order: SalesOrder, ctx: MapContext): Record<string, unknown> {
  const m = new MappingProblems('ShipHero release of sales order');
  const warehouseId = warehouseIdOf(ctx, order.shipFromLocationId);
  if (!warehouseId)
    m.add('/shipFromLocationId', `${order.shipFromLocationId} is not a configured ShipHero warehouse`);
  const address = order.shipTo.address;
  if (!address) m.add('/shipTo/address', 'is missing: ShipHero needs a ship-to address');
  const lines = order.lines.map((line, i) => {
    const sku = skuOf(line.item.identifiers);
    if (!sku) m.add(`/lines/${i}/item/identifiers`, 'has no SKU or VENDOR_PART identifier');
    if (line.quantity.uom !== 'EA' && line.quantity.uom !== 'PC') {
      m.add(`/lines/${i}/quantity/uom`, `${line.quantity.uom} is not eaches; ShipHero orders are in units`);
    }
    if (!/^[1-9]\d*$/.test(line.quantity.value)) {
      m.add(`/lines/${i}/quantity/value`, `${line.quantity.value} is not a whole number of units`);
    }
    return {
      sku: sku ?? '',
      partner_line_item_id: partnerLineItemId(order.id, line.lineNumber),
      quantity: Number(line.quantity.value),
      price: line.unitPrice?.amount ?? '0.00',
      ...(line.item.description ? { product_name: line.item.description } : {}),
      warehouse_id: warehouseId,
    };
  });
  m.throwIfAny(order.id);
  const [address1, address2] = address?.lines ?? [];
  return {
    order_number: order.orderNumber,
    partner_order_id: order.id,
    shop_name: 'distribution-hub',
    fulfillment_status: 'pending',
    ...(order.placedAt ? { order_date: order.placedAt } : {}),
    ...(order.requestedShipDate ? { required_ship_date: order.requestedShipDate } : {}),
    shipping_address: {
      first_name: address?.name ?? order.shipTo.name ?? '',
      last_name: '',
      company: address?.company ?? order.shipTo.name ?? '',
      address1: address1 ?? '',
      ...(address2 ? { address2 } : {}),
      city: address?.city ?? '',
      state: address?.region ?? '',
      state_code: address?.region ?? '',
      zip: address?.postalCode ?? '',
      country: address?.countryCode ?? '',
      country_code: address?.countryCode ?? '',
      ...(address?.phone ? { phone: address.phone } : {}),
      ...(address?.email ? { email: address.email } : {}),
    },
    line_items: lines,
  };
}
