/**
 * The AR invoice for one confirmed shipment: exactly what shipped, at the order's prices. Pure: every id, number
 * and date comes in through the arguments, so the order-to-cash workflow gets the same invoice on every replay.
 */
import type {
  Invoice,
  InvoiceLine,
  PaymentTerms,
  SalesOrder,
  Shipment,
} from '../../canonical-model/generated/index';
import {
  addDecimal,
  compareDecimal,
  multiplyDecimal,
  subtractDecimal,
  toPlaces,
} from '../../connectors/sdk/decimal';
import {
  MONEY_PLACES,
  addDays,
  assertShipmentOfOrder,
  businessDateOf,
  dataError,
  hubSource,
  orderLinesByNumber,
  proportionOf,
} from './documents-shared';

const WHAT = 'the shipment cannot be invoiced';

/** What `buildShipmentInvoice` needs besides the order and the shipment. */
export interface ShipmentInvoiceArgs {
  order: SalesOrder;
  shipment: Shipment;
  invoiceId: string;
  invoiceNumber: string;
  /** YYYY-MM-DD. */
  invoiceDate: string;
  /** ISO instant, written as `updatedAt`. */
  now: string;
  /** The connector the invoice is written to (its `source.connectorId`). */
  connectorId: string;
  /** IANA zone the ship date is read in (e.g. the customer's); absent, the date `shippedAt` was written with. */
  timeZone?: string;
}

/** The quantity shipped of each order line (summed over the shipment's lines, zero included). */
export function shippedQuantityByLine(shipment: Shipment): Map<number, string> {
  const shipped = new Map<number, string>();
  for (const line of shipment.lines) {
    const before = shipped.get(line.salesOrderLineNumber);
    const quantity = line.quantityShipped.value;
    shipped.set(line.salesOrderLineNumber, before === undefined ? quantity : addDecimal(before, quantity));
  }
  return shipped;
}

/** The order's terms with the due date the invoice date and the net days give (or the terms' own due date). */
function termsAndDueDate(
  terms: PaymentTerms | undefined,
  invoiceDate: string,
): { paymentTerms?: PaymentTerms; dueDate?: string } {
  if (!terms) return {};
  const dueDate = terms.netDays !== undefined ? addDays(invoiceDate, terms.netDays) : terms.dueDate;
  return dueDate ? { paymentTerms: { ...terms, dueDate }, dueDate } : { paymentTerms: { ...terms } };
}

/** One invoice line per shipment line that shipped something, priced from its order line. */
function invoiceLines(order: SalesOrder, shipment: Shipment): InvoiceLine[] {
  const byNumber = orderLinesByNumber(order);
  const lines: InvoiceLine[] = [];
  shipment.lines.forEach((shipped, i) => {
    const path = `/lines/${i}`;
    const line = byNumber.get(shipped.salesOrderLineNumber);
    if (!line) {
      dataError(
        `${path}/salesOrderLineNumber`,
        `is ${shipped.salesOrderLineNumber}, which is not a line of order ${order.orderNumber}`,
        WHAT,
      );
    }
    const quantity = shipped.quantityShipped;
    if (compareDecimal(quantity.value, '0') <= 0) return;
    if (quantity.uom !== line.quantity.uom) {
      dataError(
        `${path}/quantityShipped/uom`,
        `is ${quantity.uom} but order line ${line.lineNumber} is priced per ${line.quantity.uom}`,
        WHAT,
      );
    }
    if (line.unitPrice.currency !== order.currency) {
      dataError(
        `${path}/salesOrderLineNumber`,
        `order line ${line.lineNumber} is priced in ${line.unitPrice.currency} but the order is in ${order.currency}`,
        WHAT,
      );
    }
    const currency = order.currency;
    // The order line's discount covers its whole quantity; each shipment bills its share of it.
    const discount =
      line.discount && compareDecimal(line.discount.amount, '0') > 0
        ? proportionOf(line.discount.amount, quantity.value, line.quantity.value, MONEY_PLACES)
        : undefined;
    // Rounded to cents before the discount, as the 810 reader and invoicing systems recompute it.
    const gross = toPlaces(multiplyDecimal(quantity.value, line.unitPrice.amount), MONEY_PLACES);
    const amount = discount ? toPlaces(subtractDecimal(gross, discount), MONEY_PLACES) : gross;
    lines.push({
      lineNumber: lines.length + 1,
      orderLineNumber: line.lineNumber,
      item: structuredClone(line.item),
      description: line.item.description ?? shipped.item.description ?? line.item.identifiers[0]!.value,
      quantity: { value: quantity.value, uom: line.quantity.uom },
      unitPrice: { amount: line.unitPrice.amount, currency },
      ...(discount ? { discount: { amount: discount, currency } } : {}),
      amount: { amount, currency },
    });
  });
  if (!lines.length)
    dataError('/lines', 'ship nothing (every quantityShipped is 0): nothing to invoice', WHAT);
  return lines;
}

/**
 * The AR invoice of `shipment`: one line per shipment line with a shipped quantity, at the order line's unit price
 * (less its share of the line discount), totals exact to the cent. Charges and taxes of the order are not billed
 * here. A shipment line naming no order line is a `data` error at `/lines/<i>/salesOrderLineNumber`.
 */
export function buildShipmentInvoice(args: ShipmentInvoiceArgs): Invoice {
  const { order, shipment } = args;
  assertShipmentOfOrder(order, shipment, WHAT);
  const lines = invoiceLines(order, shipment);
  const currency = order.currency;
  const subtotal = toPlaces(
    lines.reduce((sum, line) => addDecimal(sum, line.amount.amount), '0'),
    MONEY_PLACES,
  );
  const poNumber = order.customerPoNumber ?? shipment.customerPoNumber;
  return {
    schemaVersion: '1',
    documentType: 'invoice',
    id: args.invoiceId,
    legalEntityId: order.legalEntityId,
    source: hubSource(args.connectorId, args.invoiceId),
    updatedAt: args.now,
    invoiceNumber: args.invoiceNumber,
    direction: 'AR',
    type: 'invoice',
    status: 'open',
    invoiceDate: args.invoiceDate,
    ...termsAndDueDate(order.paymentTerms, args.invoiceDate),
    ...(shipment.shippedAt ? { shipDate: businessDateOf(shipment.shippedAt, args.timeZone) } : {}),
    currency,
    customerId: order.customerId,
    salesOrderId: order.id,
    ...(poNumber ? { poNumber } : {}),
    shipmentIds: [shipment.id],
    ...(order.billTo ? { billTo: structuredClone(order.billTo) } : {}),
    shipTo: structuredClone(order.shipTo),
    lines,
    totals: {
      subtotal: { amount: subtotal, currency },
      taxTotal: { amount: toPlaces('0', MONEY_PLACES), currency },
      total: { amount: subtotal, currency },
      amountDue: { amount: subtotal, currency },
    },
  };
}
