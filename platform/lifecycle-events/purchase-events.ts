/**
 * The lifecycle events a PO's stored view shows it has reached: sent (the PO went to the supplier by EDI 850 or
 * the portal), acknowledged (per acknowledgement), shipped (per ASN), received (per goods receipt) and billed (per
 * supplier invoice billed). Pure: the same view gives the same events, ids and times (workflow time from the
 * view's documents and timeline), so a retried save publishes nothing new.
 */
import type { LifecycleEvent } from '../../canonical-model/generated/index';
import type { PurchaseDocumentView, PurchaseOrderView } from '../../workflows/procure-to-receive/types';
import { lifecycleEvent, timeOf, unitOf } from './envelope';
import type { LifecycleEventBody } from './envelope';

type PurchaseBody = Omit<LifecycleEventBody, 'purchaseOrderId' | 'poNumber' | 'supplierId'>;

/** The document types the PO itself goes to the supplier as (send-purchase-order.ts). */
const SENT_TYPES = new Set(['850', 'portal-purchase-order']);

/** Every lifecycle event `view` shows, oldest step first; `correlationId` is the one the save ran under. */
export function purchaseLifecycleEvents(view: PurchaseOrderView, correlationId: string): LifecycleEvent[] {
  const subject = {
    documentId: view.purchaseOrderId,
    legalEntityId: view.legalEntityId,
    flow: 'procure-to-receive' as const,
    workflowId: view.workflowId,
    correlationId,
  };
  const numbers = {
    purchaseOrderId: view.purchaseOrderId,
    poNumber: view.poNumber,
    supplierId: view.supplierId,
  };
  const event = (body: PurchaseBody): LifecycleEvent => lifecycleEvent(subject, { ...numbers, ...body });
  const lineOf = (lineNumber: number) => view.lines.find((l) => l.lineNumber === lineNumber);
  const item = (lineNumber: number) => {
    const l = lineOf(lineNumber);
    return l ? { sku: l.sku, ...unitOf(l.uom) } : {};
  };
  const inbound = (documentType: string, documentId: string): PurchaseDocumentView | undefined =>
    view.documents.find(
      (d) => d.direction === 'inbound' && d.documentType === documentType && d.documentId === documentId,
    );
  const connector = (d: PurchaseDocumentView | undefined) =>
    d?.connectorId ? { connectorId: d.connectorId } : {};

  const events: LifecycleEvent[] = [];
  for (const d of view.documents.filter((x) => x.direction === 'outbound' && SENT_TYPES.has(x.documentType)))
    events.push(
      event({
        eventType: 'purchase-order.sent',
        stageInstance: d.documentId,
        occurredAt: d.at,
        detail: {
          channel: view.channel,
          ...connector(d),
          ...(d.externalId ? { externalId: d.externalId } : {}),
          ...(view.locationId ? { locationId: view.locationId } : {}),
          total: { amount: view.total, currency: view.currency },
          lines: view.lines.map((l) => ({
            lineNumber: l.lineNumber,
            sku: l.sku,
            quantity: l.ordered,
            ...unitOf(l.uom),
          })),
        },
      }),
    );
  for (const d of view.documents.filter(
    (x) => x.direction === 'inbound' && x.documentType === 'purchase-order-ack',
  ))
    events.push(
      event({
        eventType: 'purchase-order.acknowledged',
        stageInstance: d.documentId,
        ...(d.number ? { ackNumber: d.number } : {}),
        occurredAt: d.at,
        detail: {
          ackId: d.documentId,
          ...connector(d),
          ...(d.externalId ? { externalId: d.externalId } : {}),
        },
      }),
    );
  for (const s of view.shipments) {
    const d = inbound('advance-ship-notice', s.asnId);
    events.push(
      event({
        eventType: 'purchase-order.shipped',
        stageInstance: s.asnId,
        asnNumber: s.asnNumber,
        occurredAt: d?.at ?? view.updatedAt,
        detail: {
          asnId: s.asnId,
          ...connector(d),
          ...(s.dueDate ? { dueDate: s.dueDate } : {}),
          lines: s.lines.map((l) => ({
            lineNumber: l.lineNumber,
            ...item(l.lineNumber),
            quantity: l.quantity,
          })),
        },
      }),
    );
  }
  for (const r of view.receipts) {
    const d = inbound('goods-receipt', r.receiptId);
    events.push(
      event({
        eventType: 'purchase-order.received',
        stageInstance: r.receiptId,
        receiptNumber: r.receiptNumber,
        occurredAt: d?.at ?? view.updatedAt,
        detail: {
          receiptId: r.receiptId,
          ...connector(d),
          ...(view.locationId ? { locationId: view.locationId } : {}),
          ...(r.erpExternalId ? { externalId: r.erpExternalId } : {}),
          lines: r.lines.map((l) => ({
            lineNumber: l.lineNumber,
            ...item(l.lineNumber),
            quantity: l.received,
            quantityRejected: l.rejected,
          })),
        },
      }),
    );
  }
  for (const inv of view.invoices.filter((i) => i.status === 'billed'))
    events.push(
      event({
        eventType: 'purchase-order.billed',
        stageInstance: inv.invoiceId,
        invoiceNumber: inv.invoiceNumber,
        occurredAt: timeOf(
          view.timeline,
          (e) => e.step === 'vendor-bill' && e.documentId === inv.invoiceId,
          view.updatedAt,
        ),
        detail: {
          invoiceId: inv.invoiceId,
          total: { amount: inv.total, currency: inv.currency },
          ...(inv.billExternalId ? { externalId: inv.billExternalId } : {}),
        },
      }),
    );
  return events;
}
