/** Canonical AdvanceShipNotice → ShipHero `purchase_order_create` input (the ASN id is the partner_order_number). */
import type { AdvanceShipNotice } from '../../../canonical-model/generated/index';
import { MappingProblems } from '../../sdk/mapping';
import type { MapContext } from './context';
import { warehouseIdOf } from './context';
import { skuOf } from './sales-order';

/** The `data` of purchase_order_create: one line per SKU, quantities summed over the ASN's packs. */
export function toPurchaseOrderCreateInput(asn: AdvanceShipNotice, ctx: MapContext): Record<string, unknown> {
  const m = new MappingProblems('ShipHero expected receipt of ASN');
  const warehouseId = warehouseIdOf(ctx, asn.shipTo.locationId);
  if (!warehouseId)
    m.add('/shipTo/locationId', `${asn.shipTo.locationId} is not a configured ShipHero warehouse`);
  const bySku = new Map<string, number>();
  // Items in labelled packs and items shipped loose (a pick-pack ASN) are received alike.
  const items = asn.orders.flatMap((order, o) => [
    ...(order.packs ?? []).flatMap((pack, p) =>
      pack.items.map((item, i) => ({ item, path: `/orders/${o}/packs/${p}/items/${i}` })),
    ),
    ...(order.items ?? []).map((item, i) => ({ item, path: `/orders/${o}/items/${i}` })),
  ]);
  for (const { item, path } of items) {
    const sku = skuOf(item.item.identifiers);
    if (!sku) m.add(`${path}/item/identifiers`, 'has no SKU or VENDOR_PART identifier');
    if (item.quantity.uom !== 'EA' && item.quantity.uom !== 'PC') {
      m.add(`${path}/quantity/uom`, `${item.quantity.uom} is not eaches; ShipHero receives units`);
    }
    if (!/^\d+$/.test(item.quantity.value)) {
      m.add(`${path}/quantity/value`, `${item.quantity.value} is not a whole number of units`);
    }
    if (sku) bySku.set(sku, (bySku.get(sku) ?? 0) + Number(item.quantity.value));
  }
  m.throwIfAny(asn.id);
  return {
    po_number: asn.asnNumber,
    partner_order_number: asn.id,
    warehouse_id: warehouseId,
    subtotal: '0.00',
    shipping_price: '0.00',
    total_price: '0.00',
    ...(asn.estimatedDeliveryDate ? { po_date: asn.estimatedDeliveryDate } : {}),
    ...(asn.trackingNumber || asn.billOfLading
      ? { tracking_number: asn.trackingNumber ?? asn.billOfLading }
      : {}),
    line_items: [...bySku].map(([sku, quantity]) => ({
      sku,
      quantity,
      expected_weight_in_lbs: '0',
      price: '0.00',
    })),
  };
}
