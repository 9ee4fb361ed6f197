/** Finding NetSuite records by the keys the hub knows them by (SKU → inventoryItem internal id). */
import type { NetSuiteContext } from './context';
import { quoted } from './transport';

/** The internal id of the inventory item whose itemId is `sku`, or undefined. */
export async function findItemId(
  ctx: NetSuiteContext,
  sku: string,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const page = await ctx.transport.list(
    'inventoryItem',
    { limit: 1, offset: 0, q: `itemId IS ${quoted(sku, 'SKU')}` },
    signal,
  );
  return page.items?.[0]?.id;
}

/** The internal id of the account whose name is `name`, or undefined. */
export async function findAccountId(
  ctx: NetSuiteContext,
  name: string,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const page = await ctx.transport.list(
    'account',
    { limit: 1, offset: 0, q: `acctName IS ${quoted(name, 'account name')}` },
    signal,
  );
  return page.items?.[0]?.id;
}
