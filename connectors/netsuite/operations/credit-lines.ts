/**
 * The lines of an AR credit memo resolved against NetSuite: the inventory item each credits (its item reference,
 * else the item of the sales-order line it names), its quantity and rate, and the original invoice's line it
 * credits. Every line that does not resolve is recorded on `refs`, so the memo fails once naming each field.
 */
import type { Invoice } from '../../../canonical-model/generated/index';
import { compareDecimal } from '../../sdk/decimal';
import type { CreditLine } from '../mappers/credit-memo';
import { matchOrderLine } from '../mappers/order-lines';
import type { References } from '../references';
import type { NsTransactionLine } from '../types';

/** The original invoice as the lines are matched against it. */
export interface BilledInvoice {
  name: string;
  lines: NsTransactionLine[];
}

/** Resolves every line of `memo`; lines that cannot be resolved are left out and recorded on `refs`. */
export async function creditLines(
  refs: References,
  memo: Invoice,
  orderLines: NsTransactionLine[],
  invoice: BilledInvoice | undefined,
): Promise<CreditLine[]> {
  const out: CreditLine[] = [];
  for (const [i, line] of memo.lines.entries()) {
    const path = `/lines/${i}`;
    if (compareDecimal(line.quantity.value, '0') <= 0)
      refs.add(`${path}/quantity`, 'must be positive (the credit memo itself makes it a credit)');
    if (compareDecimal(line.unitPrice.amount, '0') < 0)
      refs.add(`${path}/unitPrice`, 'must not be negative (the credit memo itself makes it a credit)');
    const orderLine =
      line.orderLineNumber === undefined
        ? undefined
        : matchOrderLine(orderLines, line.orderLineNumber, undefined);
    const itemId = line.item ? await refs.item(line.item, `${path}/item`) : orderLine?.item?.id;
    if (!itemId) {
      if (!line.item) {
        refs.add(
          `${path}/item`,
          line.orderLineNumber === undefined
            ? 'is missing; NetSuite credits items'
            : 'is missing, and orderLineNumber matches no line of the NetSuite sales order',
        );
      }
      continue;
    }
    let invoiceLine: number | undefined;
    if (invoice) {
      const billed =
        invoice.lines.find(
          (l) => orderLine?.line !== undefined && l.orderLine === orderLine.line && l.item?.id === itemId,
        ) ?? invoice.lines.find((l) => l.item?.id === itemId);
      if (billed?.line === undefined) {
        refs.add(`${path}/item`, `was not billed on NetSuite invoice ${invoice.name}`);
        continue;
      }
      invoiceLine = billed.line;
    }
    out.push({
      path,
      lineNumber: line.lineNumber,
      itemId,
      quantity: line.quantity.value,
      rate: line.unitPrice.amount,
      ...(invoiceLine === undefined ? {} : { invoiceLine }),
    });
  }
  return out;
}
