/**
 * The receiving batches of a ShipHero PO Update (`line_items[].receipts`, a batch's lines sharing its `id`) as one
 * receipt each. A batch line expects what was still open on its PO line when the batch came; an SKU on a line of
 * quantity 0 was not on the PO (a wrong item); more than was open is an over receipt.
 */
import type { GoodsReceiptLine } from '../../../canonical-model/generated/index';
import { addDecimal, compareDecimal, subtractDecimal } from '../../sdk/decimal';
import { provisionalId } from '../../sdk/mapping';
import type { MappingProblems } from '../../sdk/mapping';
import type { MapContext } from './context';
import { eaches, itemOf, objectAt } from './context';
import { localToInstant } from './local-time';
import { RETURN_CONDITIONS } from './return-receipt';

type Condition = NonNullable<GoodsReceiptLine['condition']>;

/** One PO line as read: its SKU, the quantity ordered and what was received of it in all. */
export interface PoLine {
  path: string;
  raw: Record<string, unknown>;
  sku: string;
  expected: string;
  received: string;
  rejected: string;
}

/** One receiving batch, ready to become a GoodsReceipt. */
export interface ReceiptBatch {
  batchId: string;
  /** Unique per PO and batch: the same batch maps to the same id in every PO Update that carries it. */
  id: string;
  receiptNumber: string;
  receivedAt?: string;
  lines: GoodsReceiptLine[];
}

/** Why a received quantity differs from the expected one, or undefined when it does not. */
export function varianceReason(received: string, expected: string): string | undefined {
  const c = compareDecimal(received, expected);
  if (c === 0) return undefined;
  return c > 0
    ? `${subtractDecimal(received, expected)} more than expected received`
    : `${subtractDecimal(expected, received)} fewer than expected received`;
}

function conditionOf(
  m: MappingProblems,
  value: unknown,
  path: string,
  rejected: string,
): Condition | undefined {
  if (value === undefined || value === null || value === '') {
    return compareDecimal(rejected, '0') === 0 ? 'good' : undefined;
  }
  const key =
    typeof value === 'string'
      ? value
          .trim()
          .toLowerCase()
          .replace(/[\s-]+/g, '_')
      : '';
  const condition = RETURN_CONDITIONS[key];
  if (!condition) {
    m.add(
      path,
      `${JSON.stringify(value)} is not a receiving condition (${Object.keys(RETURN_CONDITIONS).join(', ')})`,
    );
  }
  return condition;
}

interface Building {
  receiptNumber: string;
  at?: string;
  order: number;
  lines: GoodsReceiptLine[];
}

/** The batches of `lines`, oldest first; problems with a batch's fields are added to `m`. */
export function batchReceipts(
  m: MappingProblems,
  ctx: MapContext,
  lines: PoLine[],
  po: { poId: string; zone: string; closed: boolean },
): ReceiptBatch[] {
  const batches = new Map<string, Building>();
  for (const line of lines) {
    const receipts = Array.isArray(line.raw.receipts) ? (line.raw.receipts as unknown[]) : [];
    const wrongItem = compareDecimal(line.expected, '0') === 0;
    let before = '0';
    receipts.forEach((raw, r) => {
      const path = `${line.path}/receipts/${r}`;
      const b = objectAt(raw) ?? {};
      const batchId = m.text(b.id, `${path}/id`);
      const received = m.decimal(b.quantity_received, `${path}/quantity_received`, { nonNegative: true });
      const rejected =
        b.quantity_rejected === undefined || b.quantity_rejected === null
          ? '0'
          : m.decimal(b.quantity_rejected, `${path}/quantity_rejected`, { nonNegative: true });
      if (compareDecimal(rejected, received) > 0) {
        m.add(`${path}/quantity_rejected`, `${rejected} is more than the ${received} received`);
      }
      const condition = conditionOf(m, b.condition, `${path}/condition`, rejected);
      const at = b.created_at === undefined ? undefined : localToInstant(b.created_at, po.zone);
      if (b.created_at !== undefined && !at) {
        m.add(`${path}/created_at`, `${JSON.stringify(b.created_at)} is not a "YYYY-MM-DD HH:MM:SS" time`);
      }
      const open = compareDecimal(line.expected, before) > 0 ? subtractDecimal(line.expected, before) : '0';
      before = addDecimal(before, received);
      const over = compareDecimal(received, open) > 0;
      const closedShort = po.closed && r === receipts.length - 1 && compareDecimal(received, open) < 0;
      const reason = wrongItem
        ? 'not on the purchase order'
        : over || closedShort
          ? varianceReason(received, open)
          : undefined;
      const entry: Building = batches.get(batchId) ?? {
        receiptNumber:
          typeof b.receipt_number === 'string' && b.receipt_number.trim() ? b.receipt_number.trim() : batchId,
        order: batches.size,
        lines: [],
      };
      batches.set(batchId, entry);
      if (at && (!entry.at || Date.parse(at) > Date.parse(entry.at))) entry.at = at;
      entry.lines.push({
        lineNumber: entry.lines.length + 1,
        item: itemOf(ctx, line.sku).item,
        quantityExpected: eaches(open),
        quantityReceived: eaches(received),
        ...(compareDecimal(rejected, '0') > 0 ? { quantityRejected: eaches(rejected) } : {}),
        ...(wrongItem ? { condition: 'wrong-item' as const } : condition ? { condition } : {}),
        ...(reason ? { reason } : {}),
      });
    });
    if (receipts.length && compareDecimal(before, line.received) !== 0) {
      m.add(
        `${line.path}/receipts`,
        `the batches add up to ${before} received, the line says ${line.received}`,
      );
    }
  }
  return [...batches]
    .sort(([, a], [, b]) => (a.at && b.at ? Date.parse(a.at) - Date.parse(b.at) : 0) || a.order - b.order)
    .map(([batchId, b]) => ({
      batchId,
      id: provisionalId(ctx.connectorId, 'goods-receipt', `${po.poId}:${batchId}`),
      receiptNumber: b.receiptNumber.slice(0, 64),
      ...(b.at ? { receivedAt: b.at } : {}),
      lines: b.lines,
    }));
}
