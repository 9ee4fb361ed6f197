/**
 * Everything the PO workflow knows about its purchase order — the line book, shipments, receipts, invoices,
 * exceptions, documents, decisions and the timeline — and the view people see. Deterministic: time is workflow time.
 */
import { multiplyDecimal, toPlaces } from '../../canonical-model/decimal';
import type { Invoice, PurchaseOrder } from '../../canonical-model/generated/index';
import { cancelledLine, lineView, openBook, sum, target } from './lines';
import type { PoLine } from './lines';
import type {
  ExceptionResolution,
  ProcureToReceiveInput,
  PurchaseDocumentView,
  PurchaseException,
  PurchaseOrderStatusCode,
  PurchaseOrderView,
  PurchaseTimelineEntry,
  SupplierInvoiceView,
} from './types';

/** What an exception is about, beyond what the view shows (what its resolution acts on). */
export interface ExceptionSubject {
  /** Units the exception holds (over-receipt excess, refused units, a wrong item's units). */
  quantity?: string;
  /** The acknowledged unit price a price change asks for. */
  price?: string;
  sku?: string;
  locationId?: string;
  receiptId?: string;
  receiptLineNumber?: number;
  invoiceId?: string;
}

/** One ASN as the workflow tracks it. */
export interface TrackedAsn {
  asnId: string;
  asnNumber: string;
  lines: { lineNumber: number; quantity: string }[];
  /** Supply ids recorded for its lines, still open. */
  openSupply: string[];
  received: boolean;
}

/** The mutable state of one PO's workflow. */
export class PoState {
  readonly input: ProcureToReceiveInput;
  readonly workflowId: string;
  readonly poId: string;
  book: PoLine[];
  status: PurchaseOrderStatusCode = 'issued';
  decisions: PurchaseOrderView['decisions'] = [];
  asns: TrackedAsn[] = [];
  shipments: PurchaseOrderView['shipments'] = [];
  receipts: PurchaseOrderView['receipts'] = [];
  invoices: SupplierInvoiceView[] = [];
  invoiceDocs = new Map<string, Invoice>();
  exceptions: PurchaseException[] = [];
  subjects = new Map<string, ExceptionSubject>();
  documents: PurchaseDocumentView[] = [];
  replacements: PurchaseOrderView['replacements'] = [];
  erp?: PurchaseOrderView['erp'];
  timeline: PurchaseTimelineEntry[] = [];
  /** When the payment watch of the closed PO's vendor bills ends (workflow time, ms). */
  paymentWatchUntil?: number;
  /** How many times the ERP was asked about the bills' payments (names each round's steps). */
  paymentRounds = 0;
  /** The lines as the ERP's purchase order was last given them (erp-order.ts). */
  erpShape?: string;
  /** Ids of documents already handled (acks, ASNs, receipts, invoices). */
  seen = new Set<string>();
  acked = false;
  ackEscalated = false;
  shortClosed = false;
  /** Set once the PO reached a final state (closed, short-closed, cancelled, rejected). */
  finished = false;
  resourceAttempts = 0;
  version = 0;

  constructor(input: ProcureToReceiveInput, workflowId: string) {
    this.input = input;
    this.workflowId = workflowId;
    this.poId = input.purchaseOrder.id;
    this.book = openBook(input.purchaseOrder);
  }

  /** Workflow time as ISO 8601. */
  now(): string {
    return new Date().toISOString();
  }

  /** Adds a timeline entry (every change of the view goes with one, so the version grows). */
  note(entry: Omit<PurchaseTimelineEntry, 'at'>): void {
    this.timeline.push({ at: this.now(), ...entry });
    this.version += 1;
  }

  /** Changes the overall status (with a timeline entry). */
  setStatus(status: PurchaseOrderStatusCode, message: string): void {
    if (this.status === status) return;
    this.status = status;
    this.note({ kind: 'step', step: status, message });
  }

  /** The line with this number. */
  line(lineNumber: number): PoLine | undefined {
    return this.book.find((l) => l.lineNumber === lineNumber);
  }

  /** Opens an exception owned by the policy's exception owner; answers it. */
  raise(
    fields: Omit<PurchaseException, 'exceptionId' | 'owner' | 'status' | 'openedAt'>,
    subject: ExceptionSubject = {},
  ): PurchaseException {
    const exception: PurchaseException = {
      // Path-safe: the API takes it in /exceptions/{exceptionId}/resolution.
      exceptionId: `${this.poId}.x${this.exceptions.length + 1}`,
      ...fields,
      owner: this.input.policy.exceptionOwner,
      status: 'open',
      openedAt: this.now(),
    };
    this.exceptions.push(exception);
    this.subjects.set(exception.exceptionId, subject);
    this.note({ kind: 'exception', step: fields.kind, message: fields.message });
    return exception;
  }

  /** Open exceptions (of one kind, or of any). */
  open(kind?: PurchaseException['kind']): PurchaseException[] {
    return this.exceptions.filter((e) => e.status === 'open' && (!kind || e.kind === kind));
  }

  /** Marks an exception resolved. */
  resolve(exception: PurchaseException, resolution: ExceptionResolution): void {
    exception.status = 'resolved';
    exception.resolution = { ...resolution, at: this.now() };
    this.note({
      kind: 'decision',
      step: `resolved-${exception.kind}`,
      message: `${exception.kind} ${resolution.action} by ${resolution.by}: ${resolution.reason}`,
      by: resolution.by,
    });
  }

  /** Sum of still-bought quantity × unit price (exact). */
  exactTotal(): string {
    return sum(
      this.book.filter((l) => !cancelledLine(l)).map((l) => multiplyDecimal(target(l), l.unitPrice)),
    );
  }

  /** The PO as sent to the ERP and the supplier: the proposal, issued. */
  purchaseOrder(): PurchaseOrder {
    const po = this.input.purchaseOrder;
    return { ...po, status: 'issued' };
  }

  /** The view people see (the `purchaseOrderStatus` query and the stored projection). */
  view(): PurchaseOrderView {
    const po = this.input.purchaseOrder;
    const origin = this.input.origin;
    const salesOrderIds = [
      ...new Set(origin.signals.map((s) => s.salesOrderId).filter((x): x is string => !!x)),
    ];
    const closed = this.status === 'closed' || this.status === 'short-closed';
    const locationId = po.shipToLocationId ?? po.shipTo.locationId;
    return {
      purchaseOrderId: po.id,
      poNumber: po.poNumber,
      workflowId: this.workflowId,
      legalEntityId: po.legalEntityId,
      supplierId: po.supplierId,
      channel: this.input.supplier.channel.kind,
      ...(locationId ? { locationId } : {}),
      status: this.status,
      currency: po.currency,
      total: toPlaces(this.exactTotal(), 2),
      origin: { reason: origin.reason, signalIds: origin.signals.map((s) => s.signalId), salesOrderIds },
      decisions: this.decisions,
      lines: this.book.map((l) =>
        lineView(l, this.input.policy.quantityTolerancePercent, closed, this.shortClosed),
      ),
      shipments: this.shipments,
      receipts: this.receipts,
      invoices: this.invoices,
      exceptions: this.exceptions,
      documents: this.documents,
      replacements: this.replacements,
      ...(this.erp ? { erp: this.erp } : {}),
      timeline: this.timeline,
      version: this.version,
      updatedAt: this.now(),
    };
  }
}
