/**
 * The lines of an AR credit memo resolved against Business Central: the item each credits (its item reference,
 * else the item of the sales-order line it names), and a check that the original invoice billed that item. Every
 * defect is collected into `errors`, so the memo fails once naming each field.
 */
import type { Invoice } from '../../../canonical-model/generated/index';
import { isHubError } from '../../../platform/errors';
import type { FieldError } from '../../../platform/errors';
import { compareDecimal } from '../../sdk/decimal';
import type { ReferenceResolver } from '../../sdk/ports/common';
import type { BcContext } from '../context';
import type { BcRecord } from '../mappers/common';
import type { BcCreditLine } from '../mappers/credit-memo';
import { sequenceOf } from '../mappers/orders';
import { resolveItems } from './resolve';

/** A posted sales invoice as the lines are matched against it. */
export interface BilledInvoice {
  name: string;
  lines: BcRecord[];
}

/** Resolves every line of `memo`; lines that cannot be resolved are left out and reported in `errors`. */
export async function creditMemoLines(
  ctx: BcContext,
  references: ReferenceResolver,
  memo: Invoice,
  orderLines: BcRecord[],
  invoice: BilledInvoice | undefined,
  errors: FieldError[],
  signal?: AbortSignal,
): Promise<BcCreditLine[]> {
  const named = memo.lines.flatMap((line, index) => (line.item ? [{ index, item: line.item }] : []));
  const itemIds = new Map<number, string>();
  try {
    const ids = await resolveItems(
      ctx.transport,
      references,
      named.map((n) => n.item),
      (k) => `/lines/${named[k]!.index}/item`,
      `sales credit memo ${memo.invoiceNumber}`,
      signal,
    );
    named.forEach((n, k) => itemIds.set(n.index, ids[k]!));
  } catch (err) {
    if (!isHubError(err) || !err.fieldErrors) throw err;
    errors.push(...err.fieldErrors);
  }
  const out: BcCreditLine[] = [];
  for (const [i, line] of memo.lines.entries()) {
    const path = `/lines/${i}`;
    if (compareDecimal(line.quantity.value, '0') <= 0)
      errors.push({
        path: `${path}/quantity`,
        message: 'must be positive (the credit memo makes it a credit)',
      });
    if (compareDecimal(line.unitPrice.amount, '0') < 0)
      errors.push({
        path: `${path}/unitPrice`,
        message: 'must not be negative (the credit memo makes it a credit)',
      });
    const orderLine =
      line.orderLineNumber === undefined
        ? undefined
        : orderLines.find((l) => l.sequence === sequenceOf(line.orderLineNumber!));
    const itemId = line.item
      ? itemIds.get(i)
      : typeof orderLine?.itemId === 'string'
        ? orderLine.itemId
        : undefined;
    if (!itemId) {
      if (!line.item) {
        errors.push({
          path: `${path}/item`,
          message:
            line.orderLineNumber === undefined
              ? 'is missing; Business Central credits items'
              : 'is missing, and orderLineNumber matches no line of the Business Central sales order',
        });
      }
      continue;
    }
    if (invoice && !invoice.lines.some((l) => l.itemId === itemId)) {
      errors.push({
        path: `${path}/item`,
        message: `was not billed on Business Central invoice ${invoice.name}`,
      });
      continue;
    }
    out.push({
      path,
      lineNumber: line.lineNumber,
      itemId,
      quantity: line.quantity.value,
      unitPrice: line.unitPrice.amount,
      uom: line.quantity.uom,
      description: line.description,
    });
  }
  return out;
}
