/**
 * Receiving purchase orders (ShipHero's expected receipts), on the warehouse's own after `receiveDelayMs` (in full,
 * with the configured variances) or through `POST /__sim/receive-purchase-order {po_number | partner_order_number,
 * lines: [{sku, quantity, condition?: good|damaged, rejected_quantity?}], close?}`. Each receipt is one batch: the
 * line totals grow as ShipHero keeps them (`quantity_received`, `quantity_rejected`), the batch is added to each
 * line's `receipts` (a simulator extension), accepted units go into stock and a signed "PO Update" is sent. An SKU
 * that is not on the PO arrives on a new line of quantity 0 (a wrong item); more than expected is an over receipt;
 * both are taken. The PO closes once every line is received in full, or when the call says `close: true`.
 */
import type { Simulator } from '../kit/simulator';
import { warehouseTimestamp, shipheroId } from './ids';
import { COLLECTIONS } from './records';
import type { SimPurchaseOrder, SimPurchaseOrderLine, SimPurchaseOrderReceipt } from './records';
import type { WmsSimSettings } from './settings';
import { changeOnHand, send, stockOf } from './warehouse';

type WmsSim = Simulator<WmsSimSettings>;

/** The conditions a purchase-order unit can be received in (damaged units are refused unless told otherwise). */
export const PO_RECEIPT_CONDITIONS = ['good', 'damaged'] as const;

/** What the route answers: the received PO, or the HTTP status and message of a refusal. */
export type PurchaseReceiptOutcome =
  { ok: true; po: SimPurchaseOrder } | { ok: false; status: number; message: string };

/** One SKU of a receiving batch. */
export interface PurchaseReceiptLine {
  sku: string;
  quantity: number;
  rejected: number;
  condition: SimPurchaseOrderReceipt['condition'];
}

const refuse = (status: number, message: string): PurchaseReceiptOutcome => ({ ok: false, status, message });
const posOf = (sim: WmsSim) => sim.store.collection<SimPurchaseOrder>(COLLECTIONS.purchaseOrders);
const isWhole = (value: unknown): value is number => Number.isInteger(value);

function named(body: Record<string, unknown>, field: string): string | PurchaseReceiptOutcome | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' && value.trim()
    ? value.trim()
    : refuse(400, `${field} must be a non-empty string`);
}

function find(sim: WmsSim, body: Record<string, unknown>): SimPurchaseOrder | PurchaseReceiptOutcome {
  const partnerOrderNumber = named(body, 'partner_order_number');
  const poNumber = named(body, 'po_number');
  if (typeof partnerOrderNumber === 'object') return partnerOrderNumber;
  if (typeof poNumber === 'object') return poNumber;
  if (partnerOrderNumber) {
    return (
      posOf(sim).find((p) => p.partner_order_number === partnerOrderNumber) ??
      refuse(404, `No purchase order has partner_order_number ${partnerOrderNumber}`)
    );
  }
  if (!poNumber) {
    return refuse(400, 'po_number or partner_order_number (the expected receipt to receive) is required');
  }
  const all = posOf(sim).filter((p) => p.po_number === poNumber);
  if (!all.length) return refuse(404, `No purchase order has po_number ${poNumber}`);
  const open = all.filter((p) => p.fulfillment_status === 'pending');
  if (open.length > 1) {
    return refuse(
      409,
      `po_number ${poNumber} names ${open.length} open purchase orders (partner_order_number ` +
        `${open.map((p) => p.partner_order_number).join(', ')}); name one by partner_order_number`,
    );
  }
  return open[0] ?? all[all.length - 1]!;
}

function conditionOf(value: unknown): PurchaseReceiptLine['condition'] | undefined {
  const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
  return PO_RECEIPT_CONDITIONS.find((c) => c === text);
}

function batchOf(lines: unknown): PurchaseReceiptLine[] | PurchaseReceiptOutcome {
  if (!Array.isArray(lines) || !lines.length) {
    return refuse(400, 'lines: at least one received line is required');
  }
  const batch: PurchaseReceiptLine[] = [];
  for (const [i, raw] of lines.entries()) {
    const l = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    if (typeof l.sku !== 'string' || !l.sku.trim()) return refuse(400, `lines.${i}.sku is required`);
    if (!isWhole(l.quantity) || l.quantity <= 0) {
      return refuse(400, `lines.${i}.quantity must be a whole number greater than 0`);
    }
    const condition = l.condition === undefined ? 'good' : conditionOf(l.condition);
    if (!condition) {
      return refuse(400, `lines.${i}.condition must be one of ${PO_RECEIPT_CONDITIONS.join(', ')}`);
    }
    const rejected = l.rejected_quantity ?? (condition === 'damaged' ? l.quantity : 0);
    if (!isWhole(rejected) || rejected < 0 || rejected > l.quantity) {
      return refuse(
        400,
        `lines.${i}.rejected_quantity must be a whole number from 0 to the quantity received (${l.quantity})`,
      );
    }
    batch.push({ sku: l.sku.trim(), quantity: l.quantity, rejected, condition });
  }
  return batch;
}

function lineFor(sim: WmsSim, po: SimPurchaseOrder, sku: string): SimPurchaseOrderLine {
  const found = po.line_items.find((l) => l.sku === sku);
  if (found) return found;
  const added: SimPurchaseOrderLine = {
    id: shipheroId('PurchaseOrderLineItem', sim.store.next('po-line', 500000)),
    sku,
    quantity: 0,
    quantity_received: 0,
    quantity_rejected: 0,
    receipts: [],
  };
  po.line_items.push(added);
  return added;
}

/** Sends "PO Update" for the purchase order as it now is. */
export function sendPoUpdate(sim: WmsSim, po: SimPurchaseOrder): void {
  send(sim, 'PO Update', {
    test: '0',
    purchase_order: {
      id: po.id,
      legacy_id: po.legacy_id,
      po_number: po.po_number,
      partner_order_number: po.partner_order_number,
      warehouse_id: po.warehouse_id,
      fulfillment_status: po.fulfillment_status,
      tracking_number: po.tracking_number ?? null,
      date_closed: po.date_closed ?? null,
      line_items: po.line_items.map((l) => ({ ...l, receipts: l.receipts.map((r) => ({ ...r })) })),
    },
  });
}

/** Records one receiving batch against `po`, stocks the accepted units, closes the PO when due, sends PO Update. */
export function recordPurchaseReceipt(
  sim: WmsSim,
  po: SimPurchaseOrder,
  batch: PurchaseReceiptLine[],
  options: { close?: boolean } = {},
): void {
  const legacyId = sim.store.next('purchase-order-receipt', 610000);
  const earlier = new Set(po.line_items.flatMap((l) => l.receipts.map((r) => r.id)));
  const now = warehouseTimestamp(sim.settings, po.warehouse_id);
  const receipt = {
    id: shipheroId('PurchaseOrderReceipt', legacyId),
    receipt_number: `${po.legacy_id}-${earlier.size + 1}`,
    created_at: now,
  };
  for (const b of batch) {
    const line = lineFor(sim, po, b.sku);
    line.receipts.push({
      ...receipt,
      quantity_received: b.quantity,
      quantity_rejected: b.rejected,
      condition: b.condition,
    });
    line.quantity_received += b.quantity;
    line.quantity_rejected += b.rejected;
    changeOnHand(
      sim,
      stockOf(sim, po.warehouse_id, b.sku),
      b.quantity - b.rejected,
      `Received from PO ${po.po_number}`,
    );
  }
  if (options.close || po.line_items.every((l) => l.quantity_received >= l.quantity)) {
    po.fulfillment_status = 'closed';
    po.date_closed = now;
  }
  sendPoUpdate(sim, po);
}

/** Receives the purchase order in full (with the configured variances) after the delay, unless received already. */
export function scheduleReceipt(sim: WmsSim, po: SimPurchaseOrder): void {
  sim.schedule(sim.settings.receiveDelayMs, () => {
    const current = posOf(sim).get(po.id);
    if (!sim.settings.autoReceivePurchaseOrders || !current || current.fulfillment_status !== 'pending')
      return;
    if (current.line_items.some((l) => l.receipts.length)) return;
    const batch = current.line_items
      .map((l) => ({
        sku: l.sku,
        quantity: Math.max(0, l.quantity + (sim.settings.receiptVarianceSkus[l.sku] ?? 0)),
        rejected: 0,
        condition: 'good' as const,
      }))
      .filter((b) => b.quantity > 0);
    recordPurchaseReceipt(sim, current, batch, { close: true });
  });
}

/** Receives `body.lines` against the purchase order named by `partner_order_number` or `po_number`. */
export function receivePurchaseOrder(sim: WmsSim, body: Record<string, unknown>): PurchaseReceiptOutcome {
  const po = find(sim, body);
  if ('ok' in po) return po;
  if (po.fulfillment_status !== 'pending') {
    return refuse(
      409,
      `Purchase order ${po.po_number} (partner_order_number ${po.partner_order_number}) is ${po.fulfillment_status}`,
    );
  }
  const batch = batchOf(body.lines);
  if (!Array.isArray(batch)) return batch;
  if (body.close !== undefined && typeof body.close !== 'boolean') {
    return refuse(400, 'close must be true or false');
  }
  recordPurchaseReceipt(sim, po, batch, { close: body.close === true });
  return { ok: true, po };
}
