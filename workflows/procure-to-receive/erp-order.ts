/**
 * Keeps the ERP's purchase order in line with the hub's after the PO changes: a supplier's accepted quantity,
 * price or date changes, a buyer's price acceptance, lines cancelled, re-sourced or short-closed. After every
 * document or decision the lines as they now stand (quantity = ordered − cancelled, the current unit price, the
 * promised else requested date) are compared with what the ERP was last given; when they differ the ERP order is
 * updated (`updateErpPurchaseOrder`, idempotent) and the timeline says what changed. Behind the patch
 * `erp-po-update`, so a PO that ran before it replays as it did.
 */
import { patched } from '@temporalio/workflow';
import type { PurchaseOrder } from '../../canonical-model/generated/index';
import { normalizeDecimal } from '../replenishment/sizing';
import { target } from './lines';
import type { PoState } from './state';
import { DISCARDED, connectorCalls, step } from './steps';

/** The patch id of the ERP order updates. */
export const ERP_ORDER_UPDATE_PATCH = 'erp-po-update';

/** The canonical PO with each line as it now stands. */
export function currentPurchaseOrder(s: PoState): PurchaseOrder {
  const po = s.purchaseOrder();
  return {
    ...po,
    lines: po.lines.map((l) => {
      const line = s.line(l.lineNumber);
      if (!line) return l;
      const date = line.promisedDate ?? line.requestedDate;
      return {
        ...l,
        quantity: { ...l.quantity, value: normalizeDecimal(target(line)) },
        unitPrice: { ...l.unitPrice, amount: line.unitPrice },
        ...(date ? { requestedDeliveryDate: date } : {}),
      };
    }),
  };
}

/** What the ERP is told about each line: number, quantity, price and date. */
const shapeOf = (po: PurchaseOrder): string =>
  po.lines
    .map(
      (l) =>
        `${l.lineNumber}:${normalizeDecimal(l.quantity.value)}@${normalizeDecimal(l.unitPrice.amount)}/${l.requestedDeliveryDate ?? ''}`,
    )
    .join(' ');

/** Records that the ERP's order holds the lines as they now stand (when it was created from them). */
export function markErpInSync(s: PoState): void {
  s.erpShape = shapeOf(currentPurchaseOrder(s));
}

/** Updates the ERP order when the lines changed since it was last given them. */
export async function syncErpOrder(s: PoState): Promise<void> {
  const erp = s.input.policy.erpConnectorId;
  if (!erp || !s.erp) return;
  if (s.erpShape === undefined) return markErpInSync(s);
  const order = currentPurchaseOrder(s);
  const shape = shapeOf(order);
  if (shape === s.erpShape || !patched(ERP_ORDER_UPDATE_PATCH)) return;
  const updated = await step(
    s,
    `erp-purchase-order-update/v${s.version}`,
    { purchaseOrderId: order.id, lines: shape },
    () => connectorCalls.updateErpPurchaseOrder({ erpConnectorId: erp, order }),
    erp,
  );
  if (updated === DISCARDED) return;
  const before = s.erpShape;
  s.erpShape = shape;
  s.note({
    kind: 'connector-call',
    step: 'erp-purchase-order-update',
    message: `PO updated in the ERP (${s.erp.documentNumber ?? s.erp.externalId}): ${before} → ${shape}`,
    connectorId: erp,
  });
}
