/**
 * WMS receipts against the PO (each receipt id once; only completed receipts count). A receipt is posted in the
 * ERP, its good units go into stock and its supply is settled received; the sales orders the PO was bought for are
 * told. Variances become exceptions owned by the policy's exception owner:
 * - damaged / wrong-item: refused units (`quantityRejected`; a line whose condition is not good and that names no
 *   rejected quantity is refused whole). They are never stocked.
 * - wrong-item: a received SKU that is not on the PO (nothing of it is stocked or billable until decided).
 * - over-receipt and short-receipt: see variances.ts.
 * A receipt before any acknowledgement counts as acceptance (like an ASN).
 */
import { addDecimal, subtractDecimal } from '../../canonical-model/decimal';
import { implicitAck } from './acknowledgement';
import type { GoodsReceiptLine } from '../../canonical-model/generated/index';
import { inboundDocument } from './documents';
import { cancelledLine, min, positive, skuOf } from './lines';
import type { PoLine } from './lines';
import type { PoState, TrackedAsn } from './state';
import { DISCARDED, bookkeeping, connectorCalls, step } from './steps';
import { settleAsnSupply, syncLineSupply } from './supply';
import { checkShortReceipts, stockGood } from './variances';
import type { PurchaseOrderView, ReceiptReceived } from './types';

/** A receipt line's units: everything that arrived, the refused part and the good rest. */
export function unitsOf(rl: GoodsReceiptLine): { received: string; refused: string; good: string } {
  const received = rl.quantityReceived.value;
  const bad = rl.condition !== undefined && rl.condition !== 'good';
  const refused = min(received, rl.quantityRejected?.value ?? (bad ? received : '0'));
  return { received, refused, good: subtractDecimal(received, refused) };
}

/** The PO line a receipt line is for: its order line when the SKU agrees, else the first line with its SKU. */
function lineFor(s: PoState, rl: GoodsReceiptLine): PoLine | undefined {
  const sku = skuOf(rl.item);
  const byNumber = rl.orderLineNumber === undefined ? undefined : s.line(rl.orderLineNumber);
  if (byNumber && (!sku || byNumber.sku === sku)) return byNumber;
  return s.book.find((l) => l.sku === sku && !cancelledLine(l)) ?? s.book.find((l) => l.sku === sku);
}

/** The ASN a receipt is against: the one it names, else the first in transit that ships all its lines. */
function asnFor(s: PoState, asnId: string | undefined, lineNumbers: number[]): TrackedAsn | undefined {
  if (asnId) return s.asns.find((a) => a.asnId === asnId);
  return s.asns.find((a) => !a.received && lineNumbers.every((n) => a.lines.some((l) => l.lineNumber === n)));
}

/**
 * The receipt as the ERP gets it: against this PO (a WMS receipt may not carry the hub's PO id), each line on its PO
 * line, no more than the line still had open (the excess is the over-receipt exception's), lines of SKUs not on the
 * PO left out (the wrong-item exception's). Undefined when nothing is left to post.
 */
function erpReceiptOf(s: PoState, g: ReceiptReceived['receipt']): ReceiptReceived['receipt'] | undefined {
  const open = new Map(
    s.book.map((l) => [l.lineNumber, subtractDecimal(subtractDecimal(l.ordered, l.cancelled), l.received)]),
  );
  const lines: GoodsReceiptLine[] = [];
  for (const rl of g.lines) {
    const line = lineFor(s, rl);
    const left = line ? open.get(line.lineNumber) : undefined;
    if (!line || left === undefined || !positive(left)) continue;
    const quantity = min(rl.quantityReceived.value, left);
    open.set(line.lineNumber, subtractDecimal(left, quantity));
    const rejected = rl.quantityRejected ? min(rl.quantityRejected.value, quantity) : undefined;
    lines.push({
      ...rl,
      orderLineNumber: line.lineNumber,
      quantityReceived: { ...rl.quantityReceived, value: quantity },
      ...(rejected !== undefined && rl.quantityRejected
        ? { quantityRejected: { ...rl.quantityRejected, value: rejected } }
        : {}),
    });
  }
  if (!lines.length) return undefined;
  const po = s.input.purchaseOrder;
  return { ...g, purchaseOrderId: po.id, poNumber: po.poNumber, supplierId: po.supplierId, lines };
}

/** Handles one receipt signal. */
export async function handleReceipt(s: PoState, received: ReceiptReceived): Promise<void> {
  const g = received.receipt;
  if (g.status !== 'completed') {
    s.note({
      kind: 'document',
      step: 'receipt',
      message: `receipt ${g.receiptNumber} is ${g.status}; waiting for it to complete`,
    });
    return;
  }
  if (s.seen.has(`receipt:${g.id}`)) {
    s.note({ kind: 'document', step: 'duplicate', message: `receipt ${g.receiptNumber} already handled` });
    return;
  }
  s.seen.add(`receipt:${g.id}`);
  implicitAck(s, `receipt ${g.receiptNumber}`);
  s.documents.push(inboundDocument('goods-receipt', g, received.connectorId, s.now(), g.receiptNumber));
  s.note({
    kind: 'document',
    step: 'receipt',
    message: `receipt ${g.receiptNumber}`,
    documentId: g.id,
    documentType: 'goods-receipt',
    connectorId: received.connectorId,
  });
  const view: PurchaseOrderView['receipts'][number] = {
    receiptId: g.id,
    receiptNumber: g.receiptNumber,
    lines: [],
  };
  const erp = s.input.policy.erpConnectorId;
  // Built before the receipt's units are booked on the lines: what each line still had open before it.
  const forErp = erpReceiptOf(s, g);
  if (erp && forErp) {
    const posted = await step(
      s,
      `erp-receipt/${g.id}`,
      { receiptId: g.id },
      () => connectorCalls.postErpReceipt({ erpConnectorId: erp, receipt: forErp }),
      erp,
    );
    if (posted !== DISCARDED) {
      view.erpExternalId = posted.externalId;
      s.note({
        kind: 'connector-call',
        step: 'erp-receipt',
        message: `receipt posted in the ERP as ${posted.documentNumber ?? posted.externalId}`,
        connectorId: erp,
      });
    }
  }
  const stock: { lineNumber: number; sku: string; locationId: string; quantity: string }[] = [];
  for (const rl of g.lines) {
    const units = unitsOf(rl);
    const l = lineFor(s, rl);
    const subject = { receiptId: g.id, receiptLineNumber: rl.lineNumber, locationId: g.locationId };
    if (!l) {
      const sku = skuOf(rl.item);
      s.raise(
        {
          kind: 'wrong-item',
          expected: s.book.map((x) => x.sku).join(', '),
          actual: sku,
          documentId: g.id,
          message: `receipt line ${rl.lineNumber}: ${units.received} of ${sku}, which is not on the PO`,
        },
        { ...subject, quantity: units.received, sku },
      );
      continue;
    }
    l.received = addDecimal(l.received, units.received);
    l.rejected = addDecimal(l.rejected, units.refused);
    view.lines.push({ lineNumber: l.lineNumber, received: units.received, rejected: units.refused });
    if (positive(units.refused))
      s.raise(
        {
          kind: rl.condition === 'wrong-item' ? 'wrong-item' : 'damaged',
          lineNumber: l.lineNumber,
          expected: units.received,
          actual: units.good,
          documentId: g.id,
          message: `line ${l.lineNumber}: ${units.refused} of ${units.received} ${l.uom} refused (${rl.condition ?? 'rejected'})${rl.reason ? `: ${rl.reason}` : ''}`,
        },
        { ...subject, quantity: units.refused, sku: l.sku },
      );
    const now = positive(units.good) ? stockGood(s, l, units.good, subject) : '0';
    l.stocked = addDecimal(l.stocked, now);
    if (positive(now))
      stock.push({ lineNumber: rl.lineNumber, sku: l.sku, locationId: g.locationId, quantity: now });
  }
  s.receipts.push(view);
  if (stock.length)
    await step(s, `receive-stock/${g.id}`, { receiptId: g.id }, () =>
      bookkeeping.receiveStock({ receiptId: g.id, lines: stock }),
    );
  const asn = asnFor(
    s,
    g.advanceShipNoticeId,
    view.lines.map((l) => l.lineNumber),
  );
  if (asn && !asn.received) {
    asn.received = true;
    await settleAsnSupply(s, asn, 'received');
  }
  await syncLineSupply(s, s.book, 'received');
  if (stock.length) await notifyStock(s, `receipt ${g.receiptNumber} of ${s.input.purchaseOrder.poNumber}`);
  checkShortReceipts(s);
}

/** Tells the sales orders the PO was bought for that stock arrived. */
export async function notifyStock(s: PoState, reason: string): Promise<void> {
  const salesOrderIds = [
    ...new Set(s.input.origin.signals.map((x) => x.salesOrderId).filter((x): x is string => !!x)),
  ];
  if (!salesOrderIds.length) return;
  await step(s, `notify-stock/v${s.version}`, { salesOrderIds }, () =>
    bookkeeping.notifyStockArrived({ salesOrderIds, reason }),
  );
  s.note({
    kind: 'step',
    step: 'stock-arrived',
    message: `${salesOrderIds.join(', ')} told that stock arrived`,
  });
}
