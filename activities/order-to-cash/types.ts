/**
 * Arguments and results of the order-to-cash activities: what the workflow (types only) and the activities agree
 * on. Quantities are decimal strings; every write carries the id that makes its retry harmless.
 */
import type { Invoice, SalesOrder, Shipment } from '../../canonical-model/generated/index';
import type { WriteResult } from '../../connectors/sdk/ports/common';
import type { OrderAckLineAnswer } from '../../platform/orders/documents-ack';
import type { OrderPolicy, ThirdPartyWarehouse } from '../../platform/orders/policy';
import type { OrderHold, OrderView } from '../../workflows/order-to-cash/types';

/** A line as validation resolved it: its SKU and how many base units one ordered unit holds. */
export interface ResolvedLine {
  lineNumber: number;
  sku: string;
  /** Base (stocking) units per ordered unit; "1" when the order is in the base unit. */
  baseUnits: string;
}

/** What validation found. */
export interface ValidationResult {
  lines: ResolvedLine[];
  holds: OrderHold[];
  /** Connector calls made, for the timeline. */
  calls: string[];
  /** Is the customer one whose orders may use protected stock? */
  priorityCustomer: boolean;
}

/** One line to allocate, in the order's unit. */
export interface AllocationNeed {
  lineNumber: number;
  sku: string;
  quantity: string;
  baseUnits: string;
}

/** An allocation made, in the order's unit. */
export interface MadeAllocation {
  lineNumber: number;
  sku: string;
  locationId: string;
  quantity: string;
  reservationId: string;
  substituteFor?: string;
}

/** What an allocation round made and could not make. */
export interface AllocationOutcome {
  allocations: MadeAllocation[];
  shortages: { lineNumber: number; sku: string; quantity: string }[];
}

/** Arguments of allocateStock. */
export interface AllocateArgs {
  orderId: string;
  round: number;
  lines: AllocationNeed[];
  needBy?: string;
  shipTo: { countryCode?: string; region?: string };
  policy: OrderPolicy;
  priorityCustomer: boolean;
}

/** Arguments of releaseToWarehouse: the order cut down to what one warehouse ships. */
export interface ReleaseArgs {
  /** The policy's WMS; absent when the policy has none and the warehouse is a 3PL's. */
  wmsConnectorId?: string;
  /** Set when a 3PL runs the warehouse: the release goes to the partner as an EDI 940, not to the WMS. */
  thirdParty?: ThirdPartyWarehouse;
  releaseId: string;
  locationId: string;
  order: SalesOrder;
  lines: { lineNumber: number; sku: string; quantity: string }[];
}

/** Arguments of invoiceShipment: the invoice is built from the order's prices for exactly what shipped. */
export interface InvoiceShipmentArgs {
  erpConnectorId?: string;
  order: SalesOrder;
  shipment: Shipment;
  invoiceId: string;
  invoiceNumber: string;
  invoiceDate: string;
}

/** What invoiceShipment posted. */
export interface InvoicedShipment {
  invoice: Invoice;
  total: string;
  fulfillment?: WriteResult;
  erpInvoice?: WriteResult;
}

/** Arguments of sendCustomerEdi: which document to build from the order and send to the customer. */
export type CustomerEdiArgs = {
  connectorId: string;
  partnerId: string;
  correlationId: string;
  order: SalesOrder;
  documentId: string;
  date: string;
} & CustomerEdiDocument;

/** Which document an EDI send builds for the customer, and what it is built from. */
export type CustomerEdiDocument =
  | {
      kind: 'ack';
      lines: OrderAckLineAnswer[];
    }
  | { kind: 'asn'; shipment: Shipment; shipFromLocationId: string }
  | { kind: 'invoice'; invoice: Invoice };

/** What an EDI send produced. */
export interface SentEdi {
  interchangeId: string;
  controlNumber: string;
  documentType: string;
}

/** The activities of the order-to-cash flow, as the workflow proxies them (the worker registers the real ones). */
export interface OrderActivities {
  validateOrder(args: { order: SalesOrder; policy: OrderPolicy }): Promise<ValidationResult>;
  recordErpOrder(args: {
    erpConnectorId: string;
    order: SalesOrder;
    idempotencyKey: string;
  }): Promise<WriteResult>;
  allocateStock(args: AllocateArgs): Promise<AllocationOutcome>;
  releaseReservations(args: {
    reservations: { reservationId: string; quantity?: string; opId: string }[];
  }): Promise<void>;
  consumeReservations(args: {
    consumptions: { reservationId: string; quantity: string; opId: string }[];
  }): Promise<void>;
  releaseToWarehouse(args: ReleaseArgs): Promise<WriteResult>;
  cancelWarehouseRelease(args: {
    /** The connector the release went through (the WMS, or the 3PL's EDI connector). */
    wmsConnectorId: string;
    /** Set when the release went to a 3PL by EDI 940: such a release cannot be recalled (the answer says why). */
    thirdParty?: ThirdPartyWarehouse;
    releaseId: string;
    /** The WMS's id of the released order (what the WMS cancels by). */
    externalId: string;
    reason: string;
    idempotencyKey: string;
  }): Promise<{ cancelled: boolean; reason?: string }>;
  invoiceShipment(args: InvoiceShipmentArgs): Promise<InvoicedShipment>;
  createCommerceFulfillment(args: {
    /** The order's id in the store (its source.externalId), linked before the fulfilment is written. */
    orderExternalId?: string;
    connectorId: string;
    shipment: Shipment;
    idempotencyKey: string;
  }): Promise<WriteResult>;
  sendCustomerEdi(args: CustomerEdiArgs): Promise<SentEdi>;
  saveOrderView(view: OrderView): Promise<void>;
  raiseReplenishment(args: {
    orderId: string;
    legalEntityId: string;
    needBy?: string;
    shortages: { sku: string; quantity: string; lineNumber: number }[];
  }): Promise<void>;
  escalateOrder(args: { orderId: string; businessKey: string; reason: string }): Promise<void>;
}
