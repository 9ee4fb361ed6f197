/**
 * Payments in the simulated company. A posted sales or purchase invoice carries `status` (Open, then Paid) and
 * `remainingAmount`; a payment is a `customerPayments` / `vendorPayments` entry applied to the invoice
 * (`appliesToInvoiceId`, `appliesToInvoiceNumber`, `amount`, `postingDate`, `documentNumber`), as the payment
 * journals post them. `POST /__sim/pay` pays an invoice (all that remains, or `amount`); the `autoPayBills`
 * setting pays each purchase invoice in full as soon as it is posted.
 */
import { randomUUID } from 'node:crypto';
import type { Request, Response, Router } from 'express';
import type { Simulator } from '../kit/simulator';
import { touch } from './documents';
import { BcHttpError } from './odata';
import type { BcSimSettings } from './settings';

type BcRecord = Record<string, unknown>;
type Sim = Simulator<BcSimSettings>;

/** The payment entry set of each posted invoice set. */
export const PAYMENT_SET: Record<string, string> = {
  salesInvoices: 'customerPayments',
  purchaseInvoices: 'vendorPayments',
};

const toCents = (value: unknown) => Math.round(Number(value) * 100);

/** Applies a payment to the posted invoice `id` of `set`; answers the payment entry. */
export function payInvoice(sim: Sim, set: string, id: string, amount?: number): BcRecord {
  const paymentSet = PAYMENT_SET[set];
  if (!paymentSet) throw new BcHttpError(400, `Documents of ${set} are not paid.`);
  const invoice = sim.store.collection<BcRecord>(set).get(id);
  if (!invoice) throw new BcHttpError(404, `There is no ${set} record ${id}.`);
  const remaining = toCents(invoice.remainingAmount ?? invoice.totalAmountIncludingTax ?? 0);
  const paying = amount === undefined ? remaining : toCents(amount);
  if (paying <= 0 || paying > remaining)
    throw new BcHttpError(400, `A payment of ${paying / 100} does not fit the ${remaining / 100} remaining.`);
  const payment: BcRecord = {
    id: randomUUID(),
    documentNumber: `PAY${100000 + sim.store.next(paymentSet)}`,
    postingDate: new Date().toISOString().slice(0, 10),
    appliesToInvoiceId: invoice.id,
    appliesToInvoiceNumber: invoice.number,
    amount: paying / 100,
  };
  touch(sim, payment);
  sim.store.collection<BcRecord>(paymentSet).put(String(payment.id), payment);
  invoice.remainingAmount = (remaining - paying) / 100;
  invoice.status = remaining === paying ? 'Paid' : 'Open';
  touch(sim, invoice);
  return payment;
}

/** Mounts `POST /__sim/pay`: `{set: 'purchaseInvoices'|'salesInvoices', id? | number?, amount?}`. */
export function paymentRoutes(router: Router, sim: Sim): void {
  router.post('/__sim/pay', (req: Request, res: Response) => {
    const body = (req.body ?? {}) as BcRecord;
    try {
      const set = typeof body.set === 'string' ? body.set : '';
      const invoice =
        typeof body.id === 'string'
          ? sim.store.collection<BcRecord>(set).get(body.id)
          : sim.store.collection<BcRecord>(set).find((r) => r.number === body.number);
      if (!invoice) throw new BcHttpError(404, 'Name a posted invoice by id or number.');
      const amount = body.amount === undefined ? undefined : Number(body.amount);
      sim.sendJson(res, 200, payInvoice(sim, set, String(invoice.id), amount));
    } catch (err) {
      if (!(err instanceof BcHttpError)) throw err;
      res.status(err.status).json({ message: err.message });
    }
  });
}
