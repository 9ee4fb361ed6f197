/**
 * The supplier's acknowledgement (855 or portal), applied line by line: accepted; a changed quantity (the
 * acknowledged quantity is what is bought from then on); a changed delivery date (the promised date, and the
 * supply's due date); a changed price — applied when it is lower or at most `ackPriceTolerancePercent` higher,
 * else a price-change exception that waits for the buyer (status price-review); a rejected line is re-sourced. An
 * ASN that comes first counts as acceptance of every open line. No acknowledgement within `ackTimeoutHours` is
 * escalated once (ack-overdue) and the PO keeps waiting.
 */
import { addDecimal, compareDecimal, subtractDecimal } from '../../canonical-model/decimal';
import type { PurchaseOrderAckLine } from '../../canonical-model/generated/index';
import { inboundDocument } from './documents';
import { cancelledLine, max, percentOf, positive, target } from './lines';
import type { PoLine } from './lines';
import { reSource } from './resourcing';
import type { PoState } from './state';
import { bookkeeping, save, step } from './steps';
import { syncLineSupply } from './supply';
import type { AckReceived } from './types';

/** Closes the ack-overdue exception once the supplier has answered. */
function answered(s: PoState, how: string): void {
  s.acked = true;
  for (const e of s.open('ack-overdue'))
    s.resolve(e, { exceptionId: e.exceptionId, action: 'accept', by: 'supplier', reason: how });
}

/** An ASN (or a receipt) before any acknowledgement: every open line counts as accepted as ordered. */
export function implicitAck(s: PoState, what: string): void {
  if (s.acked) return;
  answered(s, `${what} came before an acknowledgement`);
  for (const l of s.book.filter((x) => x.ack === 'open')) {
    l.ack = 'acknowledged';
    l.acknowledged = target(l);
  }
  s.note({
    kind: 'step',
    step: 'implicit-ack',
    message: `${what} came before an acknowledgement: taken as acceptance of the PO as ordered`,
  });
}

/** Applies a price the supplier acknowledged: at once when within tolerance, else a price-change exception. */
function applyPrice(s: PoState, l: PoLine, price: string, documentId: string): void {
  if (compareDecimal(price, l.unitPrice) === 0) return;
  const allowed = percentOf(l.unitPrice, s.input.policy.ackPriceTolerancePercent);
  if (compareDecimal(subtractDecimal(price, l.unitPrice), allowed) <= 0) {
    s.note({
      kind: 'step',
      step: 'price',
      message: `line ${l.lineNumber}: price ${l.unitPrice} → ${price} applied`,
    });
    l.unitPrice = price;
    return;
  }
  l.ack = 'price-review';
  s.raise(
    {
      kind: 'price-change',
      lineNumber: l.lineNumber,
      expected: l.unitPrice,
      actual: price,
      documentId,
      message: `line ${l.lineNumber}: supplier asks ${price} instead of ${l.unitPrice}, more than ${s.input.policy.ackPriceTolerancePercent}% above`,
    },
    { price },
  );
}

/** Applies one accepted, backordered or changed line. */
function applyLine(s: PoState, l: PoLine, a: PurchaseOrderAckLine | undefined, documentId: string): void {
  const quantity = a?.changes?.quantity?.value ?? a?.quantityAccepted?.value;
  l.ack = 'acknowledged';
  l.acknowledged = quantity ?? target(l);
  if (quantity !== undefined) {
    // A cut cannot take back what already shipped or arrived.
    const cut = max('0', subtractDecimal(target(l), max(quantity, max(l.shipped, l.received))));
    if (positive(cut)) {
      l.cancelled = addDecimal(l.cancelled, cut);
      s.note({
        kind: 'step',
        step: 'quantity',
        message: `line ${l.lineNumber}: supplier confirms ${quantity}; ${cut} ${l.uom} no longer expected`,
      });
    }
  }
  const date = a?.changes?.deliveryDate;
  if (date && date !== l.promisedDate) {
    l.promisedDate = date;
    s.note({ kind: 'step', step: 'date', message: `line ${l.lineNumber}: delivery promised for ${date}` });
  }
  const price = a?.changes?.unitPrice?.amount;
  if (price !== undefined) applyPrice(s, l, price, documentId);
  if (a?.status === 'backordered')
    s.note({
      kind: 'step',
      step: 'backordered',
      message: `line ${l.lineNumber} backordered at the supplier${a.reason ? `: ${a.reason}` : ''}`,
    });
}

/** Applies an acknowledgement (each ack id once); a rejected header rejects every line it does not accept. */
export async function applyAck(s: PoState, received: AckReceived): Promise<void> {
  const ack = received.ack;
  const key = `ack:${ack.id}`;
  if (s.seen.has(key)) {
    s.note({ kind: 'document', step: 'duplicate', message: `acknowledgement ${ack.id} already applied` });
    return;
  }
  s.seen.add(key);
  s.documents.push(inboundDocument('purchase-order-ack', ack, received.connectorId, s.now(), ack.ackNumber));
  s.note({
    kind: 'document',
    step: 'ack',
    message: `acknowledgement ${ack.ackNumber ?? ack.id}: ${ack.status}`,
    documentId: ack.id,
    documentType: 'purchase-order-ack',
    connectorId: received.connectorId,
  });
  answered(s, `acknowledgement ${ack.ackNumber ?? ack.id}`);
  const rejected: PoLine[] = [];
  for (const l of s.book) {
    if (l.ack === 'rejected' || cancelledLine(l)) continue;
    const a = ack.lines.find((x) => x.lineNumber === l.lineNumber);
    const accepted = a !== undefined && a.status !== 'rejected';
    if (a?.status === 'rejected' || (ack.status === 'rejected' && !accepted)) rejected.push(l);
    else applyLine(s, l, a, ack.id);
  }
  for (const a of ack.lines.filter((x) => !s.line(x.lineNumber)))
    s.note({
      kind: 'document',
      step: 'ack',
      message: `acknowledgement names line ${a.lineNumber}, which is not on the PO`,
    });
  await syncLineSupply(s, s.book, 'cancelled');
  if (rejected.length) {
    const reasons = rejected
      .map((l) => ack.lines.find((x) => x.lineNumber === l.lineNumber)?.reason)
      .filter((r): r is string => !!r);
    await reSource(s, rejected, reasons.length ? reasons.join('; ') : 'rejected by the supplier');
  }
}

/** No acknowledgement in time: count it, raise ack-overdue, keep waiting. */
export async function escalateAck(s: PoState): Promise<void> {
  const po = s.input.purchaseOrder;
  const hours = s.input.policy.ackTimeoutHours;
  s.ackEscalated = true;
  await step(s, 'escalate-ack', { poNumber: po.poNumber }, () =>
    bookkeeping.escalatePurchaseOrder({
      purchaseOrderId: po.id,
      poNumber: po.poNumber,
      reason: 'acknowledgement overdue',
    }),
  );
  s.raise({
    kind: 'ack-overdue',
    message: `${po.supplierId} has not acknowledged ${po.poNumber} within ${hours} hours`,
  });
  s.note({ kind: 'escalation', step: 'ack', message: `acknowledgement escalated after ${hours} hours` });
  s.setStatus('ack-overdue', `no acknowledgement within ${hours} hours`);
  await save(s);
}
