/** post-fulfillment: `salesOrder !transform itemFulfillment` for the shipped quantities, with tracking numbers. */
import type { Shipment } from '../../../canonical-model/generated/index';
import type { WriteContext, WriteResult } from '../../sdk/ports/common';
import type { NetSuiteContext } from '../context';
import { matchOrderLine } from '../mappers/order-lines';
import { itemFulfillmentToNetSuite } from '../mappers/postings';
import type { PostingLine } from '../mappers/postings';
import { References } from '../references';
import { postTransform } from './post-transform';

/** Records a shipment against its sales order. */
export async function postFulfillment(
  ctx: NetSuiteContext,
  shipment: Shipment,
  context: WriteContext,
): Promise<WriteResult> {
  const refs = new References(ctx, context);
  const soId = await refs.required('sales-order', shipment.salesOrderId, '/salesOrderId');
  const locationId = await refs.required('location', shipment.fromLocationId, '/fromLocationId');
  refs.throwIfAny(`shipment ${shipment.id}`);

  return postTransform(ctx, {
    sourceType: 'salesOrder',
    sourceId: soId,
    sourcePath: '/salesOrderId',
    target: 'itemFulfillment',
    externalId: shipment.id,
    signal: context.signal,
    build: async (orderLines) => {
      const lines: PostingLine[] = [];
      for (const [i, line] of shipment.lines.entries()) {
        let match = matchOrderLine(orderLines, line.salesOrderLineNumber, undefined);
        if (!match)
          match = matchOrderLine(orderLines, undefined, await refs.item(line.item, `/lines/${i}/item`));
        if (match?.line === undefined) {
          refs.add(`/lines/${i}/salesOrderLineNumber`, 'matches no line of the NetSuite sales order');
          continue;
        }
        lines.push({ orderLine: match.line, quantity: line.quantityShipped.value });
      }
      refs.throwIfAny(`shipment ${shipment.id}`);
      return itemFulfillmentToNetSuite(shipment, lines, locationId);
    },
  });
}
