/**
 * Our acknowledgement of a customer's order (sent as an X12 855): per order line what we accept, backorder,
 * cancel or substitute, and the header status those answers add up to. Pure: ids and dates come in as arguments.
 */
import type {
  PurchaseOrderAck,
  PurchaseOrderAckLine,
  SalesOrder,
  SalesOrderLine,
} from '../../canonical-model/generated/index';
import { addDecimal, compareDecimal } from '../../connectors/sdk/decimal';
import { customerPoNumberOf, dataError, hubSource, orderLinesByNumber } from './documents-shared';

const WHAT = 'the order cannot be acknowledged';

/** The answer for one order line; the three quantities (decimal strings, in the line's unit) add up to the ordered. */
export interface OrderAckLineAnswer {
  lineNumber: number;
  accepted: string;
  backordered: string;
  cancelled: string;
  /** Our SKU shipped instead of the ordered item. */
  substituteSku?: string;
}

/** What `buildOrderAck` needs besides the order. */
export interface OrderAckArgs {
  order: SalesOrder;
  /** One answer per order line. */
  lines: OrderAckLineAnswer[];
  ackId: string;
  /** YYYY-MM-DD. */
  ackDate: string;
  /** ISO instant, written as `acknowledgedAt` and `updatedAt`. */
  now: string;
  connectorId: string;
  /** The customer's PO as a canonical id; absent, the sales order's id stands for it (the hub keeps no other). */
  purchaseOrderId?: string;
}

const positive = (value: string) => compareDecimal(value, '0') > 0;

function reasonOf(answer: OrderAckLineAnswer, uom: string): string | undefined {
  const parts = [
    positive(answer.backordered) ? `${answer.backordered} ${uom} backordered` : undefined,
    positive(answer.cancelled) ? `${answer.cancelled} ${uom} cancelled` : undefined,
    answer.substituteSku ? `substituted by SKU ${answer.substituteSku}` : undefined,
  ].filter((part): part is string => part !== undefined);
  return parts.length ? parts.join('; ') : undefined;
}

/**
 * The line's status: a substitute is `changed` (855 IS); nothing accepted or backordered is `rejected` (IR); any
 * backordered quantity is `backordered` (IB, quantityAccepted being what ships now); a cancelled part is
 * `changed` with the new quantity (IC); else `accepted` (IA).
 */
function ackLine(line: SalesOrderLine, answer: OrderAckLineAnswer): PurchaseOrderAckLine {
  const uom = line.quantity.uom;
  const accepted = { value: answer.accepted, uom };
  const base = {
    lineNumber: line.lineNumber,
    item: structuredClone(line.item),
    quantityOrdered: { ...line.quantity },
    unitPriceOrdered: { ...line.unitPrice },
  };
  const reason = reasonOf(answer, uom);
  const why = reason ? { reason } : {};
  const shortOfOrdered = compareDecimal(answer.accepted, line.quantity.value) !== 0;
  if (answer.substituteSku) {
    return {
      ...base,
      status: 'changed',
      quantityAccepted: accepted,
      changes: {
        item: { identifiers: [{ qualifier: 'SKU', value: answer.substituteSku }] },
        ...(shortOfOrdered ? { quantity: accepted } : {}),
      },
      ...why,
    };
  }
  if (!positive(answer.accepted) && !positive(answer.backordered))
    return { ...base, status: 'rejected', ...why };
  if (positive(answer.backordered)) {
    return {
      ...base,
      status: 'backordered',
      ...(positive(answer.accepted) ? { quantityAccepted: accepted } : {}),
      ...why,
    };
  }
  if (shortOfOrdered) {
    return {
      ...base,
      status: 'changed',
      quantityAccepted: accepted,
      changes: { quantity: accepted },
      ...why,
    };
  }
  return { ...base, status: 'accepted', quantityAccepted: accepted };
}

/** Matches each answer to its order line and checks that every line is answered once and adds up. */
function answeredLines(order: SalesOrder, answers: OrderAckLineAnswer[]): PurchaseOrderAckLine[] {
  const byNumber = orderLinesByNumber(order);
  const seen = new Set<number>();
  const lines = answers.map((answer, i) => {
    const line = byNumber.get(answer.lineNumber);
    if (!line || seen.has(answer.lineNumber)) {
      const problem = line ? 'answers a line already answered' : 'is not a line of the order';
      dataError(`/lines/${i}/lineNumber`, `${answer.lineNumber} ${problem}`, WHAT);
    }
    seen.add(answer.lineNumber);
    const sum = addDecimal(addDecimal(answer.accepted, answer.backordered), answer.cancelled);
    if (compareDecimal(sum, line.quantity.value) !== 0) {
      dataError(
        `/lines/${i}`,
        `accepted + backordered + cancelled is ${sum}, but line ${line.lineNumber} orders ${line.quantity.value}`,
        WHAT,
      );
    }
    return ackLine(line, answer);
  });
  const missing = order.lines.filter((line) => !seen.has(line.lineNumber)).map((line) => line.lineNumber);
  if (missing.length) dataError('/lines', `answer no order line ${missing.join(', ')}`, WHAT);
  return lines;
}

/**
 * Our outbound acknowledgement of `order`: `accepted` when every line is accepted as ordered, `rejected` when
 * every line is rejected, else `accepted-with-changes`; the PO number is the customer's (else our order number).
 */
export function buildOrderAck(args: OrderAckArgs): PurchaseOrderAck {
  const { order } = args;
  const lines = answeredLines(order, args.lines);
  const status = lines.every((line) => line.status === 'accepted')
    ? 'accepted'
    : lines.every((line) => line.status === 'rejected')
      ? 'rejected'
      : 'accepted-with-changes';
  return {
    schemaVersion: '1',
    documentType: 'purchase-order-ack',
    id: args.ackId,
    legalEntityId: order.legalEntityId,
    source: hubSource(args.connectorId, args.ackId),
    updatedAt: args.now,
    direction: 'outbound',
    purchaseOrderId: args.purchaseOrderId ?? order.id,
    poNumber: customerPoNumberOf(order),
    supplierId: order.legalEntityId,
    customerId: order.customerId,
    salesOrderId: order.id,
    ackNumber: order.orderNumber,
    status,
    ackDate: args.ackDate,
    acknowledgedAt: args.now,
    currency: order.currency,
    lines,
  };
}
