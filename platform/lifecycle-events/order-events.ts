/**
 * The lifecycle events an order's stored view shows it has reached: accepted (the hub took the order on), held
 * (once per time it went on hold), released (per release to a warehouse), shipped (per confirmed shipment) and
 * invoiced (per invoice posted). Pure: the same view gives the same events, ids and times (workflow time from the
 * view's timeline), so a retried save publishes nothing new.
 */
import type { LifecycleEvent } from '../../canonical-model/generated/index';
import type { OrderView } from '../../workflows/order-to-cash/types';
import { lifecycleEvent, timeOf, unitOf } from './envelope';
import type { LifecycleEventBody } from './envelope';

type OrderBody = Omit<LifecycleEventBody, 'salesOrderId' | 'orderNumber' | 'customerPoNumber' | 'customerId'>;

/** Every lifecycle event `view` shows, oldest step first; `correlationId` is the one the save ran under. */
export function orderLifecycleEvents(view: OrderView, correlationId: string): LifecycleEvent[] {
  const subject = {
    documentId: view.orderId,
    legalEntityId: view.legalEntityId,
    flow: 'order-to-cash' as const,
    workflowId: view.workflowId,
    correlationId,
  };
  const numbers = {
    salesOrderId: view.orderId,
    orderNumber: view.orderNumber,
    ...(view.customerPoNumber ? { customerPoNumber: view.customerPoNumber } : {}),
    customerId: view.customerId,
  };
  const uomOf = (lineNumber: number) => view.lines.find((l) => l.lineNumber === lineNumber)?.uom;
  const at = (match: (e: OrderView['timeline'][number]) => boolean) =>
    timeOf(view.timeline, match, view.updatedAt);
  const event = (body: OrderBody): LifecycleEvent => lifecycleEvent(subject, { ...numbers, ...body });

  const capture = view.captures[0];
  const events: LifecycleEvent[] = [
    event({
      eventType: 'sales-order.accepted',
      stageInstance: '1',
      occurredAt: at((e) => e.kind === 'capture' && e.step === 'received'),
      detail: {
        channel: view.channel,
        ...(capture ? { capturedVia: capture.via } : {}),
        ...(capture?.connectorId ? { connectorId: capture.connectorId } : {}),
        lines: view.lines.map((l) => ({
          lineNumber: l.lineNumber,
          ...(l.sku ? { sku: l.sku } : {}),
          quantity: l.ordered,
          ...unitOf(l.uom),
        })),
      },
    }),
  ];
  view.timeline
    .filter((e) => e.kind === 'step' && e.step === 'on-hold')
    .forEach((e, i) =>
      events.push(
        event({
          eventType: 'sales-order.held',
          stageInstance: String(i + 1),
          occurredAt: e.at,
          detail: {
            holds: view.holds.map((h) => ({
              kind: h.kind,
              message: h.message,
              ...(h.path ? { path: h.path } : {}),
            })),
          },
        }),
      ),
    );
  for (const r of view.releases)
    events.push(
      event({
        eventType: 'sales-order.released',
        stageInstance: r.releaseId,
        occurredAt: at((e) => e.step === 'release' && e.documentId === r.releaseId),
        detail: {
          releaseId: r.releaseId,
          locationId: r.locationId,
          ...(r.connectorId ? { connectorId: r.connectorId } : {}),
          ...(r.externalId ? { externalId: r.externalId } : {}),
          lines: r.lines.map((l) => ({
            lineNumber: l.lineNumber,
            sku: l.sku,
            quantity: l.quantity,
            ...unitOf(uomOf(l.lineNumber)),
          })),
        },
      }),
    );
  for (const s of view.shipments)
    events.push(
      event({
        eventType: 'sales-order.shipped',
        stageInstance: s.shipmentId,
        shipmentNumber: s.shipmentNumber,
        occurredAt: s.shippedAt ?? at((e) => e.documentType === 'shipment' && e.documentId === s.shipmentId),
        detail: {
          shipmentId: s.shipmentId,
          ...(s.releaseId ? { releaseId: s.releaseId } : {}),
          locationId: s.locationId,
          trackingNumbers: s.trackingNumbers,
          lines: s.lines.map((l) => ({
            lineNumber: l.lineNumber,
            sku: l.sku,
            quantity: l.shipped,
            quantityShort: l.short,
            ...unitOf(uomOf(l.lineNumber)),
          })),
        },
      }),
    );
  view.invoices.forEach((inv, i) =>
    events.push(
      event({
        eventType: 'sales-order.invoiced',
        stageInstance: inv.invoiceId,
        // The hub numbers an order's invoices `<orderNumber>-<n>` in the order they are posted (shipments.ts).
        invoiceNumber: `${view.orderNumber}-${i + 1}`,
        occurredAt: at((e) => e.documentType === 'invoice' && e.documentId === inv.invoiceId),
        detail: {
          invoiceId: inv.invoiceId,
          shipmentId: inv.shipmentId,
          total: { amount: inv.total, currency: inv.currency },
          ...(inv.externalId ? { externalId: inv.externalId } : {}),
          ...(inv.documentNumber ? { documentNumber: inv.documentNumber } : {}),
        },
      }),
    ),
  );
  return events;
}
