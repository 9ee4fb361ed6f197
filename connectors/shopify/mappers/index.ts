/** Shopify order → canonical SalesOrder, from either shape the hub meets: webhook (REST) or Admin GraphQL. */
import type { SalesOrder } from '../../../canonical-model/generated/index';
import { readGraphqlOrder } from './graphql-order';
import { readRestOrder } from './rest-order';
import { orderProblems, toSalesOrder } from './sales-order';
import type { SalesOrderContext } from './sales-order';

export { ORDER_FIELDS } from './graphql-order';
export type { SalesOrderContext } from './sales-order';

/** A REST-shaped order (webhook payload) as a canonical SalesOrder; `data` HubError naming REST fields otherwise. */
export function salesOrderFromRest(payload: unknown, context: SalesOrderContext): SalesOrder {
  const m = orderProblems();
  return toSalesOrder(readRestOrder(payload, m), context, m, {
    currency: '/currency',
    createdAt: '/created_at',
    updatedAt: '/updated_at',
  });
}

/** A GraphQL Order node as a canonical SalesOrder; `data` HubError naming GraphQL fields otherwise. */
export function salesOrderFromGraphql(node: unknown, context: SalesOrderContext): SalesOrder {
  const m = orderProblems();
  return toSalesOrder(readGraphqlOrder(node, m), context, m, {
    currency: '/currencyCode',
    createdAt: '/createdAt',
    updatedAt: '/updatedAt',
  });
}
