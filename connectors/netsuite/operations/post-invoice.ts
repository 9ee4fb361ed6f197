/**
 * post-invoice: an AR invoice is `salesOrder !transform invoice`; an AP invoice is `purchaseOrder !transform
 * vendorBill` carrying the supplier's invoice number. Lines bill their order lines at the invoice's prices.
 */
import type { Invoice } from '../../../canonical-model/generated/index';
import type { WriteContext, WriteResult } from '../../sdk/ports/common';
import type { NetSuiteContext } from '../context';
import { matchOrderLine } from '../mappers/order-lines';
import { invoiceToNetSuite } from '../mappers/postings';
import type { PostingLine } from '../mappers/postings';
import { References } from '../references';
import { postTransform } from './post-transform';

/** Posts the invoice or the vendor bill once. */
export async function postInvoice(
  ctx: NetSuiteContext,
  invoice: Invoice,
  context: WriteContext,
): Promise<WriteResult> {
  const refs = new References(ctx, context);
  const ar = invoice.direction === 'AR';
  const orderId = ar
    ? await refs.required('sales-order', invoice.salesOrderId, '/salesOrderId')
    : await refs.required('purchase-order', invoice.purchaseOrderId, '/purchaseOrderId');
  refs.throwIfAny(`invoice ${invoice.id}`);

  return postTransform(ctx, {
    sourceType: ar ? 'salesOrder' : 'purchaseOrder',
    sourceId: orderId,
    sourcePath: ar ? '/salesOrderId' : '/purchaseOrderId',
    target: ar ? 'invoice' : 'vendorBill',
    externalId: invoice.id,
    signal: context.signal,
    build: async (orderLines) => {
      const lines: PostingLine[] = [];
      for (const [i, line] of invoice.lines.entries()) {
        let match = matchOrderLine(orderLines, line.orderLineNumber, undefined);
        if (!match && line.item)
          match = matchOrderLine(orderLines, undefined, await refs.item(line.item, `/lines/${i}/item`));
        if (match?.line === undefined) {
          refs.add(`/lines/${i}/orderLineNumber`, 'matches no line of the NetSuite order');
          continue;
        }
        lines.push({ orderLine: match.line, quantity: line.quantity.value, rate: line.unitPrice.amount });
      }
      refs.throwIfAny(`invoice ${invoice.id}`);
      return invoiceToNetSuite(invoice, lines);
    },
  });
}
