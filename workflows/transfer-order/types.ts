/**
 * The transfer order between two of the hub's warehouses, as its workflow runs it and the API shows it. Types
 * only, so workflow code and the API share them. Quantities are decimal strings in eaches.
 */
import type { Address } from '../../canonical-model/generated/index';

/** One end of a transfer: a hub location and the WMS connector that runs it. */
export interface TransferEndpoint {
  locationId: string;
  wmsConnectorId: string;
  /** The warehouse's name (the ship-to name of the shipping order). */
  name: string;
  /** Where the source ships to (the destination's address); the location id alone when master data has none. */
  address?: Address;
}

/** One requested line: a SKU and how many units move. */
export interface TransferLineInput {
  lineNumber: number;
  sku: string;
  quantity: string;
}

/** What the transfer workflow starts from (the API resolved and validated it). */
export interface TransferOrderInput {
  transferId: string;
  transferNumber: string;
  legalEntityId: string;
  from: TransferEndpoint;
  to: TransferEndpoint;
  lines: TransferLineInput[];
  /** Business date (YYYY-MM-DD) the source should ship by. */
  shipBy?: string;
  requestedAt: string;
  requestedBy?: string;
  correlationId: string;
}

/** Where a transfer stands. */
export type TransferStatus =
  | 'reserving'
  | 'released'
  | 'in-transit'
  | 'received-short'
  | 'closed'
  | 'closed-short'
  | 'cancelled'
  | 'rejected';

/** One line as it stands. */
export interface TransferLineView extends TransferLineInput {
  reserved: string;
  shipped: string;
  received: string;
  /** shipped − received: on its way to (or missing at) the destination. */
  inTransit: string;
}

/** Something a person has to look at (a short receipt, a short shipment, stock that could not be reserved). */
export interface TransferException {
  code: 'receipt-variance' | 'short-shipment' | 'insufficient-stock' | 'cancel-refused';
  message: string;
  lineNumber?: number;
  sku?: string;
  /** The units the exception is about (e.g. shipped but not received). */
  quantity?: string;
  at: string;
}

/** One entry of the transfer's timeline. */
export interface TransferEvent {
  at: string;
  event: string;
  detail?: string;
}

/** The transfer as the API shows it; `version` grows with every change (the store keeps the newest). */
export interface TransferView {
  transferId: string;
  transferNumber: string;
  legalEntityId: string;
  fromLocationId: string;
  toLocationId: string;
  shipBy?: string;
  status: TransferStatus;
  lines: TransferLineView[];
  exceptions: TransferException[];
  timeline: TransferEvent[];
  /** The shipping order at the source WMS. */
  release?: { externalId: string; documentNumber?: string };
  /** The expected receipt at the destination WMS. */
  expectedReceipt?: { externalId: string; documentNumber?: string };
  workflowId: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The source WMS confirmed the shipment: units shipped per SKU. */
export interface TransferShipmentSignal {
  shipmentId: string;
  shippedAt: string;
  lines: { sku: string; quantity: string }[];
}

/** The destination WMS completed a receipt: units accepted per SKU. */
export interface TransferReceiptSignal {
  receiptId: string;
  receivedAt: string;
  lines: { sku: string; quantity: string }[];
}

/** A person cancels the transfer (honoured until the source has shipped). */
export interface TransferCancelSignal {
  by: string;
  reason: string;
}

/** The workflow id of a transfer. */
export function transferWorkflowId(transferId: string): string {
  return `transfer-order:${transferId}`;
}

/** The expected-receipt (ASN) id of a transfer at its destination. */
export function transferAsnId(transferId: string): string {
  return `${transferId}.asn`;
}

/** The transfer an ASN id names, if it is a transfer's. */
export function transferIdOfAsn(asnId: string): string | undefined {
  return asnId.startsWith('trf_') && asnId.endsWith('.asn') ? asnId.slice(0, -'.asn'.length) : undefined;
}
