import type { SalesOrder } from '../../../canonical-model/generated/index';
import { HubError } from '../../../platform/errors';
import type { ListOptions, Page } from '../../sdk/ports/common';
import { ORDER_FIELDS, salesOrderFromGraphql } from '../mappers/index';
import type { OperationContext } from './context';

const LIST_ORDERS = `query ListOrders($first: Int!, $after: String, $query: String) {
  orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    nodes { ${ORDER_FIELDS} }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** Shopify's page size cap for a connection. */
const MAX_PAGE = 250;

/** Orders oldest change first, paged by Shopify's cursor; `modifiedSince` becomes an updated_at search. */
export async function listOrders(
  ctx: OperationContext,
  options: ListOptions = {},
): Promise<Page<SalesOrder>> {
  let query: string | undefined;
  if (options.modifiedSince !== undefined) {
    if (Number.isNaN(Date.parse(options.modifiedSince))) {
      throw new HubError('data', `modifiedSince ${JSON.stringify(options.modifiedSince)} is not an instant`, {
        fieldErrors: [{ path: '/modifiedSince', message: 'must be an ISO 8601 instant' }],
      });
    }
    query = `updated_at:>='${new Date(options.modifiedSince).toISOString()}'`;
  }
  const first = Math.min(Math.max(Math.trunc(options.limit ?? 50), 1), MAX_PAGE);
  const data = await ctx.transport.graphql<{
    orders: { nodes: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  }>(LIST_ORDERS, { first, after: options.cursor ?? null, query: query ?? null }, options.signal);
  const { nodes, pageInfo } = data.orders;
  return {
    items: nodes.map((node) => salesOrderFromGraphql(node, ctx.mapping)),
    ...(pageInfo.hasNextPage && pageInfo.endCursor ? { nextCursor: pageInfo.endCursor } : {}),
  };
}
