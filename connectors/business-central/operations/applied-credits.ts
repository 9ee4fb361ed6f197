/** What earlier credit memos applied to one Business Central sales invoice (invoiceId) already credited. */
import { decimalText } from '../../sdk/json';
import type { BcContext } from '../context';
import type { BcRecord } from '../mappers/common';
import type { ItemQuantity } from '../../sdk/over-credit';
import { linesOf } from './read-document';

/** The item quantities of document lines as read. */
export function quantities(lines: BcRecord[]): ItemQuantity[] {
  return lines.map((l) => ({ itemId: String(l.itemId), quantity: decimalText(l.quantity) ?? '0' }));
}

/** The item quantities of every credit memo applied to invoice `invoiceId` (GUID), cancelled ones left out. */
export async function creditedAgainst(
  ctx: BcContext,
  invoiceId: string,
  signal?: AbortSignal,
): Promise<ItemQuantity[]> {
  const applied = await ctx.transport.all<BcRecord>(
    '/salesCreditMemos',
    { $filter: `invoiceId eq ${invoiceId}`, $expand: 'salesCreditMemoLines' },
    signal,
  );
  return applied
    .filter((m) => m.status !== 'Canceled')
    .flatMap((m) => quantities(linesOf(m, 'salesCreditMemoLines')));
}
