/** What earlier credit memos (`invoice !transform creditMemo`) already credited against one NetSuite invoice. */
import { HubError } from '../../../platform/errors';
import { decimalText } from '../../sdk/json';
import type { NetSuiteContext } from '../context';
import { MAX_PAGE_SIZE } from '../transport';
import type { NsOrder } from '../types';
import type { ItemQuantity } from '../../sdk/over-credit';

/** The item quantities of every credit memo created from invoice `invoiceId` (internal id). */
export async function creditedAgainst(
  ctx: NetSuiteContext,
  invoiceId: string,
  signal?: AbortSignal,
): Promise<ItemQuantity[]> {
  if (!/^\d+$/.test(invoiceId)) {
    throw new HubError('data', `NetSuite invoice id ${JSON.stringify(invoiceId)} is not an internal id`, {
      fieldErrors: [{ path: '/originalInvoiceId', message: 'is not linked to a NetSuite internal id' }],
    });
  }
  const ids: string[] = [];
  for (let offset = 0; ; offset += MAX_PAGE_SIZE) {
    const page = await ctx.transport.list(
      'creditMemo',
      { limit: MAX_PAGE_SIZE, offset, q: `createdFrom ANY_OF [${invoiceId}]` },
      signal,
    );
    for (const item of page.items ?? []) if (item.id) ids.push(encodeURIComponent(item.id));
    if (!page.hasMore) break;
  }
  const memos = await ctx.transport.readAll<NsOrder>('creditMemo', ids, signal);
  return memos.flatMap((memo) =>
    (memo.item?.items ?? []).map((line) => ({
      itemId: line.item?.id ?? '',
      quantity: decimalText(line.quantity) ?? '0',
    })),
  );
}
