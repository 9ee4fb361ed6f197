/**
 * update-purchase-order: the purchase order numbered as the canonical PO gets each line's quantity, direct unit cost
 * and expected receipt date (matched by sequence = line number × 10000), each line PATCHed with its If-Match ETag.
 * Business Central cannot close a line, so a line at quantity 0 keeps what was received; a quantity below what was
 * received is refused before anything changes.
 */
import type { PurchaseOrder } from '../../../canonical-model/generated/index';
import { HubError } from '../../../platform/errors';
import { compareDecimal } from '../../sdk/decimal';
import { jsonNumber } from '../../sdk/json';
import type { WriteContext, WriteResult } from '../../sdk/ports/common';
import type { BcContext } from '../context';
import type { BcRecord } from '../mappers/common';
import { odataString } from '../transport';
import { patchWithEtag } from './etag';
import { findOne } from './resolve';

const text = (value: unknown): string =>
  typeof value === 'number' || typeof value === 'string' ? String(value) : '0';

/** Updates the order's lines; answers `created: false`. */
export async function updatePurchaseOrder(
  ctx: BcContext,
  order: PurchaseOrder,
  context: WriteContext,
): Promise<WriteResult> {
  const { transport } = ctx;
  const signal = context.signal;
  const po = await findOne(
    transport,
    'purchaseOrders',
    `number eq ${odataString(order.poNumber)}`,
    signal,
    'purchaseOrderLines',
  );
  if (!po) {
    throw new HubError('data', `Business Central has no purchase order ${order.poNumber}`, {
      fieldErrors: [{ path: '/id', message: `Business Central has no purchase order ${order.poNumber}` }],
    });
  }
  const bcLines = Array.isArray(po.purchaseOrderLines) ? (po.purchaseOrderLines as BcRecord[]) : [];
  const errors: { path: string; message: string }[] = [];
  const plan = order.lines.flatMap((line, i) => {
    const bc = bcLines.find((l) => l.sequence === line.lineNumber * 10_000);
    if (!bc) {
      errors.push({ path: `/lines/${i}`, message: `matches no line of purchase order ${order.poNumber}` });
      return [];
    }
    const received = text(bc.receivedQuantity);
    let quantity = line.quantity.value;
    if (compareDecimal(quantity, '0') === 0) quantity = received;
    else if (compareDecimal(quantity, received) < 0) {
      errors.push({ path: `/lines/${i}/quantity`, message: `is below the ${received} already received` });
      return [];
    }
    return [{ bc, quantity, line }];
  });
  if (errors.length)
    throw new HubError('data', `purchase order ${order.poNumber}: ${errors[0]!.path} ${errors[0]!.message}`, {
      fieldErrors: errors,
    });
  for (const { bc, quantity, line } of plan) {
    const body: BcRecord = {
      quantity: jsonNumber(quantity),
      directUnitCost: jsonNumber(line.unitPrice.amount),
      ...(line.requestedDeliveryDate ? { expectedReceiptDate: line.requestedDeliveryDate } : {}),
    };
    await patchWithEtag(
      transport,
      `/purchaseOrders(${String(po.id)})/purchaseOrderLines(${String(bc.id)})`,
      String(bc['@odata.etag']),
      body,
      `purchase order ${order.poNumber} line ${line.lineNumber}`,
      signal,
    );
  }
  return { externalId: String(po.id), documentNumber: String(po.number), created: false };
}
