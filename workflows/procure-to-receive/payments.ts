/**
 * After the PO closes, its vendor bills are watched until the ERP reports them paid: every `paymentCheckMinutes`
 * the ERP is asked (a read, repeated safely), each bill's payment is shown on the PO and a change is put on the
 * timeline. The watch ends when every posted bill is paid, or `paymentWatchDays` after closing (noted, nothing
 * is lost: the bills stay in the ERP). A document or decision arriving meanwhile stops the wait so it is worked.
 * Guarded by a patch: a PO that closed before the watch existed completes as it did.
 */
import { condition, patched } from '@temporalio/workflow';
import type { Inbox } from './inbox';
import type { PoState } from './state';
import { DISCARDED, connectorCalls, save, step } from './steps';
import type { SupplierInvoiceView } from './types';

/** The patch id of the payment watch. */
export const PAYMENT_WATCH_PATCH = 'vendor-bill-payment-watch';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** Posted bills whose payment the ERP has not reported complete. */
const unpaid = (s: PoState): SupplierInvoiceView[] =>
  s.invoices.filter((i) => i.status === 'billed' && i.billExternalId && i.payment?.status !== 'paid');

/** Asks the ERP about each unpaid bill once; true when anything shown changed. */
async function check(s: PoState, erp: string, round: number): Promise<boolean> {
  let changed = false;
  for (const bill of unpaid(s)) {
    const read = await step(
      s,
      `bill-payment/${bill.invoiceId}/${round}`,
      { invoiceId: bill.invoiceId },
      () =>
        connectorCalls.readBillPayment({
          erpConnectorId: erp,
          invoiceId: bill.invoiceId,
          invoiceNumber: bill.invoiceNumber,
          ...(bill.billExternalId ? { billExternalId: bill.billExternalId } : {}),
        }),
      erp,
    );
    if (read === DISCARDED || read === undefined) continue;
    const before = bill.payment;
    bill.payment = { ...read, checkedAt: s.now() };
    if (before?.status === read.status && before.amountPaid === read.amountPaid) continue;
    changed = true;
    s.note({
      kind: 'connector-call',
      step: `bill-${read.status}`,
      message:
        read.status === 'paid'
          ? `vendor bill ${bill.billExternalId} for invoice ${bill.invoiceNumber} paid in full (${read.amountPaid} ${bill.currency}${read.paidAt ? ` on ${read.paidAt}` : ''})`
          : `vendor bill ${bill.billExternalId} for invoice ${bill.invoiceNumber}: ${read.amountPaid} ${bill.currency} paid, ${read.amountDue} due`,
      documentId: bill.invoiceId,
      connectorId: erp,
    });
  }
  return changed;
}

/** Watches the bills' payments; 'events' when a document or decision came and must be worked first. */
export async function watchPayments(s: PoState, inbox: Inbox): Promise<'events' | 'done'> {
  const erp = s.input.policy.erpConnectorId;
  if (!erp || !unpaid(s).length || !patched(PAYMENT_WATCH_PATCH)) return 'done';
  const { paymentCheckMinutes, paymentWatchDays } = s.input.policy;
  s.paymentWatchUntil ??= Date.now() + paymentWatchDays * DAY_MS;
  for (;;) {
    s.paymentRounds += 1;
    if (await check(s, erp, s.paymentRounds)) await save(s);
    if (!unpaid(s).length) return 'done';
    const left = s.paymentWatchUntil - Date.now();
    if (left <= 0) {
      s.note({
        kind: 'escalation',
        step: 'bill-payment',
        message: `${unpaid(s).length} vendor bill(s) not reported paid within ${paymentWatchDays} days of closing; no longer watched`,
      });
      await save(s);
      return 'done';
    }
    const arrived = await condition(
      () => inbox.events.length > 0,
      Math.min(paymentCheckMinutes * MINUTE_MS, left),
    );
    if (arrived) return 'events';
  }
}
