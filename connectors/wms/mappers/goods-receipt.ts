/**
 * ShipHero "PO Update" webhook → canonical GoodsReceipts of type `purchase-order`. When the lines carry their
 * receiving batches (`line_items[].receipts`, one `id` per batch) each batch is one completed receipt whose id comes
 * from the PO and the batch, so a redelivered or later PO Update names the same receipts again (purchase-batches.ts).
 * A body without batches (ShipHero's documented shape) is one receipt of the line totals, completed once the PO is
 * closed. `poNumber` is the PO's `po_number`, `advanceShipNoticeId` the ASN id in its `partner_order_number`.
 */
import type { GoodsReceipt, GoodsReceiptLine } from '../../../canonical-model/generated/index';
import { compareDecimal } from '../../sdk/decimal';
import { MappingProblems, provisionalId } from '../../sdk/mapping';
import { asnIdOfReceiptKey } from './advance-ship-notice';
import type { MapContext } from './context';
import { eaches, isCanonicalId, itemOf, locationIdOf, objectAt, sourceOf, timeZoneOf } from './context';
import { localToInstant } from './local-time';
import { batchReceipts, varianceReason } from './purchase-batches';
import type { PoLine } from './purchase-batches';

const STATUS: Record<string, GoodsReceipt['status']> = {
  closed: 'completed',
  received: 'completed',
  canceled: 'cancelled',
  cancelled: 'cancelled',
};

/** The receipt fields every receipt of one PO Update shares. */
export type ReceiptHead = Omit<GoodsReceipt, 'id' | 'receiptNumber' | 'status' | 'receivedAt' | 'lines'>;

/** The PO's fulfillment_status in lower case ('' when it sends none). */
function statusText(po: Record<string, unknown> | undefined): string {
  return typeof po?.fulfillment_status === 'string' ? po.fulfillment_status.toLowerCase() : '';
}

function readLines(m: MappingProblems, po: Record<string, unknown> | undefined): PoLine[] {
  const rawLines = Array.isArray(po?.line_items) ? (po.line_items as unknown[]) : [];
  if (po && !rawLines.length) m.add('/purchase_order/line_items', 'has no line items');
  return rawLines.map((raw, i) => {
    const path = `/purchase_order/line_items/${i}`;
    const l = objectAt(raw) ?? {};
    return {
      path,
      raw: l,
      sku: m.text(l.sku, `${path}/sku`),
      expected: m.decimal(l.quantity, `${path}/quantity`, { nonNegative: true }),
      received: m.decimal(l.quantity_received, `${path}/quantity_received`, { nonNegative: true }),
      rejected:
        l.quantity_rejected === undefined || l.quantity_rejected === null
          ? '0'
          : m.decimal(l.quantity_rejected, `${path}/quantity_rejected`, { nonNegative: true }),
    };
  });
}

/** The line totals as one receipt (a PO Update without batches). */
function totalsReceipt(
  ctx: MapContext,
  head: ReceiptHead,
  poId: string,
  po: Record<string, unknown> | undefined,
  lines: PoLine[],
  receivedAt: string,
): GoodsReceipt {
  const status = STATUS[statusText(po)] ?? 'in-progress';
  return {
    ...head,
    id: provisionalId(ctx.connectorId, 'goods-receipt', poId),
    receiptNumber: (head.poNumber ?? poId).slice(0, 64),
    status,
    receivedAt,
    lines: lines.map((l, i): GoodsReceiptLine => {
      const wrongItem = compareDecimal(l.expected, '0') === 0 && compareDecimal(l.received, '0') > 0;
      const reason = wrongItem ? 'not on the purchase order' : varianceReason(l.received, l.expected);
      return {
        lineNumber: i + 1,
        item: itemOf(ctx, l.sku).item,
        quantityExpected: eaches(l.expected),
        quantityReceived: eaches(l.received),
        ...(compareDecimal(l.rejected, '0') > 0 ? { quantityRejected: eaches(l.rejected) } : {}),
        ...(wrongItem ? { condition: 'wrong-item' as const } : {}),
        ...(reason ? { reason } : {}),
      };
    }),
  };
}

/** Maps the whole webhook body; throws a `data` HubError naming each vendor field that does not map. */
export function mapPoUpdate(payload: unknown, ctx: MapContext, now = new Date()): GoodsReceipt[] {
  const m = new MappingProblems('ShipHero PO Update');
  const po = objectAt(objectAt(payload)?.purchase_order);
  if (!po) m.add('/purchase_order', 'is missing');
  const poId = m.text(po?.id, '/purchase_order/id');
  const poNumber = m.text(po?.po_number, '/purchase_order/po_number');
  const warehouseId = m.text(po?.warehouse_id, '/purchase_order/warehouse_id');
  const lines = readLines(m, po);
  const zone = timeZoneOf(ctx, warehouseId);
  const closedAt = localToInstant(po?.date_closed, zone);
  if (po?.date_closed !== undefined && po.date_closed !== null && !closedAt) {
    m.add(
      '/purchase_order/date_closed',
      `${JSON.stringify(po.date_closed)} is not a "YYYY-MM-DD HH:MM:SS" time`,
    );
  }
  const batched = lines.some((l) => Array.isArray(l.raw.receipts) && l.raw.receipts.length);
  const closed = STATUS[statusText(po)] === 'completed';
  const batches = batched ? batchReceipts(m, ctx, lines, { poId, zone, closed }) : [];
  m.throwIfAny('webhook');
  const key = typeof po?.partner_order_number === 'string' ? po.partner_order_number : '';
  const asnId = asnIdOfReceiptKey(key);
  const tracking =
    typeof po?.tracking_number === 'string' && po.tracking_number ? po.tracking_number : undefined;
  const head: ReceiptHead = {
    schemaVersion: '1',
    documentType: 'goods-receipt',
    legalEntityId: ctx.config.legalEntityId,
    source: sourceOf(ctx, poId),
    type: 'purchase-order',
    locationId: locationIdOf(ctx, warehouseId),
    poNumber: poNumber.slice(0, 64),
    ...(asnId && isCanonicalId(asnId) ? { advanceShipNoticeId: asnId } : {}),
    ...(tracking ? { billOfLading: tracking.slice(0, 64) } : {}),
  };
  const fallbackAt = closedAt ?? now.toISOString();
  if (!batched) return [totalsReceipt(ctx, head, poId, po, lines, fallbackAt)];
  return batches.map((b) => ({
    ...head,
    source: sourceOf(ctx, poId, b.batchId),
    id: b.id,
    receiptNumber: b.receiptNumber,
    status: 'completed',
    receivedAt: b.receivedAt ?? fallbackAt,
    lines: b.lines,
  }));
}
