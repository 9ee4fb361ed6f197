/** Canonical receipts, shipments and invoices → the bodies of NetSuite `!transform` calls. */
import type { GoodsReceipt, Invoice, Shipment } from '../../../canonical-model/generated/index';
import { jsonNumber } from '../../sdk/json';
import { addDecimal } from '../../sdk/decimal';

/** One canonical line posted against a NetSuite order line. */
export interface PostingLine {
  orderLine: number;
  quantity: string;
  rate?: string;
}

/** Lines against the same order line become one (quantities added exactly); zero quantities are dropped. */
export function mergePostingLines(lines: PostingLine[]): PostingLine[] {
  const merged = new Map<number, PostingLine>();
  for (const line of lines) {
    const seen = merged.get(line.orderLine);
    merged.set(
      line.orderLine,
      seen ? { ...seen, quantity: addDecimal(seen.quantity, line.quantity) } : { ...line },
    );
  }
  return [...merged.values()].filter((l) => !/^-?0(\.0+)?$/.test(l.quantity));
}

function sublist(lines: PostingLine[], extra: Record<string, unknown> = {}) {
  return {
    items: mergePostingLines(lines).map((l) => ({
      orderLine: l.orderLine,
      quantity: jsonNumber(l.quantity),
      ...(l.rate === undefined ? {} : { rate: jsonNumber(l.rate) }),
      ...extra,
    })),
  };
}

/** purchaseOrder → itemReceipt, into one location. */
export function itemReceiptToNetSuite(receipt: GoodsReceipt, lines: PostingLine[], locationId: string) {
  return {
    externalId: receipt.id,
    tranDate: receipt.receivedAt.slice(0, 10),
    memo: `Receipt ${receipt.receiptNumber}`,
    location: { id: locationId },
    item: sublist(lines, { itemReceive: true, location: { id: locationId } }),
  };
}

/** salesOrder → itemFulfillment, shipped, with package tracking numbers. */
export function itemFulfillmentToNetSuite(shipment: Shipment, lines: PostingLine[], locationId: string) {
  const packages = (shipment.packages ?? []).filter((p) => p.trackingNumber);
  return {
    externalId: shipment.id,
    tranDate: (shipment.shippedAt ?? new Date().toISOString()).slice(0, 10),
    memo: `Shipment ${shipment.shipmentNumber}`,
    shipStatus: { id: 'C', refName: 'Shipped' },
    item: sublist(lines, { itemReceive: true, location: { id: locationId } }),
    ...(packages.length
      ? { package: { items: packages.map((p) => ({ packageTrackingNumber: p.trackingNumber })) } }
      : {}),
  };
}

/** salesOrder → invoice (AR) or purchaseOrder → vendorBill (AP, the supplier's number as tranId). */
export function invoiceToNetSuite(invoice: Invoice, lines: PostingLine[]) {
  return {
    externalId: invoice.id,
    tranDate: invoice.invoiceDate,
    ...(invoice.dueDate ? { dueDate: invoice.dueDate } : {}),
    ...(invoice.direction === 'AP'
      ? { tranId: invoice.invoiceNumber }
      : {
          custbody_hub_invoice_number: invoice.invoiceNumber,
          ...(invoice.poNumber ? { otherRefNum: invoice.poNumber } : {}),
        }),
    item: sublist(lines),
  };
}
