/**
 * The port the API and the intake consumer reach order workflows through (Temporal in production, a fake in
 * route tests). `capture` starts the order's workflow, or attaches the arrival to the one that exists.
 */
import type {
  ChangeOutcome,
  HoldDecision,
  OrderCancellation,
  OrderChange,
  OrderToCashInput,
  OrderView,
  ShipmentConfirmation,
} from '../../workflows/order-to-cash/types';

/** What happened to a captured order. */
export interface CaptureResult {
  workflowId: string;
  /** started: a new order; attached: a duplicate of a running order; duplicate-of-closed: of a finished one. */
  outcome: 'started' | 'attached' | 'duplicate-of-closed';
}

/** Operations on order workflows. Refusals (not on hold, unknown order) are `data` HubErrors. */
export interface OrderWorkflows {
  capture(input: OrderToCashInput): Promise<CaptureResult>;
  decide(workflowId: string, decision: HoldDecision): Promise<OrderView>;
  change(workflowId: string, change: OrderChange): Promise<ChangeOutcome>;
  cancel(workflowId: string, cancellation: OrderCancellation): Promise<ChangeOutcome>;
  /** Signals a shipment confirmation (from the WMS webhook consumer). */
  confirmShipment(workflowId: string, confirmation: ShipmentConfirmation): Promise<void>;
  /** Signals a change from a channel nobody waits on (EDI 860, commerce update). */
  requestChange(workflowId: string, change: OrderChange): Promise<void>;
  /** Signals a cancellation from a channel nobody waits on. */
  requestCancel(workflowId: string, cancellation: OrderCancellation): Promise<void>;
  /** Signals that stock arrived: backordered lines try to allocate again now. */
  retryAllocation(workflowId: string, reason: string): Promise<void>;
  /** The live view from the running workflow; undefined when there is no such workflow. */
  status(workflowId: string): Promise<OrderView | undefined>;
}
