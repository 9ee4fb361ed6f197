/**
 * What arrives at a PO workflow, in arrival order: supplier and WMS documents (signals) and buyers' decisions
 * (updates). Handlers only queue; the workflow works the queue between steps, so no step sees a half-applied
 * change. An update is validated against the PO as it stands when it arrives (and what is already queued), then
 * answers with the PO once its turn has been worked — or with a `hub.data` failure saying why it was refused.
 */
import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import {
  ackReceivedSignal,
  asnReceivedSignal,
  cancelPurchaseOrderUpdate,
  decideInvoiceUpdate,
  decideProposalUpdate,
  invoiceReceivedSignal,
  purchaseOrderStatusQuery,
  receiptReceivedSignal,
  resolveExceptionUpdate,
  shortCloseUpdate,
} from './messages';
import type { PoState } from './state';
import type {
  AckReceived,
  AsnReceived,
  ExceptionResolution,
  InvoiceDecision,
  InvoiceReceived,
  ProposalDecision,
  PurchaseClosure,
  PurchaseOrderView,
  ReceiptReceived,
} from './types';
import { refuseCancel, refuseException, refuseInvoice, refuseProposal, refuseShortClose } from './validators';

/** A buyer's decision waiting for its turn. */
export type Request =
  | { kind: 'proposal'; decision: ProposalDecision }
  | { kind: 'exception'; resolution: ExceptionResolution }
  | { kind: 'invoice'; decision: InvoiceDecision }
  | { kind: 'short-close'; closure: PurchaseClosure }
  | { kind: 'cancel'; closure: PurchaseClosure };

/** A queued request and, once worked, its outcome. */
export interface Pending {
  request: Request;
  done: boolean;
  /** Why it was refused when its turn came (the PO changed since it was accepted). */
  refusal?: string;
}

/** One thing to work. */
export type Event =
  | { kind: 'ack'; ack: AckReceived }
  | { kind: 'asn'; asn: AsnReceived }
  | { kind: 'receipt'; receipt: ReceiptReceived }
  | { kind: 'invoice'; invoice: InvoiceReceived }
  | { kind: 'request'; pending: Pending };

/** The queue of one PO workflow. */
export class Inbox {
  readonly events: Event[] = [];

  /** Queued requests (for validators: two decisions on one thing are refused at once). */
  requests(): Request[] {
    return this.events.flatMap((e) => (e.kind === 'request' && !e.pending.done ? [e.pending.request] : []));
  }

  /** Takes the first event `pick` accepts, leaving the rest queued. */
  take(pick: (e: Event) => boolean = () => true): Event | undefined {
    const i = this.events.findIndex(pick);
    return i < 0 ? undefined : this.events.splice(i, 1)[0];
  }
}

/** Marks a request worked (refused with `refusal`, when given). */
export function answer(pending: Pending, refusal?: string): void {
  if (refusal !== undefined) pending.refusal = refusal;
  pending.done = true;
}

/** A refusal as the update's caller sees it (the API turns it into a 409). */
export function refusal(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: 'hub.data', message, nonRetryable: true });
}

/** Installs the query, signal and update handlers; answers the inbox they fill. */
export function installHandlers(s: PoState): Inbox {
  const inbox = new Inbox();
  const ask = async (request: Request): Promise<PurchaseOrderView> => {
    const pending: Pending = { request, done: false };
    inbox.events.push({ kind: 'request', pending });
    await condition(() => pending.done);
    if (pending.refusal !== undefined) throw refusal(pending.refusal);
    return s.view();
  };
  const check = (why: string | undefined): void => {
    if (why !== undefined) throw refusal(why);
  };
  setHandler(purchaseOrderStatusQuery, () => s.view());
  setHandler(ackReceivedSignal, (ack) => void inbox.events.push({ kind: 'ack', ack }));
  setHandler(asnReceivedSignal, (asn) => void inbox.events.push({ kind: 'asn', asn }));
  setHandler(receiptReceivedSignal, (receipt) => void inbox.events.push({ kind: 'receipt', receipt }));
  setHandler(invoiceReceivedSignal, (invoice) => void inbox.events.push({ kind: 'invoice', invoice }));
  setHandler(decideProposalUpdate, (decision) => ask({ kind: 'proposal', decision }), {
    validator: (d: ProposalDecision) => check(refuseProposal(s, inbox.requests(), d)),
  });
  setHandler(resolveExceptionUpdate, (resolution) => ask({ kind: 'exception', resolution }), {
    validator: (r: ExceptionResolution) => check(refuseException(s, inbox.requests(), r)),
  });
  setHandler(decideInvoiceUpdate, (decision) => ask({ kind: 'invoice', decision }), {
    validator: (d: InvoiceDecision) => check(refuseInvoice(s, inbox.requests(), d)),
  });
  setHandler(shortCloseUpdate, (closure) => ask({ kind: 'short-close', closure }), {
    validator: (c: PurchaseClosure) => check(refuseShortClose(s, inbox.requests(), c)),
  });
  setHandler(cancelPurchaseOrderUpdate, (closure) => ask({ kind: 'cancel', closure }), {
    validator: (c: PurchaseClosure) => check(refuseCancel(s, inbox.requests(), c)),
  });
  return inbox;
}
