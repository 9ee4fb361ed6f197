/** Portal invoice → canonical Invoice (direction AP: the supplier bills us, X12 810 inbound semantics). */
import type { Invoice, InvoiceLine } from '../../../canonical-model/generated/index';
import { MappingProblems, provisionalId } from '../../sdk/mapping';
import { SYSTEM } from '../transport';
import type { MapContext } from './context';
import {
  currency,
  instant,
  itemOf,
  lineNumber,
  list,
  optionalText,
  portalUnit,
  purchaseOrderIdOf,
  record,
  sourceOf,
  supplierIdOf,
} from './context';
import { partyFromPortal } from './party';

const STATUSES: Record<string, Invoice['status']> = {
  draft: 'draft',
  open: 'open',
  partially_paid: 'partially-paid',
  paid: 'paid',
  void: 'void',
  disputed: 'disputed',
};

function mapLine(value: unknown, path: string, cur: string, p: MappingProblems): InvoiceLine {
  const l = record(value);
  const item = itemOf(l, path, p);
  const money = (v: unknown, field: string) => ({ amount: p.decimal(v, `${path}/${field}`), currency: cur });
  return {
    lineNumber: lineNumber(l.line_number, `${path}/line_number`, p),
    ...(l.po_line_number !== undefined
      ? { orderLineNumber: lineNumber(l.po_line_number, `${path}/po_line_number`, p) }
      : {}),
    item,
    description: optionalText(l.description) ?? item.identifiers[0]?.value ?? '?',
    quantity: {
      value: p.decimal(l.quantity, `${path}/quantity`, { nonNegative: true }),
      uom: portalUnit(l.unit, `${path}/unit`, p),
    },
    unitPrice: money(l.unit_price, 'unit_price'),
    amount: money(l.amount, 'amount'),
  };
}

/** Maps one portal invoice; a payload that does not map throws a `data` HubError naming the portal field. */
export function invoiceToCanonical(payload: unknown, context: MapContext): Invoice {
  const v = record(payload);
  const p = new MappingProblems(SYSTEM);
  const id = p.text(v.id, '/id');
  const cur = currency(v.currency, '/currency', p);
  const status = STATUSES[String(v.status)];
  if (!status) p.add('/status', `${JSON.stringify(v.status) ?? 'nothing'} is not an invoice status`);
  const updatedAt = instant(v.updated_at, '/updated_at', p);
  const terms = record(v.payment_terms);
  const termsCode = optionalText(terms.code);
  const netDays = Number.isInteger(terms.net_days) ? (terms.net_days as number) : undefined;
  const money = (value: unknown, path: string) => ({ amount: p.decimal(value, path), currency: cur });
  const poNumber = optionalText(v.po_number);
  const invoice: Invoice = {
    schemaVersion: '1',
    documentType: 'invoice',
    id: provisionalId(context.connectorId, 'invoice', id || '?'),
    legalEntityId: context.legalEntityId,
    source: sourceOf(context, id || '?', v.updated_at),
    ...(updatedAt ? { updatedAt } : {}),
    invoiceNumber: p.text(v.invoice_number, '/invoice_number'),
    direction: 'AP',
    type: 'invoice',
    status: status ?? 'open',
    invoiceDate: p.date(v.invoice_date, '/invoice_date'),
    ...(v.due_date !== undefined ? { dueDate: p.date(v.due_date, '/due_date') } : {}),
    ...(v.ship_date !== undefined ? { shipDate: p.date(v.ship_date, '/ship_date') } : {}),
    currency: cur,
    supplierId: supplierIdOf(p.text(v.supplier_id, '/supplier_id'), context),
    ...(v.purchase_order_id !== undefined || v.buyer_reference !== undefined
      ? { purchaseOrderId: purchaseOrderIdOf(v, context) }
      : {}),
    ...(poNumber ? { poNumber } : {}),
    ...(v.remit_to !== undefined ? { remitTo: partyFromPortal(v.remit_to, '/remit_to', p) } : {}),
    ...(termsCode || netDays !== undefined
      ? {
          paymentTerms: {
            ...(termsCode ? { code: termsCode } : {}),
            ...(netDays !== undefined ? { netDays } : {}),
          },
        }
      : {}),
    lines: list(v.lines, '/lines', p).map((l, i) => mapLine(l, `/lines/${i}`, cur, p)),
    totals: {
      subtotal: money(v.subtotal, '/subtotal'),
      taxTotal: money(v.tax_total ?? '0', '/tax_total'),
      total: money(v.total, '/total'),
    },
  };
  p.throwIfAny(`invoice ${id || '(no id)'}`);
  return invoice;
}
