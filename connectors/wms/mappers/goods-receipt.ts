/** ShipHero "PO Update" webhook → canonical GoodsReceipt, with what was expected beside what arrived. */
import type { GoodsReceipt, GoodsReceiptLine } from '../../../canonical-model/generated/index';
import { MappingProblems, provisionalId } from '../../sdk/mapping';
import type { MapContext } from './context';
import { eaches, isCanonicalId, itemOf, locationIdOf, objectAt, sourceOf, timeZoneOf } from './context';
import { localToInstant } from './local-time';

const STATUS: Record<string, GoodsReceipt['status']> = {
  closed: 'completed',
  received: 'completed',
  canceled: 'cancelled',
  cancelled: 'cancelled',
};

/** Maps the whole webhook body; throws a `data` HubError naming each vendor field that does not map. */
export function mapPoUpdate(payload: unknown, ctx: MapContext, now = new Date()): GoodsReceipt {
  const m = new MappingProblems('ShipHero PO Update');
  const po = objectAt(objectAt(payload)?.purchase_order);
  if (!po) m.add('/purchase_order', 'is missing');
  const poId = m.text(po?.id, '/purchase_order/id');
  const poNumber = m.text(po?.po_number, '/purchase_order/po_number');
  const warehouseId = m.text(po?.warehouse_id, '/purchase_order/warehouse_id');
  const rawLines = Array.isArray(po?.line_items) ? (po.line_items as unknown[]) : [];
  if (po && !rawLines.length) m.add('/purchase_order/line_items', 'has no line items');
  const lines: GoodsReceiptLine[] = rawLines.map((raw, i) => {
    const path = `/purchase_order/line_items/${i}`;
    const l = objectAt(raw) ?? {};
    const sku = m.text(l.sku, `${path}/sku`);
    const expected = m.decimal(l.quantity, `${path}/quantity`, { nonNegative: true });
    const received = m.decimal(l.quantity_received, `${path}/quantity_received`, { nonNegative: true });
    const rejected =
      l.quantity_rejected === undefined
        ? '0'
        : m.decimal(l.quantity_rejected, `${path}/quantity_rejected`, { nonNegative: true });
    const variance = Number(received) - Number(expected);
    return {
      lineNumber: i + 1,
      item: itemOf(ctx, sku).item,
      quantityExpected: eaches(expected),
      quantityReceived: eaches(received),
      ...(Number(rejected) > 0 ? { quantityRejected: eaches(rejected) } : {}),
      ...(variance !== 0
        ? { reason: `${Math.abs(variance)} ${variance > 0 ? 'more' : 'fewer'} than expected received` }
        : {}),
    };
  });
  const status =
    STATUS[(typeof po?.fulfillment_status === 'string' ? po.fulfillment_status : '').toLowerCase()] ??
    'in-progress';
  const closedAt = localToInstant(po?.date_closed, timeZoneOf(ctx, warehouseId));
  if (po?.date_closed !== undefined && po.date_closed !== null && !closedAt) {
    m.add(
      '/purchase_order/date_closed',
      `${JSON.stringify(po.date_closed)} is not a "YYYY-MM-DD HH:MM:SS" time`,
    );
  }
  m.throwIfAny('webhook');
  const asnId = typeof po?.partner_order_number === 'string' ? po.partner_order_number : '';
  const tracking =
    typeof po?.tracking_number === 'string' && po.tracking_number ? po.tracking_number : undefined;
  return {
    schemaVersion: '1',
    documentType: 'goods-receipt',
    id: provisionalId(ctx.connectorId, 'goods-receipt', poId),
    legalEntityId: ctx.config.legalEntityId,
    source: sourceOf(ctx, poId),
    receiptNumber: poNumber.slice(0, 64),
    type: 'purchase-order',
    status,
    locationId: locationIdOf(ctx, warehouseId),
    receivedAt: closedAt ?? now.toISOString(),
    poNumber: poNumber.slice(0, 64),
    ...(asnId && isCanonicalId(asnId) ? { advanceShipNoticeId: asnId } : {}),
    ...(tracking ? { billOfLading: tracking.slice(0, 64) } : {}),
    lines,
  };
}
