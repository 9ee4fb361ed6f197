/**
 * The order-to-cash flow's vocabulary, shared by the workflow, its activities, the API and the intake consumer.
 * Types only (plus pure helpers), so workflow code can import it.
 */
import type { SalesOrder, Shipment } from '../../canonical-model/generated/index';
import type { OrderPolicy } from '../../platform/orders/policy';

/** The channel an order was captured through. */
export type CaptureVia = 'api' | 'webhook' | 'edi';

/** One arrival of an order (the first one starts the workflow; later ones are recorded as duplicates). */
export interface OrderCapture {
  via: CaptureVia;
  /** The connector it came through (commerce or EDI connector); absent for the API. */
  connectorId?: string;
  /** EDI trading partner the order came from (EDI captures). */
  partnerId?: string;
  /** Inbound event / EDI interchange / Idempotency-Key the capture came with, for the timeline. */
  reference?: string;
  receivedAt: string;
  by?: string;
}

/** What starts an order's workflow. */
export interface OrderToCashInput {
  order: SalesOrder;
  businessKey: string;
  capture: OrderCapture;
  /** The policy as it was when the order arrived. */
  policy: OrderPolicy;
  correlationId: string;
}

/** Why an order waits for a person. */
export interface OrderHold {
  kind: 'credit' | 'price' | 'item' | 'ship-to' | 'tax';
  /** Canonical field the hold is about, e.g. `/lines/0/unitPrice`. */
  path?: string;
  message: string;
}

/** A person's decision on a held order. */
export interface HoldDecision {
  decision: 'approve' | 'reject';
  by: string;
  reason: string;
}

/** A change to quantities (0 cancels the line), through the API or an EDI 860. */
export interface OrderChange {
  by: string;
  reason: string;
  lines: { lineNumber: number; quantity: string }[];
  /** Where the change came from (API, EDI 860 set id, commerce webhook). */
  reference?: string;
}

/** A cancellation of the whole order (or what of it can still be stopped). */
export interface OrderCancellation {
  by: string;
  reason: string;
  reference?: string;
}

/** What a change or cancellation achieved. */
export interface ChangeOutcome {
  accepted: boolean;
  /** Why it was refused, or what could not be stopped. */
  message: string;
  /** Lines as they are after the change. */
  lines: OrderLineView[];
}

/** A shipment the warehouse (or 3PL) confirmed. */
export interface ShipmentConfirmation {
  shipment: Shipment;
  connectorId: string;
  reference?: string;
}

/** Overall state of an order, as people see it. */
export type OrderStatusCode =
  | 'received'
  | 'validating'
  | 'on-hold'
  | 'escalated'
  | 'allocating'
  | 'backordered'
  | 'released'
  | 'partially-shipped'
  | 'shipped'
  | 'invoiced'
  | 'completed'
  | 'rejected'
  | 'cancelled';

/** One line's quantities (decimal strings, in the line's unit). */
export interface OrderLineView {
  lineNumber: number;
  sku: string;
  uom: string;
  ordered: string;
  allocated: string;
  shipped: string;
  invoiced: string;
  cancelled: string;
  backordered: string;
  /** SKU shipped instead, when a substitute was allocated. */
  substituteSku?: string;
  status: 'open' | 'allocated' | 'backordered' | 'released' | 'shipped' | 'invoiced' | 'cancelled';
}

/** One entry of an order's timeline: a step, a connector call, a document, a decision. */
export interface TimelineEntry {
  at: string;
  kind: 'capture' | 'step' | 'connector-call' | 'document' | 'hold' | 'decision' | 'change' | 'escalation';
  step: string;
  message: string;
  connectorId?: string;
  documentType?: string;
  documentId?: string;
  by?: string;
}

/** A release of allocated lines to one warehouse. */
export interface ReleaseView {
  releaseId: string;
  locationId: string;
  connectorId?: string;
  externalId?: string;
  status: 'released' | 'shipped' | 'cancelled' | 'cancel-refused';
  lines: { lineNumber: number; sku: string; quantity: string }[];
}

/** A confirmed shipment, as the order shows it. */
export interface ShipmentView {
  shipmentId: string;
  shipmentNumber: string;
  releaseId?: string;
  locationId: string;
  trackingNumbers: string[];
  shippedAt?: string;
  lines: { lineNumber: number; sku: string; shipped: string; short: string }[];
}

/** An invoice posted for a shipment. */
export interface InvoiceView {
  invoiceId: string;
  shipmentId: string;
  externalId?: string;
  documentNumber?: string;
  total: string;
  currency: string;
}

/** Everything a person needs to know about one order (the `orderStatus` query and the stored projection). */
export interface OrderView {
  orderId: string;
  workflowId: string;
  businessKey: string;
  channel: string;
  customerId: string;
  customerPoNumber?: string;
  orderNumber: string;
  legalEntityId: string;
  status: OrderStatusCode;
  holds: OrderHold[];
  decisions: (HoldDecision & { at: string })[];
  lines: OrderLineView[];
  releases: ReleaseView[];
  shipments: ShipmentView[];
  invoices: InvoiceView[];
  /** Documents sent to the customer or systems (855, 856, 810, ERP order, …). */
  documents: { documentType: string; documentId: string; connectorId?: string; externalId?: string }[];
  captures: OrderCapture[];
  timeline: TimelineEntry[];
  /** Increases with every change; the stored projection never goes back to a lower version. */
  version: number;
  updatedAt: string;
}
