/**
 * Stock activities of the purchasing flow, all through the hub's stock ledger: the position a proposal is sized
 * from, supply due in (open PO lines and ASN lines, which available-to-promise counts by their due date), and the
 * good units of a receipt put into stock. Every write carries its id, so a retried activity moves no unit twice.
 */
import { compareDecimal, subtractDecimal } from '../../canonical-model/decimal';
import type { InboundSupply } from '../../platform/orders/stock-types';
import type { SupplyLine } from './types';
import { ArgumentCheck } from './arguments';
import type { PurchaseActivityDeps } from './deps';

/** A due date after every real one: all open inbound counts, whatever its date. */
const ANY_DUE_DATE = '9999-12-31';

/** The ledger op id of one receipt line's `receive` (once per receipt line, whatever the retries). */
export function receiveOpId(receiptId: string, lineNumber: number): string {
  return `receipt/${receiptId}/${lineNumber}`;
}

/**
 * The readStockPosition activity: on hand (less units on hold, which cannot be sold), reserved, and all open
 * inbound of the item at the warehouse; zeros for an item the ledger has never seen.
 */
export function readStockPosition(deps: PurchaseActivityDeps) {
  return async (args: {
    sku: string;
    locationId: string;
    legalEntityId?: string;
  }): Promise<{ onHand: string; reserved: string; inbound: string }> => {
    const check = new ArgumentCheck('readStockPosition')
      .text(args.sku, '/sku')
      .text(args.locationId, '/locationId');
    if (args.legalEntityId !== undefined) check.text(args.legalEntityId, '/legalEntityId');
    check.throwIfAny();
    const [a] = await deps.ledger.availability(args.sku, [args.locationId], ANY_DUE_DATE);
    const ledgerInbound = a?.inboundDue ?? '0';
    // A PO awaiting approval (or still being issued) has no supply in the ledger yet but will bring its units.
    const onOrder =
      args.legalEntityId === undefined
        ? '0'
        : await deps.purchaseOrders.openQuantity(args.legalEntityId, args.sku, args.locationId);
    const inbound = compareDecimal(onOrder, ledgerInbound) > 0 ? onOrder : ledgerInbound;
    if (!a) return { onHand: '0', reserved: '0', inbound };
    return { onHand: subtractDecimal(a.onHand, a.held), reserved: a.reserved, inbound };
  };
}

/** The document a supply line comes from: the PO for `<poId>/<line>`, else the ASN its id names. */
function sourceOf(line: SupplyLine): InboundSupply['source'] {
  if (line.id.startsWith(`${line.purchaseOrderId}/`))
    return { documentType: 'purchase-order', documentId: line.purchaseOrderId };
  const cut = line.id.lastIndexOf('/');
  return { documentType: 'advance-ship-notice', documentId: cut > 0 ? line.id.slice(0, cut) : line.id };
}

/** The recordInboundSupply activity (idempotent by supply id). */
export function recordInboundSupply(deps: PurchaseActivityDeps) {
  return async (args: { supplies: SupplyLine[] }): Promise<void> => {
    const check = new ArgumentCheck('recordInboundSupply');
    args.supplies.forEach((s, i) => {
      check
        .text(s.id, `/supplies/${i}/id`)
        .text(s.sku, `/supplies/${i}/sku`)
        .text(s.locationId, `/supplies/${i}/locationId`)
        .quantity(s.quantity, `/supplies/${i}/quantity`)
        .date(s.dueDate, `/supplies/${i}/dueDate`)
        .text(s.purchaseOrderId, `/supplies/${i}/purchaseOrderId`);
    });
    check.throwIfAny();
    for (const s of args.supplies) {
      await deps.ledger.addInbound({
        id: s.id,
        sku: s.sku,
        locationId: s.locationId,
        quantity: s.quantity,
        dueDate: s.dueDate,
        source: sourceOf(s),
        status: 'open',
      });
    }
  };
}

/** The settleInboundSupply activity: the supply no longer counts as inbound (settling twice changes nothing). */
export function settleInboundSupply(deps: PurchaseActivityDeps) {
  return async (args: { ids: string[]; status: 'received' | 'cancelled' }): Promise<void> => {
    const check = new ArgumentCheck('settleInboundSupply');
    args.ids.forEach((id, i) => check.text(id, `/ids/${i}`));
    if (args.status !== 'received' && args.status !== 'cancelled')
      check.add('/status', 'must be received or cancelled');
    check.throwIfAny();
    for (const id of args.ids) await deps.ledger.settleInbound(id, args.status);
  };
}

/** The receiveStock activity: on hand goes up by each line's good units, once per receipt line. */
export function receiveStock(deps: PurchaseActivityDeps) {
  return async (args: {
    receiptId: string;
    lines: { lineNumber: number; sku: string; locationId: string; quantity: string }[];
  }): Promise<void> => {
    const check = new ArgumentCheck('receiveStock').text(args.receiptId, '/receiptId');
    const seen = new Set<number>();
    args.lines.forEach((l, i) => {
      check
        .lineNumber(l.lineNumber, `/lines/${i}/lineNumber`)
        .text(l.sku, `/lines/${i}/sku`)
        .text(l.locationId, `/lines/${i}/locationId`)
        .quantity(l.quantity, `/lines/${i}/quantity`);
      if (seen.has(l.lineNumber)) check.add(`/lines/${i}/lineNumber`, 'appears twice in the receipt');
      seen.add(l.lineNumber);
    });
    check.throwIfAny();
    for (const l of args.lines) {
      if (compareDecimal(l.quantity, '0') === 0) continue;
      await deps.ledger.receive({
        opId: receiveOpId(args.receiptId, l.lineNumber),
        sku: l.sku,
        locationId: l.locationId,
        quantity: l.quantity,
      });
    }
  };
}
