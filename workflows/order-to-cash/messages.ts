/**
 * Signals, updates and queries of the order-to-cash workflow. The API and the intake consumer send them by name;
 * the workflow installs the handlers. Updates answer the caller (approve/reject, change, cancel); signals are for
 * channels with nobody waiting (a duplicate capture, a shipment confirmation, an EDI 860).
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  ChangeOutcome,
  HoldDecision,
  OrderCancellation,
  OrderCapture,
  OrderChange,
  OrderView,
  ShipmentConfirmation,
} from './types';

/** Name of the workflow type (for clients that start it by name). */
export const ORDER_TO_CASH_WORKFLOW = 'orderToCashWorkflow';

/** Another arrival of the same order (a duplicate from any channel). */
export const orderCapturedSignal = defineSignal<[OrderCapture]>('orderCaptured');
/** The warehouse confirmed a shipment of this order. */
export const shipmentConfirmedSignal = defineSignal<[ShipmentConfirmation]>('shipmentConfirmed');
/** A change arrived by a channel nobody waits on (EDI 860, commerce order update). */
export const changeRequestedSignal = defineSignal<[OrderChange]>('changeRequested');
/** A cancellation arrived by a channel nobody waits on (EDI 860 BCH01=01, commerce cancel). */
export const cancelRequestedSignal = defineSignal<[OrderCancellation]>('cancelRequested');

/** Stock arrived (procure-to-receive) or an operator asks: backordered lines try to allocate again now. */
export const retryAllocationSignal = defineSignal<[{ reason: string }?]>('retryAllocation');

/** Approves or rejects a held order; refused when the order is not on hold. */
export const decideHoldUpdate = defineUpdate<OrderView, [HoldDecision]>('decideHold');
/** Changes line quantities; before release anything, after release only what the warehouse can stop. */
export const changeOrderUpdate = defineUpdate<ChangeOutcome, [OrderChange]>('changeOrder');
/** Cancels what of the order can still be stopped, undoing every side effect already made. */
export const cancelOrderUpdate = defineUpdate<ChangeOutcome, [OrderCancellation]>('cancelOrder');

/** The order as it is right now. */
export const orderStatusQuery = defineQuery<OrderView>('orderStatus');
