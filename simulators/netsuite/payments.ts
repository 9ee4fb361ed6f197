/**
 * Payments in the simulated account. A vendor bill or invoice carries NetSuite's payment fields: `status`
 * (Open / Paid In Full), `amountPaid` and `amountRemaining`. `POST /__sim/pay` (or the `autoPayBills` setting, for
 * vendor bills as soon as they are posted) records a vendorPayment / customerPayment that applies an amount to the
 * document, as accounts payable and receivable do in a real account.
 */
import type { Request, Response, Router } from 'express';
import type { Simulator } from '../kit/simulator';
import { add, compare, num } from './decimal';
import { NetSuiteSimError } from './errors';
import type { NetSuiteSimSettings } from './index';
import { decimalField, findRecord, mintId, nowStamp, refName } from './records';
import type { NsRecord } from './records';

/** The payment record type that settles each payable document type. */
const PAYMENT_OF: Record<string, string> = { vendorBill: 'vendorPayment', invoice: 'customerPayment' };

const OPEN = { id: 'open', refName: 'Open' };
const PAID = { id: 'paidInFull', refName: 'Paid In Full' };

/** Gives a new bill or invoice its payment fields: nothing paid, everything remaining. */
export function openForPayment(record: NsRecord): NsRecord {
  return { ...record, status: OPEN, amountPaid: num('0'), amountRemaining: record.total ?? num('0') };
}

/** Applies a payment of `amount` (default: what remains) to the document; answers the payment record. */
export function pay(sim: Simulator, type: string, key: string, amount?: string): NsRecord {
  const paymentType = PAYMENT_OF[type];
  if (!paymentType) throw new NetSuiteSimError(400, `Records of type ${type} are not paid.`);
  const doc = findRecord(sim, type, key);
  if (!doc) throw new NetSuiteSimError(404, `There is no ${type} ${key}.`);
  const remaining = add(doc.amountRemaining ?? doc.total ?? '0', '0');
  const paying = amount ?? remaining;
  if (compare(paying, '0') <= 0 || compare(paying, remaining) > 0) {
    throw new NetSuiteSimError(
      400,
      `A payment of ${paying} does not fit the ${remaining} remaining on ${type} ${key}.`,
    );
  }
  const stamp = nowStamp();
  const id = mintId(sim, paymentType);
  const payment: NsRecord = {
    id,
    tranId: `${paymentType === 'vendorPayment' ? 'BILLPAY' : 'CUSTPAY'}${sim.store.next(`tranId:${paymentType}`, 5001)}`,
    tranDate: stamp.slice(0, 10),
    entity: doc.entity,
    currency: doc.currency,
    total: num(paying),
    apply: {
      items: [{ doc: { id: doc.id, refName: refName(doc) }, apply: true, amount: num(paying), type }],
    },
    createdDate: stamp,
    lastModifiedDate: stamp,
  };
  sim.store.collection<NsRecord>(paymentType).put(id, payment);
  const left = add(remaining, `-${paying}`);
  doc.amountPaid = num(add(doc.amountPaid ?? '0', paying));
  doc.amountRemaining = num(left);
  doc.status = compare(left, '0') === 0 ? PAID : OPEN;
  doc.lastModifiedDate = stamp;
  return payment;
}

/** Mounts `POST /__sim/pay`: `{recordType: 'vendorBill'|'invoice', id? | externalId?, amount?}`. */
export function paymentRoutes(router: Router, sim: Simulator<NetSuiteSimSettings>): void {
  router.post('/__sim/pay', (req: Request, res: Response) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    try {
      const type = typeof body.recordType === 'string' ? body.recordType : '';
      const key =
        typeof body.externalId === 'string'
          ? `eid:${body.externalId}`
          : typeof body.id === 'string'
            ? body.id
            : '';
      if (!key) throw new NetSuiteSimError(400, 'Name the document by id or externalId.');
      const amount = body.amount === undefined ? undefined : decimalField(body.amount, 'amount', true);
      sim.sendJson(res, 200, pay(sim, type, key, amount));
    } catch (err) {
      if (!(err instanceof NetSuiteSimError)) throw err;
      res.status(err.status).json({ message: err.message });
    }
  });
}
