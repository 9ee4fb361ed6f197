import type { GoodsReceipt } from '../../../canonical-model/generated/index';
import type { WriteContext, WriteResult } from '../../sdk/ports/common';
import type { BcContext } from '../context';
import { subtractDecimal } from '../../sdk/decimal';
import { odataString } from '../transport';
import { postAgainstOrder, resolveLocationId, resolveOrder } from './post-against-order';

/**
 * Receives the receipt's accepted quantities (received − rejected) on its purchase order (receiveAndInvoice with
 * nothing to invoice): refused units are not received into stock.
 */
export async function postGoodsReceipt(
  ctx: BcContext,
  receipt: GoodsReceipt,
  context: WriteContext,
): Promise<WriteResult> {
  const { references, signal } = context;
  const what = `goods receipt ${receipt.receiptNumber}`;
  const fallback = receipt.poNumber ? `number eq ${odataString(receipt.poNumber)}` : undefined;
  const orderId = await resolveOrder(
    ctx,
    references,
    'purchase-order',
    receipt.purchaseOrderId,
    fallback,
    '/purchaseOrderId',
    what,
    signal,
  );
  const locationId = await resolveLocationId(ctx, references, receipt.locationId, signal);
  return postAgainstOrder(ctx, {
    kind: 'purchase',
    orderId,
    postedSet: 'purchaseReceipts',
    referenceField: 'vendorShipmentNumber',
    reference: receipt.receiptNumber,
    lines: receipt.lines.map((line, i) => ({
      path: `/lines/${i}`,
      ...(line.orderLineNumber === undefined ? {} : { orderLineNumber: line.orderLineNumber }),
      ...skuOf(line.item.identifiers),
      move: line.quantityRejected
        ? subtractDecimal(line.quantityReceived.value, line.quantityRejected.value)
        : line.quantityReceived.value,
      invoice: '0',
    })),
    ...(locationId ? { locationId } : {}),
    what,
    ...(signal ? { signal } : {}),
  });
}

/** The SKU identifier of an item reference, as an optional field. */
export function skuOf(identifiers: { qualifier: string; value: string }[]): { sku?: string } {
  const sku = identifiers.find((x) => x.qualifier === 'SKU')?.value;
  return sku ? { sku } : {};
}
