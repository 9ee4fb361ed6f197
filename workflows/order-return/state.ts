/** The return workflow's state and the view it shows (workflow code: deterministic). */
import { workflowInfo } from '@temporalio/workflow';
import type { CreditPlan, ReturnInput, ReturnStatusCode, ReturnTimelineEntry, ReturnView } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

/** One return's state while its workflow runs. */
export class ReturnState {
  status: ReturnStatusCode = 'authorised';
  timeline: ReturnTimelineEntry[] = [];
  expectedReturn?: ReturnView['expectedReturn'];
  receiptId?: string;
  plan?: CreditPlan;
  creditMemos: ReturnView['creditMemos'] = [];
  restocked = new Map<number, string>();
  version = 0;

  constructor(readonly input: ReturnInput) {}

  /** When the return expires unreceived. */
  expiresAt(): string {
    return new Date(
      Date.parse(this.input.authorisedAt) + this.input.policy.returnExpiryDays * DAY_MS,
    ).toISOString();
  }

  /** Notes one step's outcome on the timeline. */
  note(step: string, message: string, extra: Partial<ReturnTimelineEntry> = {}): void {
    this.timeline.push({ at: new Date().toISOString(), step, message, ...extra });
    this.version += 1;
  }

  /** Moves to a status, noting why. */
  setStatus(status: ReturnStatusCode, message: string): void {
    this.status = status;
    this.note('status', `${status}: ${message}`);
  }

  /** The view for people and the API. */
  view(): ReturnView {
    const i = this.input;
    const credited = new Map(this.plan?.lines.map((l) => [l.lineNumber, l]) ?? []);
    return {
      returnId: i.returnId,
      workflowId: workflowInfo().workflowId,
      orderId: i.orderId,
      orderNumber: i.orderNumber,
      returnNumber: i.document.returnNumber,
      customerId: i.customerId,
      legalEntityId: i.document.legalEntityId,
      currency: i.currency,
      returnLocationId: i.returnLocationId,
      status: this.status,
      lines: i.lines.map((l) => ({
        ...l,
        received: credited.get(l.lineNumber)?.received ?? '0',
        credited: credited.get(l.lineNumber)?.credited ?? '0',
        restocked: this.restocked.get(l.lineNumber) ?? '0',
      })),
      ...(this.expectedReturn ? { expectedReturn: this.expectedReturn } : {}),
      ...(this.receiptId ? { receiptId: this.receiptId } : {}),
      creditMemos: this.creditMemos.map((m) => ({ ...m })),
      creditTotal: this.plan?.total ?? '0.00',
      authorisedBy: i.by,
      authorisedAt: i.authorisedAt,
      expiresAt: this.expiresAt(),
      timeline: this.timeline.map((t) => ({ ...t })),
      version: this.version,
      updatedAt: new Date().toISOString(),
    };
  }
}
