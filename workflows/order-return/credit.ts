/**
 * What a received return is credited: good units in full; units not in good condition only when the reason is the
 * seller's fault; a restocking fee (policy percent) off lines returned for reasons that are not. Credit lines are
 * split across the AR invoices that billed the order line, oldest first, one credit memo per original invoice.
 * Pure and deterministic (workflow code).
 */
import {
  addDecimal,
  compareDecimal,
  multiplyDecimal,
  subtractDecimal,
  toPlaces,
} from '../../canonical-model/decimal';
import type {
  BilledInvoice,
  CreditMemoLinePlan,
  CreditMemoPlan,
  CreditPlan,
  LineCredit,
  ReturnLineInput,
  ReturnReason,
  ReturnReceipt,
} from './types';

/** Reasons the seller answers for: such units are credited whatever condition they come back in. */
export const SELLER_FAULT_REASONS: readonly ReturnReason[] = [
  'damaged',
  'defective',
  'wrong-item',
  'not-as-described',
  'recall',
];

const MONEY = 2;
const min = (a: string, b: string) => (compareDecimal(a, b) <= 0 ? a : b);
const positive = (a: string) => compareDecimal(a, '0') > 0;

/** Is the reason the seller's fault? */
export function isSellerFault(reason: ReturnReason): boolean {
  return SELLER_FAULT_REASONS.includes(reason);
}

/** Received and good units per return line number, from the receipt (capped at what was authorised later). */
function receivedByLine(receipt: ReturnReceipt): Map<number, { received: string; good: string }> {
  const out = new Map<number, { received: string; good: string }>();
  for (const l of receipt.lines) {
    const n = l.orderLineNumber;
    if (n === undefined) continue;
    const received = l.quantityReceived.value;
    const rejected = l.quantityRejected?.value ?? '0';
    const good = l.condition === 'good' ? subtractDecimal(received, min(rejected, received)) : '0';
    const before = out.get(n) ?? { received: '0', good: '0' };
    out.set(n, { received: addDecimal(before.received, received), good: addDecimal(before.good, good) });
  }
  return out;
}

/** The fee kept from `amount` at `percent` (to the cent). */
function feeOf(amount: string, percent: string): string {
  return toPlaces(multiplyDecimal(amount, multiplyDecimal(percent, '0.01')), MONEY);
}

/** Decides each line's credit and restock from the receipt. */
export function creditLines(
  lines: ReturnLineInput[],
  receipt: ReturnReceipt,
  restockingFeePercent: string,
): LineCredit[] {
  const got = receivedByLine(receipt);
  return lines.map((line) => {
    const r = got.get(line.lineNumber) ?? { received: '0', good: '0' };
    const received = min(r.received, line.quantity);
    const good = min(r.good, received);
    const notGood = subtractDecimal(received, good);
    const fault = isSellerFault(line.reason);
    const credited = fault ? received : good;
    const gross = toPlaces(multiplyDecimal(credited, line.unitPrice), MONEY);
    const fee =
      fault || !positive(restockingFeePercent) ? toPlaces('0', MONEY) : feeOf(gross, restockingFeePercent);
    const note =
      !fault && positive(notGood)
        ? `${notGood} not in good condition and returned as ${line.reason} (not the seller's fault): not credited`
        : undefined;
    return {
      lineNumber: line.lineNumber,
      received,
      good,
      notGood,
      credited,
      fee,
      restock: good,
      ...(note ? { note } : {}),
    };
  });
}

/** Splits the credited quantities over the invoices that billed each order line, oldest first. */
export function planCredit(args: {
  returnId: string;
  lines: ReturnLineInput[];
  receipt: ReturnReceipt;
  invoices: BilledInvoice[];
  restockingFeePercent: string;
}): CreditPlan {
  const decided = creditLines(args.lines, args.receipt, args.restockingFeePercent);
  const byInvoice = new Map<string, CreditMemoLinePlan[]>();
  for (const credit of decided) {
    const line = args.lines.find((l) => l.lineNumber === credit.lineNumber) as ReturnLineInput;
    let left = credit.credited;
    const percent = isSellerFault(line.reason) ? '0' : args.restockingFeePercent;
    for (const invoice of args.invoices) {
      if (!positive(left)) break;
      const billed = invoice.lines
        .filter((b) => b.orderLineNumber === line.orderLineNumber)
        .reduce((t, b) => addDecimal(t, b.quantity), '0');
      const quantity = min(left, billed);
      if (!positive(quantity)) continue;
      left = subtractDecimal(left, quantity);
      const gross = toPlaces(multiplyDecimal(quantity, line.unitPrice), MONEY);
      const fee = positive(percent) ? feeOf(gross, percent) : toPlaces('0', MONEY);
      const memo = byInvoice.get(invoice.invoiceId) ?? [];
      memo.push({
        returnLineNumber: line.lineNumber,
        orderLineNumber: line.orderLineNumber,
        sku: line.sku,
        uom: line.uom,
        quantity,
        unitPrice: line.unitPrice,
        fee,
        amount: toPlaces(subtractDecimal(gross, fee), MONEY),
      });
      byInvoice.set(invoice.invoiceId, memo);
    }
    if (positive(left)) {
      credit.credited = subtractDecimal(credit.credited, left);
      credit.note = `${credit.note ? `${credit.note}; ` : ''}${left} never invoiced: not credited`;
    }
  }
  const memos: CreditMemoPlan[] = [...byInvoice.entries()].map(([originalInvoiceId, lines], k) => ({
    invoiceId: `${args.returnId}.cm${k + 1}`,
    originalInvoiceId,
    lines,
    total: toPlaces(
      lines.reduce((t, l) => addDecimal(t, l.amount), '0'),
      MONEY,
    ),
  }));
  return {
    lines: decided,
    memos,
    total: toPlaces(
      memos.reduce((t, m) => addDecimal(t, m.total), '0'),
      MONEY,
    ),
  };
}
