/**
 * A person's resolution of an exception, applied to the PO:
 * - price-change: accept applies the price; cancel-line stops buying the line; re-source buys it elsewhere.
 * - line-rejected: accept or cancel-line stop buying the line; re-source buys it from the next supplier.
 * - short-receipt: accept, request-credit and cancel-line all stop waiting for what did not arrive (bill what came).
 * - over-receipt: accept stocks the held excess and makes it billable; return-to-vendor and request-credit keep it
 *   out of stock and unbilled.
 * - damaged / wrong-item on a PO line: accept makes the refused units billable (they count as received, not
 *   stocked); request-credit counts them as received, unbilled; return-to-vendor sends them back (still expected).
 * - wrong-item not on the PO: accept stocks the units under their own SKU (never billed on this PO); the others
 *   leave them out of stock.
 */
import { addDecimal, subtractDecimal } from '../../canonical-model/decimal';
import { max, positive, target, unshipped } from './lines';
import type { PoLine } from './lines';
import { notifyStock } from './receiving';
import { reSource } from './resourcing';
import type { PoState } from './state';
import { bookkeeping, step } from './steps';
import { syncLineSupply } from './supply';
import type { ExceptionResolution, PurchaseException } from './types';

/** Stops buying what is left of a line (unshipped, or everything that did not arrive after a short receipt). */
async function stopLine(s: PoState, l: PoLine, short: boolean): Promise<void> {
  const cut = short ? max('0', subtractDecimal(target(l), l.received)) : unshipped(l);
  if (positive(cut)) {
    l.cancelled = addDecimal(l.cancelled, cut);
    s.note({
      kind: 'step',
      step: 'cancel-line',
      message: `line ${l.lineNumber}: ${cut} ${l.uom} no longer expected`,
    });
  }
  if (l.ack === 'price-review') l.ack = 'acknowledged';
  await syncLineSupply(s, [l], 'cancelled');
}

/** Puts held or wrong units into stock (once per exception). */
async function stock(s: PoState, e: PurchaseException, sku: string, quantity: string): Promise<void> {
  const subject = s.subjects.get(e.exceptionId) ?? {};
  const receiptId = `${subject.receiptId ?? s.poId}/${e.exceptionId}`;
  const lines = [
    { lineNumber: subject.receiptLineNumber ?? 1, sku, locationId: subject.locationId ?? '', quantity },
  ];
  await step(s, `receive-stock/${e.exceptionId}`, { receiptId }, () =>
    bookkeeping.receiveStock({ receiptId, lines }),
  );
}

/** Applies a validated resolution. */
export async function applyResolution(s: PoState, r: ExceptionResolution): Promise<void> {
  const e = s.exceptions.find((x) => x.exceptionId === r.exceptionId);
  if (!e || e.status !== 'open') return;
  const l = e.lineNumber === undefined ? undefined : s.line(e.lineNumber);
  const subject = s.subjects.get(e.exceptionId) ?? {};
  const quantity = subject.quantity ?? '0';
  s.decisions.push({ ...r, kind: 'exception', at: s.now() });
  s.resolve(e, r);
  switch (e.kind) {
    case 'price-change':
    case 'line-rejected':
      if (!l) break;
      if (r.action === 're-source') await reSource(s, [l], `${e.kind} resolved by ${r.by}: ${r.reason}`);
      else if (e.kind === 'price-change' && r.action === 'accept') {
        s.note({
          kind: 'step',
          step: 'price',
          message: `line ${l.lineNumber}: price ${l.unitPrice} → ${subject.price ?? l.unitPrice} accepted`,
        });
        l.unitPrice = subject.price ?? l.unitPrice;
        l.ack = 'acknowledged';
      } else await stopLine(s, l, false);
      break;
    case 'short-receipt':
      if (l) await stopLine(s, l, true);
      break;
    case 'over-receipt':
      if (!l) break;
      l.held = max('0', subtractDecimal(l.held, quantity));
      if (r.action === 'accept') {
        await stock(s, e, l.sku, quantity);
        l.stocked = addDecimal(l.stocked, quantity);
        await notifyStock(s, `over-receipt of ${s.input.purchaseOrder.poNumber} accepted`);
      }
      break;
    case 'damaged':
    case 'wrong-item':
      if (l) {
        if (r.action === 'accept') l.acceptedRejected = addDecimal(l.acceptedRejected, quantity);
        else if (r.action === 'request-credit') l.creditedRejected = addDecimal(l.creditedRejected, quantity);
        else l.returned = addDecimal(l.returned, quantity);
      } else if (r.action === 'accept' && subject.sku) await stock(s, e, subject.sku, quantity);
      break;
    default:
      break;
  }
}
