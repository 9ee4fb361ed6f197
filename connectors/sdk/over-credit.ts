/**
 * The over-credit rule of AR credit memos: across the memo's lines and every earlier memo against the same
 * invoice, no item may be credited more than the original invoice billed of it. Checked by the hub on the ERP's own
 * invoice and memo lines, the same for every ERP connector (NetSuite and Business Central themselves would accept it).
 */
import type { FieldError } from '../../platform/errors';
import { addDecimal, compareDecimal } from './decimal';

/** A quantity of one item on a document line (item ids are the ERP's). */
export interface ItemQuantity {
  itemId: string;
  quantity: string;
}

function totals(rows: ItemQuantity[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const row of rows) out.set(row.itemId, addDecimal(out.get(row.itemId) ?? '0', row.quantity));
  return out;
}

/**
 * One field error at `<path>/quantity` for each line that takes its item past what `billed` holds of it, counting
 * `credited` (earlier memos) and the memo's lines before it.
 */
export function overCredits(
  lines: (ItemQuantity & { path: string })[],
  billed: ItemQuantity[],
  credited: ItemQuantity[],
  invoiceName: string,
): FieldError[] {
  const limit = totals(billed);
  const running = totals(credited);
  const errors: FieldError[] = [];
  for (const line of lines) {
    const before = running.get(line.itemId) ?? '0';
    const after = addDecimal(before, line.quantity);
    running.set(line.itemId, after);
    const most = limit.get(line.itemId) ?? '0';
    if (compareDecimal(after, most) > 0) {
      errors.push({
        path: `${line.path}/quantity`,
        message:
          `would credit ${after} of item ${line.itemId} in all, but invoice ${invoiceName} billed ${most}` +
          (compareDecimal(before, '0') > 0 ? ` (${before} already credited)` : ''),
      });
    }
  }
  return errors;
}
