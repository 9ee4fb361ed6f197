/** The canonical AR credit memo of one planned memo: lines of one original invoice, at the order's prices. */
import type { Invoice, UnitCode } from '../../canonical-model/generated/index';
import { addDecimal, compareDecimal, toPlaces } from '../../canonical-model/decimal';
import { hubSource } from '../../platform/orders/documents-shared';
import type { PostCreditMemoArgs } from './types';

/** Builds the credit memo Invoice (`type: credit-memo`, `originalInvoiceId` = the invoice it credits). */
export function buildCreditMemo(
  args: Omit<PostCreditMemoArgs, 'erpConnectorId'> & { connectorId: string; date: string },
): Invoice {
  const { memo, currency } = args;
  const money = (amount: string) => ({ amount: toPlaces(amount, 2), currency });
  const subtotal = memo.lines.reduce((t, l) => addDecimal(t, l.amount), '0');
  return {
    schemaVersion: '1',
    documentType: 'invoice',
    id: memo.invoiceId,
    legalEntityId: args.document.legalEntityId,
    source: hubSource(args.connectorId, memo.invoiceId),
    invoiceNumber: memo.invoiceId.slice(-64),
    direction: 'AR',
    type: 'credit-memo',
    status: 'open',
    invoiceDate: args.date,
    currency,
    customerId: args.customerId,
    salesOrderId: args.orderId,
    originalInvoiceId: memo.originalInvoiceId,
    lines: memo.lines.map((l, i) => ({
      lineNumber: i + 1,
      orderLineNumber: l.orderLineNumber,
      item: { identifiers: [{ qualifier: 'SKU' as const, value: l.sku }] },
      description: `return ${args.document.returnNumber} line ${l.returnLineNumber}: ${l.sku}`,
      quantity: { value: l.quantity, uom: l.uom as UnitCode },
      unitPrice: money(l.unitPrice),
      ...(compareDecimal(l.fee, '0') > 0 ? { discount: money(l.fee) } : {}),
      amount: money(l.amount),
    })),
    totals: { subtotal: money(subtotal), taxTotal: money('0'), total: money(subtotal) },
  };
}
