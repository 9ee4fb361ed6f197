/** post-goods-receipt: `purchaseOrder !transform itemReceipt` for the accepted quantity (received − rejected). */
import type { GoodsReceipt } from '../../../canonical-model/generated/index';
import type { WriteContext, WriteResult } from '../../sdk/ports/common';
import type { NetSuiteContext } from '../context';
import { subtractDecimal } from '../../sdk/decimal';
import { matchOrderLine } from '../mappers/order-lines';
import { itemReceiptToNetSuite } from '../mappers/postings';
import type { PostingLine } from '../mappers/postings';
import { References } from '../references';
import { postTransform } from './post-transform';

/** Receives goods against their purchase order; more than is open is refused by NetSuite as a `data` error. */
export async function postGoodsReceipt(
  ctx: NetSuiteContext,
  receipt: GoodsReceipt,
  context: WriteContext,
): Promise<WriteResult> {
  const refs = new References(ctx, context);
  const poId = await refs.required('purchase-order', receipt.purchaseOrderId, '/purchaseOrderId');
  const locationId = await refs.required('location', receipt.locationId, '/locationId');
  refs.throwIfAny(`goods receipt ${receipt.id}`);

  return postTransform(ctx, {
    sourceType: 'purchaseOrder',
    sourceId: poId,
    sourcePath: '/purchaseOrderId',
    target: 'itemReceipt',
    externalId: receipt.id,
    signal: context.signal,
    build: async (orderLines) => {
      const lines: PostingLine[] = [];
      for (const [i, line] of receipt.lines.entries()) {
        const itemId =
          line.orderLineNumber === undefined ? await refs.item(line.item, `/lines/${i}/item`) : undefined;
        const match = matchOrderLine(orderLines, line.orderLineNumber, itemId);
        if (match?.line === undefined) {
          refs.add(`/lines/${i}/orderLineNumber`, 'matches no line of the NetSuite purchase order');
          continue;
        }
        const accepted = line.quantityRejected
          ? subtractDecimal(line.quantityReceived.value, line.quantityRejected.value)
          : line.quantityReceived.value;
        lines.push({ orderLine: match.line, quantity: accepted });
      }
      refs.throwIfAny(`goods receipt ${receipt.id}`);
      return itemReceiptToNetSuite(receipt, lines, locationId);
    },
  });
}
