/** Canonical sales and purchase orders → Business Central `salesOrders` / `purchaseOrders` bodies. */
import type { Party, PurchaseOrder, SalesOrder } from '../../../canonical-model/generated/index';
import { jsonNumber } from '../../sdk/json';
import { bcUnitOf } from './common';
import type { BcRecord } from './common';

/** The BC line sequence of a canonical line number (BC numbers lines 10000, 20000, …). */
export function sequenceOf(lineNumber: number): number {
  return lineNumber * 10_000;
}

/** BC's flat ship-to fields of a party (names cut to BC's field lengths). */
export function shipToFields(party: Party | undefined): BcRecord {
  const a = party?.address;
  const name = party?.name ?? a?.name ?? a?.company;
  return {
    ...(name ? { shipToName: name.slice(0, 100) } : {}),
    ...(a?.attention ? { shipToContact: a.attention.slice(0, 100) } : {}),
    ...(a
      ? {
          shipToAddressLine1: (a.lines[0] ?? '').slice(0, 100),
          shipToAddressLine2: a.lines.slice(1).join(', ').slice(0, 50),
          shipToCity: a.city.slice(0, 30),
          shipToState: (a.region ?? '').slice(0, 30),
          shipToCountry: a.countryCode,
          shipToPostCode: (a.postalCode ?? '').slice(0, 20),
        }
      : {}),
  };
}

const currencyField = (currency: string, localCurrency: string) =>
  currency === localCurrency ? '' : currency;

/** The header of a sales order (no lines); `key` is the externalDocumentNumber the order is found by. */
export function salesOrderHeader(
  order: SalesOrder,
  customerId: string,
  key: string,
  localCurrency: string,
): BcRecord {
  return {
    externalDocumentNumber: key,
    orderDate: order.orderDate,
    customerId,
    currencyCode: currencyField(order.currency, localCurrency),
    ...(order.requestedDeliveryDate ? { requestedDeliveryDate: order.requestedDeliveryDate } : {}),
    ...shipToFields(order.shipTo),
  };
}

/** One sales order line; quantities and prices are written as exact JSON numbers. */
export function salesOrderLine(line: SalesOrder['lines'][number], itemId: string): BcRecord {
  return {
    sequence: sequenceOf(line.lineNumber),
    lineType: 'Item',
    itemId,
    ...(line.item.description ? { description: line.item.description.slice(0, 100) } : {}),
    unitOfMeasureCode: bcUnitOf(line.quantity.uom),
    quantity: jsonNumber(line.quantity.value),
    unitPrice: jsonNumber(line.unitPrice.amount),
    ...(line.discount ? { discountAmount: jsonNumber(line.discount.amount) } : {}),
  };
}

/** The body of a new purchase order with its lines; the BC number is the canonical PO number. */
export function purchaseOrderBody(
  order: PurchaseOrder,
  vendorId: string,
  itemIds: string[],
  localCurrency: string,
): BcRecord {
  return {
    number: order.poNumber,
    orderDate: order.orderDate,
    vendorId,
    currencyCode: currencyField(order.currency, localCurrency),
    ...(order.requestedDeliveryDate ? { requestedReceiptDate: order.requestedDeliveryDate } : {}),
    ...shipToFields(order.shipTo),
    purchaseOrderLines: order.lines.map((line, i) => ({
      sequence: sequenceOf(line.lineNumber),
      lineType: 'Item',
      itemId: itemIds[i],
      ...(line.item.description ? { description: line.item.description.slice(0, 100) } : {}),
      unitOfMeasureCode: bcUnitOf(line.quantity.uom),
      quantity: jsonNumber(line.quantity.value),
      directUnitCost: jsonNumber(line.unitPrice.amount),
    })),
  };
}
