/**
 * Everything the order-to-cash workflow knows about its order: the line book, holds, releases, shipments,
 * invoices, documents and the timeline, and the view people see. Deterministic: time is workflow time.
 */
import type { ItemReference, SalesOrder } from '../../canonical-model/generated/index';
import { allSettled, lineView, open, positive, sum } from './lines';
import type { BookLine } from './lines';
import type {
  HoldDecision,
  InvoiceView,
  OrderCapture,
  OrderHold,
  OrderStatusCode,
  OrderToCashInput,
  OrderView,
  ReleaseView,
  ShipmentView,
  TimelineEntry,
} from './types';

/** The mutable state of one order's workflow. */
export class OrderState {
  readonly order: SalesOrder;
  readonly input: OrderToCashInput;
  readonly workflowId: string;
  book: BookLine[] = [];
  status: OrderStatusCode = 'received';
  holds: OrderHold[] = [];
  decisions: (HoldDecision & { at: string })[] = [];
  releases: ReleaseView[] = [];
  shipments: ShipmentView[] = [];
  invoices: InvoiceView[] = [];
  documents: OrderView['documents'] = [];
  captures: OrderCapture[] = [];
  timeline: TimelineEntry[] = [];
  version = 0;
  cancelRequested = false;
  /** Item references a person corrected in an edited ERP order (by line number), used in later ERP writes. */
  erpItems: Record<string, ItemReference> = {};

  constructor(input: OrderToCashInput, workflowId: string) {
    this.input = input;
    this.order = input.order;
    this.workflowId = workflowId;
    this.captures.push(input.capture);
  }

  /** The order as the ERP books it: prepaid web-store orders under the policy's web-store customer. */
  erpOrder(): SalesOrder {
    const webCustomer = this.input.policy.webStoreCustomerId;
    const customerId =
      this.order.channel === 'web-store' && webCustomer ? webCustomer : this.order.customerId;
    // Lines carry the SKU validation resolved (an 850 names the customer's or vendor's part numbers).
    const lines = this.order.lines.map((l) => {
      const corrected = this.erpItems[String(l.lineNumber)];
      if (corrected) return { ...l, item: corrected };
      const sku = this.line(l.lineNumber)?.sku;
      if (!sku || l.item.identifiers.some((i) => i.qualifier === 'SKU')) return l;
      return {
        ...l,
        item: {
          ...l.item,
          identifiers: [{ qualifier: 'SKU' as const, value: sku }, ...l.item.identifiers.slice(0, 9)],
        },
      };
    });
    return { ...this.order, customerId, lines };
  }

  /**
   * Keeps the item references of an ERP order a person edited before a replay, so later ERP writes of the order
   * (changes, cancellation) name the same items; returns the line numbers whose item changed.
   */
  adoptErpEdit(edited: SalesOrder): number[] {
    const sent = this.erpOrder();
    const changed: number[] = [];
    for (const line of edited.lines) {
      const before = sent.lines.find((l) => l.lineNumber === line.lineNumber);
      if (!before || JSON.stringify(before.item) === JSON.stringify(line.item)) continue;
      this.erpItems[String(line.lineNumber)] = line.item;
      changed.push(line.lineNumber);
    }
    return changed;
  }

  /** Workflow time as ISO 8601 (Date is deterministic inside the sandbox). */
  now(): string {
    return new Date().toISOString();
  }

  /** Adds a timeline entry. */
  note(entry: Omit<TimelineEntry, 'at'>): void {
    this.timeline.push({ at: this.now(), ...entry });
    this.version += 1;
  }

  /** Changes the overall status (with a timeline entry). */
  setStatus(status: OrderStatusCode, message: string): void {
    if (this.status === status) return;
    this.status = status;
    this.note({ kind: 'step', step: status, message });
  }

  /** The line with this number. */
  line(lineNumber: number): BookLine | undefined {
    return this.book.find((l) => l.lineNumber === lineNumber);
  }

  /** Nothing left to ship or cancel. */
  settled(): boolean {
    return allSettled(this.book);
  }

  /** Quantity still open on every line. */
  openQuantity(): string {
    return sum(this.book.map(open));
  }

  /** The status the lines add up to once the flow is past release. */
  fulfilmentStatus(): OrderStatusCode {
    const shipped = this.book.some((l) => positive(l.shipped));
    if (this.settled()) {
      if (!shipped) return 'cancelled';
      return this.book.every((l) => !positive(l.shipped) || l.invoiced === l.shipped)
        ? 'completed'
        : 'shipped';
    }
    if (this.book.some((l) => positive(l.backordered) && !l.allocations.some((a) => a.state === 'released')))
      return shipped ? 'partially-shipped' : 'backordered';
    return shipped ? 'partially-shipped' : 'released';
  }

  /** The view people see (the `orderStatus` query and the stored projection). */
  view(): OrderView {
    const o = this.order;
    return {
      orderId: o.id,
      workflowId: this.workflowId,
      businessKey: this.input.businessKey,
      channel: o.channel ?? 'other',
      customerId: o.customerId,
      ...(o.customerPoNumber ? { customerPoNumber: o.customerPoNumber } : {}),
      orderNumber: o.orderNumber,
      legalEntityId: o.legalEntityId,
      status: this.status,
      holds: this.holds,
      decisions: this.decisions,
      lines: this.book.length
        ? this.book.map(lineView)
        : o.lines.map((l) => ({
            lineNumber: l.lineNumber,
            sku: l.item.identifiers[0]?.value ?? '',
            uom: l.quantity.uom,
            ordered: l.quantity.value,
            allocated: '0',
            shipped: '0',
            invoiced: '0',
            cancelled: '0',
            backordered: '0',
            status: 'open',
          })),
      releases: this.releases,
      shipments: this.shipments,
      invoices: this.invoices,
      documents: this.documents,
      captures: this.captures,
      timeline: this.timeline,
      version: this.version,
      updatedAt: this.now(),
    };
  }
}
