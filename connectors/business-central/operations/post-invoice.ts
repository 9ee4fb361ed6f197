import type { Invoice } from '../../../canonical-model/generated/index';
import { HubError } from '../../../platform/errors';
import type { WriteContext, WriteResult } from '../../sdk/ports/common';
import type { BcContext } from '../context';
import { odataString } from '../transport';
import { postAgainstOrder, resolveOrder } from './post-against-order';
import { postCreditMemo } from './post-credit-memo';
import { skuOf } from './post-goods-receipt';

/**
 * Invoices an order: AR through the sales order's shipAndInvoice, AP through the purchase order's receiveAndInvoice.
 * An AR credit memo is posted by post-credit-memo; other memo types are refused.
 */
export async function postInvoice(
  ctx: BcContext,
  invoice: Invoice,
  context: WriteContext,
): Promise<WriteResult> {
  const { references, signal } = context;
  if (invoice.type === 'credit-memo' && invoice.direction === 'AR')
    return postCreditMemo(ctx, invoice, context);
  if (invoice.type !== 'invoice') {
    throw new HubError(
      'data',
      `Business Central connector posts invoices and AR credit memos, not ${invoice.direction} ${invoice.type}s`,
      {
        fieldErrors: [
          {
            path: '/type',
            message: `Business Central posts invoices and AR credit memos, not ${invoice.direction} ${invoice.type}s`,
          },
        ],
      },
    );
  }
  const ar = invoice.direction === 'AR';
  const what = `${ar ? 'sales' : 'purchase'} invoice ${invoice.invoiceNumber}`;
  const po = invoice.poNumber;
  const orderId = ar
    ? await resolveOrder(
        ctx,
        references,
        'sales-order',
        invoice.salesOrderId,
        po ? `externalDocumentNumber eq ${odataString(po)}` : undefined,
        '/salesOrderId',
        what,
        signal,
      )
    : await resolveOrder(
        ctx,
        references,
        'purchase-order',
        invoice.purchaseOrderId,
        po ? `number eq ${odataString(po)}` : undefined,
        '/purchaseOrderId',
        what,
        signal,
      );
  return postAgainstOrder(ctx, {
    kind: ar ? 'sales' : 'purchase',
    orderId,
    postedSet: ar ? 'salesInvoices' : 'purchaseInvoices',
    referenceField: ar ? 'yourReference' : 'vendorInvoiceNumber',
    reference: invoice.invoiceNumber,
    lines: invoice.lines.map((line, i) => ({
      path: `/lines/${i}`,
      ...(line.orderLineNumber === undefined ? {} : { orderLineNumber: line.orderLineNumber }),
      ...skuOf(line.item?.identifiers ?? []),
      move: '0',
      invoice: line.quantity.value,
    })),
    what,
    ...(signal ? { signal } : {}),
  });
}
