import type { SalesOrder } from '../../../canonical-model/generated/index';
import type { ReadOptions } from '../../sdk/ports/common';
import { toGid } from '../ids';
import { ORDER_FIELDS, salesOrderFromGraphql } from '../mappers/index';
import type { OperationContext } from './context';

const GET_ORDER = `query GetOrder($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`;

/** One order by its numeric id (or gid) as a canonical SalesOrder; undefined when the shop has no such order. */
export async function getOrder(
  ctx: OperationContext,
  externalId: string,
  options: ReadOptions = {},
): Promise<SalesOrder | undefined> {
  const id = toGid('Order', externalId, '/externalId');
  const data = await ctx.transport.graphql<{ order: unknown }>(GET_ORDER, { id }, options.signal);
  return data.order ? salesOrderFromGraphql(data.order, ctx.mapping) : undefined;
}
