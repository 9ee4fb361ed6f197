/** The business numbers each kind of record carries, named the way support staff say them. */
import type { OrderView } from '../../workflows/order-to-cash/types';
import type { PurchaseOrderView } from '../../workflows/procure-to-receive/types';
import type { DeadLetter } from '../dead-letters';
import type { SetRecord } from '../edi/set-store';
import type { BusinessNumber } from './types';

const collect = (pairs: [string, string | undefined][]): BusinessNumber[] => {
  const seen = new Set<string>();
  const out: BusinessNumber[] = [];
  for (const [name, value] of pairs) {
    if (!value || seen.has(`${name}\u0000${value}`)) continue;
    seen.add(`${name}\u0000${value}`);
    out.push({ name, value });
  }
  return out;
};

/** An order's numbers: its own, the customer's PO, shipments, invoices and the ids other systems gave it. */
export function orderNumbers(view: OrderView): BusinessNumber[] {
  return collect([
    ['orderId', view.orderId],
    ['orderNumber', view.orderNumber],
    ['customerPoNumber', view.customerPoNumber],
    ['businessKey', view.businessKey],
    ...view.shipments.map((s): [string, string] => ['shipmentNumber', s.shipmentNumber]),
    ...view.invoices.map((i): [string, string | undefined] => ['invoiceNumber', i.documentNumber]),
    ...view.invoices.map((i): [string, string | undefined] => ['externalId', i.externalId]),
    ...view.releases.map((r): [string, string | undefined] => ['externalId', r.externalId]),
    ...view.documents.map((d): [string, string | undefined] => ['externalId', d.externalId]),
  ]);
}

/** A PO's numbers: its own, the supplier's ASN and invoice numbers, receipts, the ERP's and the EDI controls. */
export function purchaseOrderNumbers(view: PurchaseOrderView): BusinessNumber[] {
  return collect([
    ['purchaseOrderId', view.purchaseOrderId],
    ['poNumber', view.poNumber],
    ...view.shipments.map((s): [string, string] => ['asnNumber', s.asnNumber]),
    ...view.receipts.map((r): [string, string] => ['receiptNumber', r.receiptNumber]),
    ...view.invoices.map((i): [string, string] => ['invoiceNumber', i.invoiceNumber]),
    ['externalId', view.erp?.externalId],
    ['erpDocumentNumber', view.erp?.documentNumber],
    ...view.documents.flatMap((d): [string, string | undefined][] => [
      ['externalId', d.externalId],
      ['isa13', d.control?.interchange],
      ['gs06', d.control?.group],
      ['st02', d.control?.set],
    ]),
  ]);
}

/** A transaction set's numbers: what it carries and its control numbers. */
export function setNumbers(set: SetRecord, isa13?: string): BusinessNumber[] {
  return collect([
    ['poNumber', set.poNumber],
    ['orderNumber', set.orderNumber],
    ['asnNumber', set.asnNumber],
    ['invoiceNumber', set.invoiceNumber],
    ['shipmentNumber', set.shipmentNumber],
    ['isa13', isa13 ?? set.envelope?.interchange.controlNumber],
    ['gs06', set.groupControlNumber],
    ['st02', set.controlNumber],
  ]);
}

/** A dead letter's numbers: its business keys as the workflow named them. */
export function deadLetterNumbers(letter: Pick<DeadLetter, 'businessKeys'>): BusinessNumber[] {
  return collect(Object.entries(letter.businessKeys));
}

/** Names of the numbers among `numbers` that equal `q`. */
export function matchedOn(numbers: BusinessNumber[], q: string): string[] {
  return [...new Set(numbers.filter((n) => n.value === q).map((n) => n.name))];
}

/** How a transaction is named in lists and at the head of its record. */
export const titles = {
  order: (v: Pick<OrderView, 'orderNumber' | 'customerPoNumber' | 'customerId'>) =>
    `Order ${v.orderNumber}${v.customerPoNumber ? ` (customer PO ${v.customerPoNumber})` : ''} of ${v.customerId}`,
  purchaseOrder: (v: Pick<PurchaseOrderView, 'poNumber' | 'supplierId'>) =>
    `PO ${v.poNumber} to ${v.supplierId}`,
  set: (s: Pick<SetRecord, 'setId' | 'direction' | 'partnerId' | 'connectorId'>) =>
    `EDI ${s.setId} ${s.direction === 'inbound' ? 'from' : 'to'} ${s.partnerId ?? s.connectorId}`,
  deadLetter: (d: Pick<DeadLetter, 'flow' | 'step'>) => `${d.flow}: ${d.step}`,
};
