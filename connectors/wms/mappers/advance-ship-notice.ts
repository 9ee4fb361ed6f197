/**
 * Canonical AdvanceShipNotice → ShipHero `purchase_order_create` inputs: one ShipHero purchase order per PO the ASN
 * ships against, so a receipt names the PO it answers. `po_number` is the buyer's PO number (what the dock looks
 * up) and `partner_order_number` is `<ASN id>#<PO number>`, unique per ASN and PO (see expectedReceiptKey).
 */
import type { AdvanceShipNotice } from '../../../canonical-model/generated/index';
import { MappingProblems } from '../../sdk/mapping';
import type { MapContext } from './context';
import { warehouseIdOf } from './context';
import { skuOf } from './sales-order';

/** The separator of `partner_order_number`: never part of a canonical id, so the ASN id reads back unambiguously. */
export const RECEIPT_KEY_SEPARATOR = '#';

/** The `partner_order_number` of the expected receipt of one PO of an ASN. */
export function expectedReceiptKey(asnId: string, poNumber: string): string {
  return `${asnId}${RECEIPT_KEY_SEPARATOR}${poNumber}`;
}

/** The ASN id of a `partner_order_number` (an older one is the ASN id alone). */
export function asnIdOfReceiptKey(partnerOrderNumber: string): string {
  const at = partnerOrderNumber.indexOf(RECEIPT_KEY_SEPARATOR);
  return at < 0 ? partnerOrderNumber : partnerOrderNumber.slice(0, at);
}

/** One purchase_order_create input and the key it is found by. */
export interface ExpectedReceiptInput {
  poNumber: string;
  partnerOrderNumber: string;
  data: Record<string, unknown>;
}

/** The `data` of purchase_order_create per PO: one line per SKU, quantities summed over the PO's packs. */
export function toPurchaseOrderCreateInputs(asn: AdvanceShipNotice, ctx: MapContext): ExpectedReceiptInput[] {
  const m = new MappingProblems('ShipHero expected receipt of ASN');
  const warehouseId = warehouseIdOf(ctx, asn.shipTo.locationId);
  if (!warehouseId)
    m.add('/shipTo/locationId', `${asn.shipTo.locationId} is not a configured ShipHero warehouse`);
  const byPo = new Map<string, Map<string, number>>();
  asn.orders.forEach((order, o) => {
    const bySku = byPo.get(order.poNumber) ?? new Map<string, number>();
    byPo.set(order.poNumber, bySku);
    // Items in labelled packs and items shipped loose (a pick-pack ASN) are received alike.
    const items = [
      ...(order.packs ?? []).flatMap((pack, p) =>
        pack.items.map((item, i) => ({ item, path: `/orders/${o}/packs/${p}/items/${i}` })),
      ),
      ...(order.items ?? []).map((item, i) => ({ item, path: `/orders/${o}/items/${i}` })),
    ];
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
  });
  m.throwIfAny(asn.id);
  return [...byPo].map(([poNumber, bySku]) => {
    const partnerOrderNumber = expectedReceiptKey(asn.id, poNumber);
    return {
      poNumber,
      partnerOrderNumber,
      data: {
        po_number: poNumber,
        partner_order_number: partnerOrderNumber,
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
      },
    };
  });
}
