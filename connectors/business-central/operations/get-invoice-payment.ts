/**
 * get-invoice-payment: a posted purchase invoice (AP) or sales invoice (AR) — by its BC id when the hub has it, else
 * by the reference it was posted with (vendorInvoiceNumber / yourReference) — with its `status` (Open, Paid) and
 * `remainingAmount`, and the vendor / customer payment entries applied to it (`appliesToInvoiceNumber`).
 */
import { compareDecimal, subtractDecimal } from '../../sdk/decimal';
import type { ReadOptions } from '../../sdk/ports/common';
import type { InvoicePaymentStatus, PostedInvoiceRef } from '../../sdk/ports/erp';
import type { BcContext } from '../context';
import { moneyAmount } from '../decimal';
import type { BcRecord } from '../mappers/common';
import { odataString } from '../transport';
import { findOne } from './resolve';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A BC JSON number (a double) as a canonical money amount. */
const money = (value: unknown): string =>
  typeof value === 'number' || typeof value === 'string' ? moneyAmount(String(value)) : '0';

/** The posted invoice, or undefined. */
async function findInvoice(
  ctx: BcContext,
  set: string,
  referenceField: string,
  document: PostedInvoiceRef,
  signal?: AbortSignal,
): Promise<BcRecord | undefined> {
  if (document.externalId && GUID.test(document.externalId)) {
    const res = await ctx.transport.request<BcRecord>({
      method: 'GET',
      path: `/${set}(${document.externalId})`,
      accept: [404],
      ...(signal ? { signal } : {}),
    });
    if (res.status !== 404) return res.body;
  }
  if (!document.invoiceNumber) return undefined;
  return findOne(ctx.transport, set, `${referenceField} eq ${odataString(document.invoiceNumber)}`, signal);
}

/** Reads the payment status of a posted invoice; undefined when Business Central has none. */
export async function getInvoicePayment(
  ctx: BcContext,
  document: PostedInvoiceRef,
  direction: 'AR' | 'AP',
  options: ReadOptions = {},
): Promise<InvoicePaymentStatus | undefined> {
  const ap = direction === 'AP';
  const [set, referenceField, paymentSet] = ap
    ? ['purchaseInvoices', 'vendorInvoiceNumber', 'vendorPayments']
    : ['salesInvoices', 'yourReference', 'customerPayments'];
  const invoice = await findInvoice(ctx, set, referenceField, document, options.signal);
  if (!invoice) return undefined;
  const currency =
    typeof invoice.currencyCode === 'string' && invoice.currencyCode
      ? invoice.currencyCode
      : ctx.config.localCurrency;
  const total = money(invoice.totalAmountIncludingTax);
  const due = invoice.remainingAmount === undefined ? total : money(invoice.remainingAmount);
  const paid = subtractDecimal(total, due);
  const entries = await ctx.transport.request<{ value: BcRecord[] }>({
    method: 'GET',
    path: `/${paymentSet}`,
    query: { $filter: `appliesToInvoiceNumber eq ${odataString(String(invoice.number))}` },
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const payments = entries.body.value.map((p) => ({
    reference: typeof p.documentNumber === 'string' ? p.documentNumber : String(invoice.number),
    amount: { amount: money(p.amount), currency },
    date: typeof p.postingDate === 'string' ? p.postingDate.slice(0, 10) : '',
  }));
  const settled = invoice.status === 'Paid' || compareDecimal(due, '0') <= 0;
  const lastDate = payments
    .map((p) => p.date)
    .filter(Boolean)
    .sort()
    .at(-1);
  return {
    invoiceId: document.invoiceId,
    externalId: String(invoice.id),
    status: settled ? 'paid' : compareDecimal(paid, '0') > 0 ? 'partially-paid' : 'open',
    total: { amount: total, currency },
    amountPaid: { amount: paid, currency },
    amountDue: { amount: due, currency },
    ...(settled && lastDate ? { paidAt: lastDate } : {}),
    payments,
  };
}
