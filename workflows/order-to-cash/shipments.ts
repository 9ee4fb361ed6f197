/**
 * A confirmed shipment: consume what shipped from the reservations, give back (and backorder or cancel) what was
 * short-picked, then invoice exactly what shipped in the ERP and tell the channel (commerce fulfilment, EDI 856 and
 * 810). A shipment already handled (the warehouse resent its webhook) changes nothing.
 */
import { addDecimal, subtractDecimal } from '../../canonical-model/decimal';
import type { Shipment } from '../../canonical-model/generated/index';
import type { CustomerEdiDocument } from '../../activities/order-to-cash/types';
import { min, positive } from './lines';
import type { OrderState } from './order-state';
import { DISCARDED, bookkeeping, connectorCalls, save, step } from './steps';
import type { ShipmentConfirmation, ShipmentView } from './types';

/** The release a shipment belongs to: by the id the warehouse echoes, else the only open release. */
function releaseOf(s: OrderState, shipment: Shipment) {
  return (
    s.releases.find((r) => r.releaseId === shipment.salesOrderId) ??
    s.releases.find((r) => r.status === 'released' && r.locationId === shipment.fromLocationId)
  );
}

/** Applies the quantities of a shipment to the line book; returns the reservation moves to make. */
function applyQuantities(s: OrderState, shipment: Shipment, releaseId: string | undefined) {
  const consume: { reservationId: string; quantity: string; opId: string }[] = [];
  const giveBack: { reservationId: string; quantity: string; opId: string }[] = [];
  const lines: ShipmentView['lines'] = [];
  for (const sl of shipment.lines) {
    const line = s.line(sl.salesOrderLineNumber);
    if (!line) continue;
    let shipped = sl.quantityShipped.value;
    line.shipped = addDecimal(line.shipped, shipped);
    for (const a of line.allocations.filter((x) => x.state === 'released' && x.releaseId === releaseId)) {
      const used = min(shipped, a.quantity);
      shipped = subtractDecimal(shipped, used);
      const rest = subtractDecimal(a.quantity, used);
      if (positive(used))
        consume.push({
          reservationId: a.reservationId,
          quantity: used,
          opId: `${shipment.id}/consume/${a.reservationId}`,
        });
      if (positive(rest))
        giveBack.push({
          reservationId: a.reservationId,
          quantity: rest,
          opId: `${shipment.id}/short/${a.reservationId}`,
        });
      a.quantity = used;
      a.state = positive(used) ? 'shipped' : 'returned';
    }
    const short = sl.quantityShort?.value ?? '0';
    lines.push({ lineNumber: line.lineNumber, sku: line.sku, shipped: sl.quantityShipped.value, short });
  }
  // Whatever of the release did not ship is short: backordered or cancelled by policy.
  for (const line of s.book) {
    const unshipped = giveBack.filter((g) =>
      line.allocations.some((a) => a.reservationId === g.reservationId),
    );
    const short = unshipped.reduce((t, g) => addDecimal(t, g.quantity), '0');
    if (!positive(short)) continue;
    if (s.input.policy.shortPickAction === 'cancel') line.cancelled = addDecimal(line.cancelled, short);
    else line.backordered = addDecimal(line.backordered, short);
  }
  return { consume, giveBack, lines };
}

/** Handles one shipment confirmation end to end. */
export async function handleShipment(s: OrderState, confirmation: ShipmentConfirmation): Promise<void> {
  const { shipment } = confirmation;
  if (s.shipments.some((x) => x.shipmentId === shipment.id)) {
    s.note({
      kind: 'step',
      step: 'shipment',
      message: `shipment ${shipment.shipmentNumber} already handled (duplicate)`,
    });
    return;
  }
  const release = releaseOf(s, shipment);
  const { consume, giveBack, lines } = applyQuantities(s, shipment, release?.releaseId);
  if (release) release.status = 'shipped';
  s.shipments.push({
    shipmentId: shipment.id,
    shipmentNumber: shipment.shipmentNumber,
    ...(release ? { releaseId: release.releaseId } : {}),
    locationId: shipment.fromLocationId,
    trackingNumbers: (shipment.packages ?? []).flatMap((p) => (p.trackingNumber ? [p.trackingNumber] : [])),
    ...(shipment.shippedAt ? { shippedAt: shipment.shippedAt } : {}),
    lines,
  });
  s.note({
    kind: 'document',
    step: 'shipment',
    message: `shipment ${shipment.shipmentNumber} confirmed by the warehouse`,
    connectorId: confirmation.connectorId,
    documentType: 'shipment',
    documentId: shipment.id,
  });
  if (consume.length) await bookkeeping.consumeReservations({ consumptions: consume });
  if (giveBack.length) await bookkeeping.releaseReservations({ reservations: giveBack });
  await save(s);
  await invoice(s, shipment);
  await tellChannel(s, shipment);
}

async function invoice(s: OrderState, shipment: Shipment): Promise<void> {
  if (!shipment.lines.some((l) => positive(l.quantityShipped.value))) return;
  const erp = s.input.policy.erpConnectorId;
  const n = s.invoices.length + 1;
  const invoiceId = `${s.order.id}.i${n}`;
  const result = await step(
    s,
    `invoice-${shipment.id}`,
    { shipmentId: shipment.id },
    () =>
      connectorCalls.invoiceShipment({
        ...(erp ? { erpConnectorId: erp } : {}),
        order: s.erpOrder(),
        shipment,
        invoiceId,
        invoiceNumber: `${s.order.orderNumber}-${n}`,
        invoiceDate: s.now().slice(0, 10),
      }),
    erp,
  );
  if (result === DISCARDED) return;
  for (const l of result.invoice.lines) {
    const line = l.orderLineNumber === undefined ? undefined : s.line(l.orderLineNumber);
    if (line) line.invoiced = addDecimal(line.invoiced, l.quantity.value);
  }
  s.invoices.push({
    invoiceId,
    shipmentId: shipment.id,
    ...(result.erpInvoice ? { externalId: result.erpInvoice.externalId } : {}),
    ...(result.erpInvoice?.documentNumber ? { documentNumber: result.erpInvoice.documentNumber } : {}),
    total: result.total,
    currency: s.order.currency,
  });
  s.note({
    kind: 'connector-call',
    step: 'invoice',
    message: erp
      ? `invoice ${invoiceId} posted in the ERP (${result.total} ${s.order.currency})`
      : `invoice ${invoiceId} built`,
    ...(erp ? { connectorId: erp } : {}),
    documentType: 'invoice',
    documentId: invoiceId,
  });
  await sendEdi(s, 'invoice', invoiceId, { kind: 'invoice', invoice: result.invoice });
}

async function tellChannel(s: OrderState, shipment: Shipment): Promise<void> {
  const { capture } = s.input;
  if (capture.via === 'webhook' && capture.connectorId) {
    const connectorId = capture.connectorId;
    const done = await step(
      s,
      `fulfilment-${shipment.id}`,
      { shipmentId: shipment.id },
      () =>
        connectorCalls.createCommerceFulfillment({
          connectorId,
          shipment: { ...shipment, salesOrderId: s.order.id },
          orderExternalId: s.order.source.externalId,
          idempotencyKey: `${s.workflowId}/fulfil/${shipment.id}`,
        }),
      connectorId,
    );
    if (done !== DISCARDED)
      s.note({
        kind: 'connector-call',
        step: 'fulfilment',
        message: `fulfilment ${done.externalId} created in the store`,
        connectorId,
      });
  }
  await sendEdi(s, 'asn', `${shipment.id}.asn`, {
    kind: 'asn',
    shipment,
    shipFromLocationId: shipment.fromLocationId,
  });
}

/** Sends a document to an EDI customer (only for orders that came by EDI). */
export async function sendEdi(
  s: OrderState,
  what: string,
  documentId: string,
  body: CustomerEdiDocument,
): Promise<void> {
  const { capture } = s.input;
  if (capture.via !== 'edi' || !capture.connectorId || !capture.partnerId) return;
  const connectorId = capture.connectorId;
  const partnerId = capture.partnerId;
  const sent = await step(
    s,
    `edi-${what}-${documentId}`,
    { documentId },
    () =>
      connectorCalls.sendCustomerEdi({
        connectorId,
        partnerId,
        correlationId: s.input.correlationId,
        order: s.order,
        documentId,
        date: s.now().slice(0, 10),
        ...body,
      }),
    connectorId,
  );
  if (sent === DISCARDED) return;
  s.documents.push({
    documentType: sent.documentType,
    documentId,
    connectorId,
    externalId: sent.interchangeId,
  });
  s.note({
    kind: 'document',
    step: `edi-${what}`,
    message: `${sent.documentType} sent to ${partnerId} (ISA13 ${sent.controlNumber})`,
    connectorId,
    documentType: sent.documentType,
    documentId,
  });
}
