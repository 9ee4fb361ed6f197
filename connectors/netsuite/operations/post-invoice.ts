/**
 * post-invoice: an AR invoice is `salesOrder !transform invoice`; an AP invoice is `purchaseOrder !transform
 * vendorBill` carrying the supplier's invoice number. Lines bill their order lines at the invoice's prices. An AR
 * credit memo is posted by post-credit-memo; other memo types are refused.
 */
import type { Invoice } from '../../../canonical-model/generated/index';
import { HubError } from '../../../platform/errors';
import type { WriteContext, WriteResult } from '../../sdk/ports/common';
import type { NetSuiteContext } from '../context';
import { matchOrderLine } from '../mappers/order-lines';
import { invoiceToNetSuite } from '../mappers/postings';
import type { PostingLine } from '../mappers/postings';
import { References } from '../references';
import { postCreditMemo } from './post-credit-memo';
import { postTransform } from './post-transform';

/** Posts the invoice, the vendor bill or the AR credit memo once. */
export async function postInvoice(
  ctx: NetSuiteContext,
  invoice: Invoice,
  context: WriteContext,
): Promise<WriteResult> {
  if (invoice.type === 'credit-memo' && invoice.direction === 'AR')
    return postCreditMemo(ctx, invoice, context);
  if (invoice.type !== 'invoice') {
    throw new HubError('data', `NetSuite connector does not post ${invoice.direction} ${invoice.type}s`, {
      fieldErrors: [
        {
          path: '/type',
          message: `NetSuite posts invoices and AR credit memos, not ${invoice.direction} ${invoice.type}s`,
        },
      ],
    });
  }
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
