import type { Shipment } from '../../../canonical-model/generated/index';
import type { WriteContext, WriteResult } from '../../sdk/ports/common';
import type { BcContext } from '../context';
import { odataString } from '../transport';
import { postAgainstOrder, resolveLocationId, resolveOrder } from './post-against-order';
import { skuOf } from './post-goods-receipt';

/** Ships the shipment's quantities on its sales order (shipAndInvoice with nothing to invoice). */
export async function postFulfillment(
  ctx: BcContext,
  shipment: Shipment,
  context: WriteContext,
): Promise<WriteResult> {
  const { references, signal } = context;
  const what = `shipment ${shipment.shipmentNumber}`;
  const fallback = shipment.customerPoNumber
    ? `externalDocumentNumber eq ${odataString(shipment.customerPoNumber)}`
    : undefined;
  const orderId = await resolveOrder(
    ctx,
    references,
    'sales-order',
    shipment.salesOrderId,
    fallback,
    '/salesOrderId',
    what,
    signal,
  );
  const locationId = await resolveLocationId(ctx, references, shipment.fromLocationId, signal);
  return postAgainstOrder(ctx, {
    kind: 'sales',
    orderId,
    postedSet: 'salesShipments',
    referenceField: 'yourReference',
    reference: shipment.shipmentNumber,
    lines: shipment.lines.map((line, i) => ({
      path: `/lines/${i}`,
      orderLineNumber: line.salesOrderLineNumber,
      ...skuOf(line.item.identifiers),
      move: line.quantityShipped.value,
      invoice: '0',
    })),
    ...(locationId ? { locationId } : {}),
    what,
    ...(signal ? { signal } : {}),
  });
}
