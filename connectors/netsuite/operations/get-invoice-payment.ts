/**
 * get-invoice-payment: a posted vendor bill (AP) or invoice (AR), found by its internal id or the hub's invoice id
 * (its external id),
 * with NetSuite's payment fields — `status` (Open / Paid In Full), `amountPaid`, `amountRemaining` — and the
 * vendorPayment / customerPayment records of the same entity that apply an amount to it.
 */
import { compareDecimal, subtractDecimal } from '../../sdk/decimal';
import type { ReadOptions } from '../../sdk/ports/common';
import type { InvoicePayment, InvoicePaymentStatus, PostedInvoiceRef } from '../../sdk/ports/erp';
import type { NetSuiteContext } from '../context';
import { byExternalId } from '../transport';
import type { NsRef } from '../types';

/** The fields of a bill or invoice this operation reads. */
interface NsPayable {
  id: string;
  tranId?: string;
  entity?: NsRef;
  currency?: NsRef;
  total?: unknown;
  amountPaid?: unknown;
  amountRemaining?: unknown;
  status?: NsRef;
}

/** The fields of a payment this operation reads. */
interface NsPayment {
  id: string;
  tranId?: string;
  tranDate?: string;
  apply?: { items?: { doc?: { id?: string }; apply?: boolean; amount?: unknown }[] };
}

const amount = (value: unknown): string =>
  typeof value === 'number' || typeof value === 'string' ? String(value) : '0';

/** The payments of the document's entity that apply to it (a page is enough: payments of one vendor or customer). */
async function paymentsOf(
  ctx: NetSuiteContext,
  type: string,
  doc: NsPayable,
  currency: string,
  signal?: AbortSignal,
): Promise<InvoicePayment[]> {
  if (!doc.entity?.id) return [];
  const page = await ctx.transport.list(
    type,
    { limit: 1000, offset: 0, q: `entity ANY_OF [${doc.entity.id}]` },
    signal,
  );
  const ids = (page.items ?? []).flatMap((i) => (i.id ? [i.id] : []));
  const records = await ctx.transport.readAll<NsPayment>(type, ids, signal);
  return records.flatMap((p) =>
    (p.apply?.items ?? [])
      .filter((a) => a.apply !== false && a.doc?.id === doc.id)
      .map((a) => ({
        reference: p.tranId ?? p.id,
        amount: { amount: amount(a.amount), currency },
        date: (p.tranDate ?? '').slice(0, 10),
      })),
  );
}

/** Reads the payment status of a posted bill or invoice; undefined when NetSuite has none with that id. */
export async function getInvoicePayment(
  ctx: NetSuiteContext,
  document: PostedInvoiceRef,
  direction: 'AR' | 'AP',
  options: ReadOptions = {},
): Promise<InvoicePaymentStatus | undefined> {
  const { invoiceId } = document;
  const [docType, paymentType] =
    direction === 'AP' ? ['vendorBill', 'vendorPayment'] : ['invoice', 'customerPayment'];
  const key = document.externalId ? encodeURIComponent(document.externalId) : byExternalId(invoiceId);
  const doc = await ctx.transport.get<NsPayable>(docType, key, options.signal);
  if (!doc) return undefined;
  const currency =
    doc.currency?.refName && /^[A-Z]{3}$/.test(doc.currency.refName)
      ? doc.currency.refName
      : ctx.config.currency;
  const total = amount(doc.total);
  const due = doc.amountRemaining === undefined ? total : amount(doc.amountRemaining);
  const paid = doc.amountPaid === undefined ? subtractDecimal(total, due) : amount(doc.amountPaid);
  const payments = await paymentsOf(ctx, paymentType, doc, currency, options.signal);
  const settled = compareDecimal(due, '0') <= 0;
  const status = settled ? 'paid' : compareDecimal(paid, '0') > 0 ? 'partially-paid' : 'open';
  const lastDate = payments
    .map((p) => p.date)
    .filter(Boolean)
    .sort()
    .at(-1);
  return {
    invoiceId,
    externalId: doc.id,
    status,
    total: { amount: total, currency },
    amountPaid: { amount: paid, currency },
    amountDue: { amount: due, currency },
    ...(settled && lastDate ? { paidAt: lastDate } : {}),
    payments,
  };
}
