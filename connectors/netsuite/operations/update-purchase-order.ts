/**
 * update-purchase-order: the purchase order made under the canonical id (externalId) gets each line's quantity,
 * rate and expected receipt date from the canonical order, matched by `custcol_hub_line_number`; a line at quantity
 * 0 is closed (`isClosed`). One PATCH of the item sublist; NetSuite refuses a quantity below what was received.
 */
import type { PurchaseOrder } from '../../../canonical-model/generated/index';
import { HubError } from '../../../platform/errors';
import { compareDecimal } from '../../sdk/decimal';
import type { WriteContext, WriteResult } from '../../sdk/ports/common';
import type { NetSuiteContext } from '../context';
import { jsonNumber } from '../../sdk/json';
import { byExternalId } from '../transport';
import type { NsOrder } from '../types';

/** Updates the order's lines; answers `created: false` (the order existed). */
export async function updatePurchaseOrder(
  ctx: NetSuiteContext,
  order: PurchaseOrder,
  context: WriteContext,
): Promise<WriteResult> {
  const earlier = await ctx.transport.get<NsOrder>('purchaseOrder', byExternalId(order.id), context.signal);
  if (!earlier?.id) {
    throw new HubError('data', `NetSuite has no purchase order ${order.id}`, {
      fieldErrors: [{ path: '/id', message: `NetSuite has no purchase order ${order.id}` }],
    });
  }
  const lines = earlier.item?.items ?? [];
  const errors: { path: string; message: string }[] = [];
  const items = order.lines.flatMap((line, i) => {
    const ns = lines.find((l) => l.custcol_hub_line_number === line.lineNumber);
    if (!ns?.line) {
      errors.push({
        path: `/lines/${i}`,
        message: `matches no line of NetSuite purchase order ${earlier.id}`,
      });
      return [];
    }
    const quantity = line.quantity.value;
    const received = (ns as { quantityReceived?: unknown }).quantityReceived;
    const receivedText =
      typeof received === 'number' || typeof received === 'string' ? String(received) : '0';
    if (compareDecimal(quantity, receivedText) < 0) {
      errors.push({ path: `/lines/${i}/quantity`, message: `is below the ${receivedText} already received` });
      return [];
    }
    return [
      {
        line: ns.line,
        quantity: jsonNumber(quantity),
        rate: jsonNumber(line.unitPrice.amount),
        ...(line.requestedDeliveryDate ? { expectedReceiptDate: line.requestedDeliveryDate } : {}),
        isClosed: compareDecimal(quantity, '0') === 0,
      },
    ];
  });
  if (errors.length)
    throw new HubError('data', `purchase order ${order.id}: ${errors[0]!.path} ${errors[0]!.message}`, {
      fieldErrors: errors,
    });
  await ctx.transport.patch('purchaseOrder', earlier.id, { item: { items } }, context.signal);
  return {
    externalId: earlier.id,
    ...(earlier.tranId ? { documentNumber: earlier.tranId } : {}),
    created: false,
  };
}
