/**
 * Re-sourcing lines the supplier rejected: what is still unshipped of them is bought from the next supplier in the
 * sourcing rule's order, on a PO of its own (its own PO number, drawn for `<poId>/resource/<attempt>`, and its own
 * workflow, started as an abandoned child). That PO goes on with the suppliers after that one, so a second
 * rejection moves on again. With no supplier left the line waits for a person (a line-rejected exception).
 */
import { addDecimal } from '../../canonical-model/decimal';
import { buildPurchaseOrder } from '../replenishment/purchase-order';
import { orderQuantity } from '../replenishment/sizing';
import { startPurchaseOrder } from './children';
import { positive, unshipped } from './lines';
import type { PoLine } from './lines';
import type { PoState } from './state';
import { DISCARDED, bookkeeping, step } from './steps';
import { locationOf, syncLineSupply } from './supply';
import { purchaseOrderWorkflowId } from './types';

/** Takes `lines` off this PO and buys them from the next supplier (or raises line-rejected when none is left). */
export async function reSource(s: PoState, lines: PoLine[], why: string): Promise<void> {
  const [alternate, ...rest] = s.input.alternates;
  const wanted = lines.filter((l) => positive(unshipped(l)));
  if (!wanted.length) return;
  for (const l of wanted) l.ack = 'rejected';
  if (!alternate) {
    for (const l of wanted)
      s.raise(
        {
          kind: 'line-rejected',
          lineNumber: l.lineNumber,
          expected: unshipped(l),
          actual: '0',
          message: `line ${l.lineNumber} (${l.sku}) rejected by ${s.input.purchaseOrder.supplierId} and no alternate supplier is left: ${why}`,
        },
        { sku: l.sku },
      );
    return;
  }
  s.resourceAttempts += 1;
  const proposalId = `${s.poId}/resource/${s.resourceAttempts}`;
  const po = s.input.purchaseOrder;
  const poNumber = await step(s, `resource-po-number/${s.resourceAttempts}`, { proposalId }, () =>
    bookkeeping.nextPoNumber({
      proposalId,
      legalEntityId: po.legalEntityId,
      ...(s.input.policy.poNumberPrefix ? { prefix: s.input.policy.poNumberPrefix } : {}),
    }),
  );
  if (poNumber === DISCARDED) {
    for (const l of wanted)
      s.raise({
        kind: 'line-rejected',
        lineNumber: l.lineNumber,
        message: `line ${l.lineNumber} could not be re-sourced (PO number discarded): ${why}`,
      });
    return;
  }
  const order = buildPurchaseOrder({
    poNumber,
    legalEntityId: po.legalEntityId,
    locationId: locationOf(s),
    supplier: alternate,
    orderDate: s.now().slice(0, 10),
    lines: wanted.map((l) => ({
      sku: l.sku,
      quantity: orderQuantity(unshipped(l), alternate.minOrderQuantity, alternate.packMultiple),
      needBy: l.promisedDate ?? l.requestedDate,
    })),
  });
  const workflowId = purchaseOrderWorkflowId(po.legalEntityId, poNumber);
  await startPurchaseOrder(workflowId, {
    purchaseOrder: order,
    supplier: alternate,
    alternates: rest,
    origin: { reason: 're-source', signals: s.input.origin.signals, replacesPurchaseOrderId: s.poId },
    policy: s.input.policy,
    correlationId: s.input.correlationId,
  });
  for (const l of wanted) l.cancelled = addDecimal(l.cancelled, unshipped(l));
  s.replacements.push({ purchaseOrderId: order.id, poNumber, lineNumbers: wanted.map((l) => l.lineNumber) });
  s.note({
    kind: 'step',
    step: 're-source',
    message: `line(s) ${wanted.map((l) => l.lineNumber).join(', ')} re-sourced to ${alternate.supplierId} on ${poNumber}: ${why}`,
  });
  await syncLineSupply(s, wanted, 'cancelled');
}
