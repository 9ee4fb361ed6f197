/** ShipHero "Shipment Update" webhook → canonical Shipment; a line shipped below its ordered quantity is short. */
import type { Shipment, ShipmentLine, ShipmentPackage } from '../../../canonical-model/generated/index';
import { MappingProblems, provisionalId } from '../../sdk/mapping';
import type { MapContext } from './context';
import { eaches, isCanonicalId, itemOf, locationIdOf, objectAt, sourceOf, timeZoneOf } from './context';
import { localToInstant } from './local-time';

function lineNumberOf(partnerLineItemId: unknown, index: number): number {
  const match = typeof partnerLineItemId === 'string' ? /:(\d+)$/.exec(partnerLineItemId) : null;
  return match ? Number(match[1]) : index + 1;
}

/** Maps the whole webhook body; throws a `data` HubError naming each vendor field that does not map. */
export function mapShipmentUpdate(payload: unknown, ctx: MapContext): Shipment {
  const m = new MappingProblems('ShipHero Shipment Update');
  const f = objectAt(objectAt(payload)?.fulfillment);
  if (!f) m.add('/fulfillment', 'is missing');
  const shipmentId = m.text(f?.shipment_id, '/fulfillment/shipment_id');
  const partnerOrderId = m.text(f?.partner_order_id, '/fulfillment/partner_order_id');
  const warehouseId = m.text(f?.warehouse_id, '/fulfillment/warehouse_id');
  const rawLines = Array.isArray(f?.line_items) ? (f.line_items as unknown[]) : [];
  if (f && !rawLines.length) m.add('/fulfillment/line_items', 'has no line items');

  const lineBySku = new Map<string, number>();
  const lines: ShipmentLine[] = rawLines.map((raw, i) => {
    const path = `/fulfillment/line_items/${i}`;
    const l = objectAt(raw) ?? {};
    const sku = m.text(l.sku, `${path}/sku`);
    const shipped = m.decimal(l.quantity, `${path}/quantity`, { nonNegative: true });
    const ordered =
      l.quantity_ordered === undefined
        ? undefined
        : m.decimal(l.quantity_ordered, `${path}/quantity_ordered`);
    const lineNumber = lineNumberOf(l.partner_line_item_id, i);
    lineBySku.set(sku, lineNumber);
    const short = ordered === undefined ? 0 : Number(ordered) - Number(shipped);
    return {
      lineNumber,
      salesOrderLineNumber: lineNumber,
      item: itemOf(ctx, sku).item,
      ...(ordered === undefined ? {} : { quantityRequested: eaches(ordered) }),
      quantityShipped: eaches(shipped),
      ...(short > 0 ? { quantityShort: eaches(String(short)), shortReason: 'out-of-stock' as const } : {}),
      ...(Array.isArray(l.serial_numbers) && l.serial_numbers.length
        ? { serialNumbers: l.serial_numbers.map(String) }
        : {}),
    };
  });

  const packages: ShipmentPackage[] = (Array.isArray(f?.packages) ? (f.packages as unknown[]) : []).map(
    (raw, p) => {
      const pkg = objectAt(raw) ?? {};
      const contents = (Array.isArray(pkg.line_items) ? (pkg.line_items as unknown[]) : []).map((c, i) => {
        const item = objectAt(c) ?? {};
        const path = `/fulfillment/packages/${p}/line_items/${i}`;
        const sku = m.text(item.sku, `${path}/sku`);
        return {
          lineNumber: lineBySku.get(sku) ?? 1,
          quantity: eaches(m.decimal(item.quantity, `${path}/quantity`, { nonNegative: true })),
        };
      });
      return {
        ...(typeof pkg.name === 'string' && pkg.name ? { packageId: pkg.name } : {}),
        ...(typeof pkg.tracking_number === 'string' && pkg.tracking_number
          ? { trackingNumber: pkg.tracking_number }
          : {}),
        ...(contents.length ? { contents } : {}),
      };
    },
  );

  const shippedAt = localToInstant(f?.created_at, timeZoneOf(ctx, warehouseId));
  if (f?.created_at !== undefined && !shippedAt) {
    m.add('/fulfillment/created_at', `${JSON.stringify(f.created_at)} is not a "YYYY-MM-DD HH:MM:SS" time`);
  }
  m.throwIfAny('webhook');
  const shipTo = objectAt(f?.shipping_address);
  const carrierName = typeof f?.shipping_carrier === 'string' ? f.shipping_carrier : undefined;
  const service = typeof f?.shipping_method === 'string' ? f.shipping_method : undefined;
  return {
    schemaVersion: '1',
    documentType: 'shipment',
    id: provisionalId(ctx.connectorId, 'shipment', shipmentId),
    legalEntityId: ctx.config.legalEntityId,
    source: sourceOf(ctx, shipmentId),
    shipmentNumber: shipmentId.slice(0, 64),
    salesOrderId: isCanonicalId(partnerOrderId)
      ? partnerOrderId
      : provisionalId(ctx.connectorId, 'sales-order', partnerOrderId),
    ...(typeof f?.order_number === 'string' && f.order_number ? { orderNumber: f.order_number } : {}),
    status: 'shipped',
    fromLocationId: locationIdOf(ctx, warehouseId),
    shipTo:
      shipTo && typeof shipTo.address1 === 'string' && typeof shipTo.city === 'string'
        ? {
            address: {
              lines: [shipTo.address1, ...(typeof shipTo.address2 === 'string' ? [shipTo.address2] : [])],
              city: shipTo.city,
              ...(typeof shipTo.state_code === 'string' && shipTo.state_code
                ? { region: shipTo.state_code }
                : {}),
              ...(typeof shipTo.zip === 'string' && shipTo.zip ? { postalCode: shipTo.zip } : {}),
              countryCode: typeof shipTo.country_code === 'string' ? shipTo.country_code : 'US',
            },
          }
        : { code: partnerOrderId.slice(0, 64) },
    ...(carrierName || service
      ? {
          carrier: {
            ...(carrierName ? { name: carrierName } : {}),
            ...(service ? { service } : {}),
            mode: 'parcel' as const,
          },
        }
      : {}),
    ...(shippedAt ? { shippedAt } : {}),
    ...(packages.length ? { packages } : {}),
    lines,
  };
}
