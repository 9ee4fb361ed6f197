/** A canonical AR credit memo → the body of a NetSuite `creditMemo` (created, or transformed from its invoice). */
import type { Invoice } from '../../../canonical-model/generated/index';
import { jsonNumber } from '../../sdk/json';

/** One credit memo line as NetSuite will get it. */
export interface CreditLine {
  /** JSON pointer of the canonical line. */
  path: string;
  lineNumber: number;
  itemId: string;
  quantity: string;
  rate: string;
  /** The `line` of the original invoice this line credits (only when there is an original invoice). */
  invoiceLine?: number;
}

/** NetSuite ids the memo refers to, resolved by the operation. */
export interface CreditMemoReferences {
  entityId: string;
  /** The sales order credited, kept in custbody_hub_sales_order (a credit memo has no order field of its own). */
  salesOrderId?: string;
}

/** The creditMemo body: the canonical id as externalId, positive quantities and rates, one line per canonical line. */
export function creditMemoToNetSuite(memo: Invoice, lines: CreditLine[], refs: CreditMemoReferences) {
  const notes = memo.notes?.map((n) => n.text).join(' / ');
  return {
    externalId: memo.id,
    entity: { id: refs.entityId },
    tranDate: memo.invoiceDate,
    custbody_hub_invoice_number: memo.invoiceNumber,
    ...(memo.poNumber ? { otherRefNum: memo.poNumber } : {}),
    ...(refs.salesOrderId ? { custbody_hub_sales_order: { id: refs.salesOrderId } } : {}),
    memo: (notes ? `Credit memo ${memo.invoiceNumber}: ${notes}` : `Credit memo ${memo.invoiceNumber}`).slice(
      0,
      999,
    ),
    item: {
      items: lines.map((l) => ({
        ...(l.invoiceLine === undefined ? {} : { orderLine: l.invoiceLine }),
        item: { id: l.itemId },
        quantity: jsonNumber(l.quantity),
        rate: jsonNumber(l.rate),
        custcol_hub_line_number: l.lineNumber,
      })),
    },
  };
}
