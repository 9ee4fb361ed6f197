/** What support sees of one business transaction: the thing a customer or supplier calls about. */
import type { JsonChange } from '../json-diff';

/** What a transaction is anchored on: an order, a PO, or a document that never became one. */
export type TransactionKind = 'order' | 'purchase-order' | 'edi-set' | 'dead-letter';

/** One business number a transaction is known by, and what kind of number it is. */
export interface BusinessNumber {
  /** e.g. customerPoNumber, orderNumber, poNumber, asnNumber, invoiceNumber, isa13, gs06, st02. */
  name: string;
  value: string;
}

/** A search hit: enough to tell transactions apart and open one. */
export interface TransactionSummary {
  /** `order:<orderId>`, `po:<purchaseOrderId>`, `edi:<setRecordId>` or `dead-letter:<id>`. */
  id: string;
  kind: TransactionKind;
  title: string;
  status: string;
  /** Which of its numbers matched the search (names from `numbers`). */
  matchedOn: string[];
  numbers: BusinessNumber[];
  /** Dead letters still open or replaying. */
  openDeadLetters: number;
  updatedAt: string;
}

/** Where a timeline entry came from. */
export type TimelineSource = 'workflow' | 'edi' | 'acknowledgement' | 'dead-letter';

/** One thing that happened to a transaction, from whichever record saw it. */
export interface TransactionEvent {
  at: string;
  source: TimelineSource;
  /** e.g. capture, step, connector-call, document, hold, decision, exception, received, sent, failed, replayed. */
  kind: string;
  message: string;
  step?: string;
  connectorId?: string;
  by?: string;
  /** Ids of the records this entry is about, to open them (`/v1/edi/transaction-sets/{id}`, …). */
  refs?: { deadLetterId?: string; setId?: string; interchangeId?: string; documentId?: string };
  /** For a payload edit: what it changed (RFC 6901 pointers, old and new values). */
  changes?: JsonChange[];
}

/** An EDI transaction set of the transaction, in or out, with where its raw bytes are. */
export interface TransactionDocument {
  setRecordId: string;
  direction: 'inbound' | 'outbound';
  setId: string;
  partnerId?: string;
  status: string;
  /** The 997 verdict (AK501) when there is one. */
  acknowledgement?: string;
  control: { interchange?: string; group: string; set: string };
  interchangeId: string;
  /** The interchange as received or sent, byte for byte. */
  rawUrl: string;
  at: string;
}

/** A dead letter of the transaction, as a line of the record. */
export interface TransactionDeadLetter {
  id: string;
  status: string;
  flow: string;
  step: string;
  connectorId?: string;
  error: { kind: string; message: string };
  attempts: number;
  updatedAt: string;
}

/** Everything about one transaction, as one record with one timeline (oldest first). */
export interface TransactionRecord extends Omit<TransactionSummary, 'matchedOn'> {
  workflows: { workflowId: string; role: string }[];
  holds: { kind: string; message: string; path?: string }[];
  exceptions: { exceptionId: string; kind: string; status: string; message?: string }[];
  documents: TransactionDocument[];
  deadLetters: TransactionDeadLetter[];
  timeline: TransactionEvent[];
  /** The order or PO view (or the set / dead letter) the record is anchored on, whole. */
  anchor: unknown;
}
