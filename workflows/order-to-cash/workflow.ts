/**
 * Order-to-cash: one workflow per order, whose id comes from the order's business key. Validate (credit, contract
 * price, items and units, ship-to and tax) → hold for a person when needed → record in the ERP → allocate across
 * warehouses → release to the WMS → per shipment: consume stock, invoice what shipped, tell the channel →
 * complete when every line is shipped or cancelled. Changes and cancellation arrive as updates or signals.
 */
import { condition, setHandler, workflowInfo } from '@temporalio/workflow';
import { subtractDecimal } from '../../canonical-model/decimal';
import type { ResolvedLine } from '../../activities/order-to-cash/types';
import { allocateRound, releaseAllocations } from './allocation';
import { applyCancel, applyChange } from './changes';
import { waitForDecision } from './holds';
import { need, openBook, positive } from './lines';
import {
  cancelOrderUpdate,
  cancelRequestedSignal,
  changeOrderUpdate,
  changeRequestedSignal,
  orderCapturedSignal,
  orderStatusQuery,
  retryAllocationSignal,
  shipmentConfirmedSignal,
} from './messages';
import { OrderState } from './order-state';
import { handleShipment, sendEdi } from './shipments';
import { DISCARDED, connectorCalls, noteErpEdit, save, step } from './steps';
import type {
  ChangeOutcome,
  OrderCancellation,
  OrderChange,
  OrderToCashInput,
  OrderView,
  ShipmentConfirmation,
} from './types';

const MINUTE_MS = 60_000;

type Request =
  | { kind: 'change'; change: OrderChange; outcome?: ChangeOutcome }
  | { kind: 'cancel'; cancel: OrderCancellation; outcome?: ChangeOutcome };

/** The order-to-cash flow of one order. */
export async function orderToCashWorkflow(input: OrderToCashInput): Promise<OrderView> {
  const s = new OrderState(input, workflowInfo().workflowId);
  const requests: Request[] = [];
  const shipments: ShipmentConfirmation[] = [];
  let retryNow = false;

  setHandler(orderStatusQuery, () => s.view());
  setHandler(orderCapturedSignal, (capture) => {
    s.captures.push(capture);
    s.note({
      kind: 'capture',
      step: 'duplicate',
      message: `the same order arrived again by ${capture.via}; attached to this order`,
      ...(capture.connectorId ? { connectorId: capture.connectorId } : {}),
    });
  });
  setHandler(shipmentConfirmedSignal, (c) => void shipments.push(c));
  setHandler(retryAllocationSignal, () => void (retryNow = true));
  setHandler(changeRequestedSignal, (change) => void requests.push({ kind: 'change', change }));
  setHandler(cancelRequestedSignal, (cancel) => void requests.push({ kind: 'cancel', cancel }));
  const ask = async (request: Request): Promise<ChangeOutcome> => {
    requests.push(request);
    await condition(() => request.outcome !== undefined);
    return request.outcome as ChangeOutcome;
  };
  setHandler(changeOrderUpdate, (change) => ask({ kind: 'change', change }), {
    validator: (change: OrderChange) => {
      if (s.status === 'cancelled' || s.status === 'completed' || s.status === 'rejected')
        throw new Error(`order is ${s.status}; it cannot change`);
      if (!change.lines.length) throw new Error('/lines must name at least one line');
    },
  });
  setHandler(cancelOrderUpdate, (cancel) => ask({ kind: 'cancel', cancel }), {
    validator: (_cancel: OrderCancellation) => {
      if (s.status === 'cancelled' || s.status === 'completed' || s.status === 'rejected')
        throw new Error(`order is ${s.status}; it cannot be cancelled`);
    },
  });

  /** Applies queued changes and cancellations (only between steps, so no step sees a half-applied change). */
  const applyRequests = async (): Promise<void> => {
    while (requests.length) {
      const r = requests.shift() as Request;
      r.outcome = r.kind === 'change' ? await applyChange(s, r.change) : await applyCancel(s, r.cancel);
      await save(s);
    }
  };

  s.note({
    kind: 'capture',
    step: 'received',
    message: `order received by ${input.capture.via}`,
    ...(input.capture.connectorId ? { connectorId: input.capture.connectorId } : {}),
  });
  s.setStatus('validating', 'checking credit, prices, items and ship-to');
  await save(s);

  const validation = await step(
    s,
    'validate',
    { orderId: input.order.id },
    () => connectorCalls.validateOrder({ order: input.order, policy: input.policy }),
    input.policy.erpConnectorId,
  );
  const resolved: ResolvedLine[] = validation === DISCARDED ? [] : validation.lines;
  s.book = openBook(input.order, new Map(resolved.map((l) => [l.lineNumber, l.sku])));
  if (validation !== DISCARDED)
    for (const call of validation.calls) s.note({ kind: 'connector-call', step: 'validate', message: call });

  if (validation !== DISCARDED && validation.holds.length) {
    s.holds = validation.holds;
    const verdict = await waitForDecision(s, requests, applyRequests);
    if (verdict === 'rejected' || verdict === 'cancelled') {
      if (verdict === 'cancelled') return finish(s);
      await sendEdi(s, 'ack', `${input.order.id}.ack`, {
        kind: 'ack',
        lines: s.book.map((l) => ({
          lineNumber: l.lineNumber,
          accepted: '0',
          backordered: '0',
          cancelled: l.ordered,
        })),
      });
      await save(s);
      return s.view();
    }
  }
  await applyRequests();
  if (s.cancelRequested) return finish(s);

  const erp = input.policy.erpConnectorId;
  if (erp) {
    const proposed = { order: s.erpOrder() };
    let sent = proposed;
    const recorded = await step(
      s,
      'erp-order',
      proposed,
      (payload) => {
        sent = payload;
        return connectorCalls.recordErpOrder({
          erpConnectorId: erp,
          order: payload.order,
          idempotencyKey: `${s.workflowId}/erp-order`,
        });
      },
      erp,
    );
    if (recorded !== DISCARDED && sent !== proposed) noteErpEdit(s, sent.order, 'erp-order');
    if (recorded !== DISCARDED) {
      s.documents.push({
        documentType: 'erp-sales-order',
        documentId: input.order.id,
        connectorId: erp,
        externalId: recorded.externalId,
      });
      s.note({
        kind: 'connector-call',
        step: 'erp-order',
        message: `order recorded in the ERP as ${recorded.documentNumber ?? recorded.externalId}`,
        connectorId: erp,
      });
    }
  }

  let round = 0;
  for (;;) {
    await applyRequests();
    if (s.settled()) break;
    if (!s.cancelRequested && s.book.some((l) => positive(need(l))) && (round === 0 || retryNow)) {
      retryNow = false;
      round += 1;
      s.setStatus('allocating', `allocation round ${round}`);
      await allocateRound(s, resolved, round);
      if (round === 1) await acknowledge(s);
      await releaseAllocations(s);
      s.setStatus(s.fulfilmentStatus(), 'allocated and released');
      await save(s);
      continue;
    }
    const backordered = !s.cancelRequested && s.book.some((l) => positive(need(l)));
    const waitingOnWarehouse = s.releases.some(
      (r) => r.status === 'released' || r.status === 'cancel-refused',
    );
    const timeout =
      (backordered && !waitingOnWarehouse
        ? input.policy.backorderRecheckMinutes
        : input.policy.shipmentTimeoutMinutes) * MINUTE_MS;
    const woke = await condition(() => shipments.length > 0 || requests.length > 0 || retryNow, timeout);
    if (!woke) {
      if (backordered) retryNow = true;
      else {
        s.note({
          kind: 'escalation',
          step: 'shipment-overdue',
          message: `no shipment confirmation within ${input.policy.shipmentTimeoutMinutes} minutes`,
        });
        await connectorCalls.escalateOrder({
          orderId: input.order.id,
          businessKey: input.businessKey,
          reason: 'shipment overdue',
        });
        await save(s);
      }
      continue;
    }
    while (shipments.length) {
      await handleShipment(s, shipments.shift() as ShipmentConfirmation);
      s.setStatus(s.fulfilmentStatus(), 'shipment handled');
      await save(s);
    }
  }
  return finish(s);
}

/** The 855 to an EDI customer once the first allocation shows what will ship. */
async function acknowledge(s: OrderState): Promise<void> {
  await sendEdi(s, 'ack', `${s.order.id}.ack`, {
    kind: 'ack',
    lines: s.book.map((l) => ({
      lineNumber: l.lineNumber,
      accepted: subtractDecimal(subtractDecimal(l.ordered, l.backordered), l.cancelled),
      backordered: l.backordered,
      cancelled: l.cancelled,
      ...(l.allocations.find((a) => a.substituteFor)
        ? { substituteSku: l.allocations.find((a) => a.substituteFor)?.sku ?? '' }
        : {}),
    })),
  });
}

/** Final status and the last save. */
async function finish(s: OrderState): Promise<OrderView> {
  s.setStatus(
    s.fulfilmentStatus(),
    s.cancelRequested ? 'order closed after cancellation' : 'every line shipped or cancelled',
  );
  await save(s);
  return s.view();
}
