/**
 * 855 Purchase Order Acknowledgment → canonical PurchaseOrderAck. From a supplier (perspective 'hub') it answers
 * our purchase order; read as the partner would (perspective 'partner') it is our answer to a customer's order
 * and comes out with direction 'outbound', the customer and our sales order referenced.
 */
import type { PurchaseOrderAck, PurchaseOrderAckLine } from '../../../canonical-model/generated/index';
import type { TransactionSet } from '../x12/types';
import { checkCtt } from './check-ctt';
import type { InboundContext, MappedSet } from './context';
import { documentHead, groupDateOf, hubDocumentId, partnerDocumentId } from './document-source';
import { currencyOf, notesOf } from './read-commercial';
import type { ElementReader } from './read-elements';
import { openSet } from './open-set';
import { readLine } from './read-po1';
import { readProductIds } from './read-product-ids';
import { firstOf, optional, segmentsOf, value } from './read-set';
import type { At } from './read-set';
import { requireSegment } from './require-segment';

/** BAK02 acknowledgment type → header status. AH (on hold) has no canonical status and is refused. */
const HEADER_STATUS: Record<string, PurchaseOrderAck['status']> = {
  AT: 'accepted',
  AD: 'accepted',
  AK: 'accepted',
  AC: 'accepted-with-changes',
  AE: 'accepted-with-changes',
  RD: 'rejected',
  RF: 'rejected',
  RJ: 'rejected',
};

/** ACK01 line item status (X12 668) → line status. */
const LINE_STATUS: Record<string, PurchaseOrderAckLine['status']> = {
  IA: 'accepted',
  AC: 'accepted',
  AR: 'accepted',
  IE: 'accepted',
  IB: 'backordered',
  BP: 'backordered',
  IC: 'changed',
  IQ: 'changed',
  IP: 'changed',
  DR: 'changed',
  IS: 'changed',
  IR: 'rejected',
  ID: 'rejected',
};

function readAckLine(
  reader: ElementReader,
  context: InboundContext,
  loop: At[],
  ordinal: number,
  currency: string,
) {
  const line = readLine(reader, context, loop);
  const ack = firstOf(loop, 'ACK');
  const lineNumber = line.lineId && /^\d{1,6}$/.test(line.lineId) ? Number(line.lineId) : ordinal;
  const out: PurchaseOrderAckLine = {
    lineNumber: lineNumber || ordinal,
    item: line.item,
    status: 'accepted',
    quantityOrdered: line.quantity,
    ...(line.unitPrice !== undefined ? { unitPriceOrdered: { amount: line.unitPrice, currency } } : {}),
  };
  if (!ack) {
    // AD/AK acks may omit ACK: the line is answered by the header.
    return { line: out, quantity: line.quantity.value, acked: undefined, shipDate: undefined };
  }
  const code = value(ack, 1);
  const status = LINE_STATUS[code];
  if (!status)
    reader.report(
      ack,
      1,
      `${JSON.stringify(code)} is not a line status the hub reads (IA, IB, IC, IQ, IP, DR, IS, IR, ID …)`,
    );
  out.status = status ?? 'accepted';
  const quantity = reader.decimal(ack, 2, { nonNegative: true });
  const uom = value(ack, 3) ? reader.unit(ack, 3) : line.quantity.uom;
  if (quantity !== undefined && out.status !== 'backordered') out.quantityAccepted = { value: quantity, uom };
  const dateQualifier = value(ack, 4);
  const date = reader.date(ack, 5);
  const changes: NonNullable<PurchaseOrderAckLine['changes']> = {};
  if (out.status === 'changed') {
    if (quantity !== undefined && (quantity !== line.quantity.value || uom !== line.quantity.uom)) {
      changes.quantity = { value: quantity, uom };
    }
    if (date && dateQualifier === '068') changes.shipDate = date;
    if (date && dateQualifier === '067') changes.deliveryDate = date;
    if (code === 'IS' && value(ack, 7)) {
      const substitute = readProductIds(reader, ack, 7, context.partner.productIdQualifiers);
      if (substitute.identifiers.length) changes.item = { identifiers: substitute.identifiers };
    }
    // In an IP answer the echoed PO104 is the supplier's price, not ours.
    if (code === 'IP' && line.unitPrice !== undefined) {
      changes.unitPrice = { amount: line.unitPrice, currency };
      delete out.unitPriceOrdered;
    }
    if (Object.keys(changes).length) out.changes = changes;
    else {
      reader.report(
        ack,
        1,
        `status ${code} says the line changed, but the ACK carries no new quantity (ACK02), ` +
          'date (ACK04/05), item (ACK07/08) or price (PO104 with IP)',
      );
    }
  }
  const reasonCode = optional(ack, 29);
  const reasonList = [optional(ack, 27), optional(ack, 28)].filter(Boolean).join(' ');
  if (reasonCode) out.reason = `reason code ${reasonCode}${reasonList ? ` (${reasonList})` : ''}`;
  return {
    line: out,
    quantity: line.quantity.value,
    acked: quantity,
    shipDate: dateQualifier === '068' ? date : undefined,
  };
}

/** Maps an 855 to one PurchaseOrderAck. */
export function map855(set: TransactionSet, context: InboundContext): MappedSet {
  const { problems, reader, all, header, loops, summary } = openSet(set, context, 'PO1', ['CTT']);
  const bak = requireSegment(reader, all, 'BAK', 'the acknowledgment header');
  const poNumber = bak ? reader.required(bak, 3, 'the purchase order number') : '';
  const type = bak ? reader.required(bak, 2, 'the acknowledgment type') : '';
  const status = HEADER_STATUS[type];
  if (bak && type && !status) {
    reader.report(
      bak,
      2,
      `${JSON.stringify(type)} is not an acknowledgment type the hub reads (AC, AD, AE, AK, AT, RD, RF, RJ)`,
    );
  }
  const ackDate = (bak && reader.date(bak, 9)) ?? groupDateOf(set);
  const currency = currencyOf(reader, firstOf(header, 'CUR'));
  const read = loops.map((loop, i) => readAckLine(reader, context, loop, i + 1, currency));
  if (!loops.length) {
    // The canonical ack answers line by line, so even a rejection must echo the lines it rejects.
    problems.add(`/${(bak ?? all[0]!).position}/PO1`, 'the acknowledgment has no lines (PO1 with ACK)');
  }
  checkCtt(reader, firstOf(summary, 'CTT'), loops.length, 'line items (PO1)', [
    read.map((r) => r.quantity),
    read.map((r) => r.acked ?? r.quantity),
  ]);
  const headerDates: Record<string, string> = {};
  for (const dtm of segmentsOf(header, 'DTM')) {
    const date = reader.date(dtm, 2, `the date for DTM qualifier ${value(dtm, 1)}`);
    if (date) headerDates[value(dtm, 1)] = date;
  }
  problems.throwIfAny(`855 set ${set.controlNumber}${poNumber ? ` (PO ${poNumber})` : ''}`);

  const ackNumber = (bak && (optional(bak, 8) ?? optional(bak, 6))) || undefined;
  const outbound = context.perspective === 'partner';
  const estimatedShipDate = headerDates['068'] ?? read.find((r) => r.shipDate)?.shipDate;
  const estimatedDeliveryDate = headerDates['067'] ?? headerDates['002'];
  const notes = notesOf(header, 'supplier');
  const attributes: Record<string, string> = {};
  if (type) attributes.x12AckType = type;
  if (bak && value(bak, 1)) attributes.x12Purpose = value(bak, 1);
  const ack: PurchaseOrderAck = {
    ...documentHead(
      set,
      context,
      'purchase-order-ack',
      outbound
        ? partnerDocumentId(context, 'purchase-order-ack', poNumber)
        : hubDocumentId(context, 'purchase-order-ack', poNumber),
      poNumber,
    ),
    ...(outbound ? { direction: 'outbound' as const } : { direction: 'inbound' as const }),
    purchaseOrderId: outbound
      ? partnerDocumentId(context, 'purchase-order', poNumber)
      : hubDocumentId(context, 'purchase-order', poNumber),
    poNumber,
    supplierId: outbound ? context.legalEntityId : context.partner.partyId,
    ...(outbound
      ? {
          customerId: context.partner.partyId,
          salesOrderId: partnerDocumentId(context, 'sales-order', poNumber),
        }
      : {}),
    ...(ackNumber ? { ackNumber } : {}),
    status: status!,
    ackDate,
    ...(estimatedShipDate ? { estimatedShipDate } : {}),
    ...(estimatedDeliveryDate ? { estimatedDeliveryDate } : {}),
    currency,
    lines: read.map((r) => r.line),
    ...(notes.length ? { notes } : {}),
    attributes,
  };
  return { documents: [ack], businessKeys: { poNumber, ...(ackNumber ? { orderNumber: ackNumber } : {}) } };
}
