/**
 * The pure builders of the canonical documents the order-to-cash flow sends after acceptance and shipment: the AR
 * invoice (ERP, X12 810), our acknowledgement (X12 855) and the advance ship notice (X12 856). The commerce
 * channel gets the Shipment document itself. Every id and timestamp comes in through the arguments.
 */
export { buildShipmentInvoice, shippedQuantityByLine } from './documents-invoice';
export type { ShipmentInvoiceArgs } from './documents-invoice';
export { buildOrderAck } from './documents-ack';
export type { OrderAckArgs, OrderAckLineAnswer } from './documents-ack';
export { buildShipmentAsn } from './documents-asn';
export type { ShipmentAsnArgs } from './documents-asn';
