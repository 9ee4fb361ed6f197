/**
 * ShipHero "Return Update" webhook → canonical GoodsReceipt of type `return`: one line per received batch (an
 * item's `receipts`, else the item itself), its condition, and the units not restocked as rejected. `returnId` is
 * the return's `partner_id` (the hub's Return id); a return with nothing received yet maps to no receipt.
 */
import type { GoodsReceipt, GoodsReceiptLine } from '../../../canonical-model/generated/index';
import { compareDecimal, subtractDecimal } from '../../sdk/decimal';
import { MappingProblems, provisionalId } from '../../sdk/mapping';
import type { MapContext } from './context';
import { eaches, isCanonicalId, itemOf, locationIdOf, objectAt, sourceOf, timeZoneOf } from './context';
import { localToInstant } from './local-time';

type Condition = NonNullable<GoodsReceiptLine['condition']>;

/** ShipHero's return conditions (lower-case, "_" for spaces and hyphens) in canonical terms. */
export const RETURN_CONDITIONS: Readonly<Record<string, Condition>> = Object.freeze({
  good: 'good',
  new: 'good',
  sellable: 'good',
  damaged: 'damaged',
  defective: 'damaged',
  expired: 'expired',
  wrong_item: 'wrong-item',
  quarantine: 'quarantined',
  quarantined: 'quarantined',
});

const COMPLETE = new Set(['complete', 'completed', 'received', 'closed', 'restocked']);

interface Batch {
  path: string;
  received: unknown;
  restocked: unknown;
  condition: unknown;
  at: unknown;
}

/** The received batches of one item: its `receipts`, or the item as one batch when it lists none. */
function batchesOf(item: Record<string, unknown>, path: string): Batch[] {
  if (Array.isArray(item.receipts) && item.receipts.length) {
    return item.receipts.map((raw, r) => {
      const b = objectAt(raw) ?? {};
      const at = `${path}/receipts/${r}`;
      return {
        path: at,
        received: b.quantity_received,
        restocked: b.quantity_restocked ?? b.quantity_received,
        condition: b.condition,
        at: b.created_at,
      };
    });
  }
  const received = item.quantity_received;
  if (received === undefined || received === null || Number(received) === 0) return [];
  return [{ path, received, restocked: item.restock ?? received, condition: item.condition, at: undefined }];
}

function lineNumberOf(partnerLineItemId: unknown, returnId: string): number | undefined {
  if (typeof partnerLineItemId !== 'string' || !partnerLineItemId.startsWith(`${returnId}:`))
    return undefined;
  const n = Number(partnerLineItemId.slice(returnId.length + 1));
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Maps the webhook body; undefined when nothing has been received; a `data` HubError naming bad vendor fields. */
export function mapReturnUpdate(
  payload: unknown,
  ctx: MapContext,
  now = new Date(),
): GoodsReceipt | undefined {
  const m = new MappingProblems('ShipHero Return Update');
  const body = objectAt(payload) ?? {};
  const rawItems = Array.isArray(body.items) ? (body.items as unknown[]) : undefined;
  if (!rawItems) m.add('/items', 'is missing');
  const items = (rawItems ?? []).map((raw, i) => ({ item: objectAt(raw) ?? {}, path: `/items/${i}` }));
  const batches = items.flatMap(({ item, path }) => batchesOf(item, path).map((b) => ({ item, batch: b })));
  if (rawItems && !batches.length) return undefined;
  const returnUuid = m.text(body.return_uuid, '/return_uuid');
  const returnId = m.text(body.partner_id, '/partner_id');
  if (returnId && !isCanonicalId(returnId)) m.add('/partner_id', `${returnId} is not a hub Return id`);
  const warehouseId = m.text(items[0]?.item.warehouse_id, '/items/0/warehouse_id');
  const zone = timeZoneOf(ctx, warehouseId);
  let receivedAt: string | undefined;
  const lines: GoodsReceiptLine[] = batches.map(({ item, batch }, i) => {
    const itemPath = batch.path.replace(/\/receipts\/\d+$/, '');
    const sku = m.text(item.sku, `${itemPath}/sku`);
    const received = m.decimal(batch.received, `${batch.path}/quantity_received`, { nonNegative: true });
    const restocked = m.decimal(batch.restocked, `${batch.path}/quantity_restocked`, { nonNegative: true });
    const rejected = compareDecimal(received, restocked) > 0 ? subtractDecimal(received, restocked) : '0';
    const key =
      typeof batch.condition === 'string'
        ? batch.condition
            .trim()
            .toLowerCase()
            .replace(/[\s-]+/g, '_')
        : '';
    const condition = key ? RETURN_CONDITIONS[key] : rejected === '0' ? 'good' : undefined;
    if (!condition) {
      m.add(
        `${batch.path}/condition`,
        `${JSON.stringify(batch.condition) ?? 'nothing'} is not a return condition (${Object.keys(RETURN_CONDITIONS).join(', ')})`,
      );
    }
    const at = batch.at === undefined ? undefined : localToInstant(batch.at, zone);
    if (batch.at !== undefined && !at) {
      m.add(`${batch.path}/created_at`, `${JSON.stringify(batch.at)} is not a "YYYY-MM-DD HH:MM:SS" time`);
    }
    if (at && (!receivedAt || Date.parse(at) > Date.parse(receivedAt))) receivedAt = at;
    const orderLineNumber = lineNumberOf(item.partner_line_item_id, returnId);
    return {
      lineNumber: i + 1,
      ...(orderLineNumber ? { orderLineNumber } : {}),
      item: itemOf(ctx, sku).item,
      quantityReceived: eaches(received),
      ...(rejected !== '0' ? { quantityRejected: eaches(rejected) } : {}),
      ...(condition ? { condition } : {}),
    };
  });
  m.throwIfAny('webhook');
  const status = typeof body.status === 'string' ? body.status.toLowerCase() : '';
  return {
    schemaVersion: '1',
    documentType: 'goods-receipt',
    id: provisionalId(ctx.connectorId, 'goods-receipt', returnUuid),
    legalEntityId: ctx.config.legalEntityId,
    source: sourceOf(ctx, returnUuid),
    receiptNumber: (typeof body.return_id === 'number' ||
    (typeof body.return_id === 'string' && body.return_id)
      ? String(body.return_id)
      : returnUuid
    ).slice(0, 64),
    type: 'return',
    status: COMPLETE.has(status) ? 'completed' : 'in-progress',
    locationId: locationIdOf(ctx, warehouseId),
    receivedAt: receivedAt ?? now.toISOString(),
    returnId,
    ...(typeof body.tracking_number === 'string' && body.tracking_number
      ? { billOfLading: body.tracking_number.slice(0, 64) }
      : {}),
    lines,
  };
}
