/**
 * The approval workflow's audit bookkeeping: the pending record, the person's decision, the ERP's answer. Each is
 * safe to repeat (the store inserts once, a decision repeats as itself), so a retried activity writes nothing twice.
 */
import type { CountReview, CountReviewInput } from '../../platform/inventory/count-review-types';
import { HubError } from '../../platform/errors';
import { isConflictError } from '../../platform/store-errors';
import type { InventoryCountActivityDeps } from './count-deps';

/** The recordPendingCount activity: the count as waiting for approval (once per movement id). */
export function recordPendingCount(deps: InventoryCountActivityDeps) {
  return (args: { review: CountReviewInput }): Promise<CountReview> =>
    deps.countReviews.recordPending(args.review);
}

/** The recordCountDecision activity: a person approved or rejected the pending count. */
export function recordCountDecision(deps: InventoryCountActivityDeps) {
  return async (args: {
    movementId: string;
    status: 'approved' | 'rejected';
    by: string;
    reason: string;
    at: string;
    note?: string;
  }): Promise<CountReview> => {
    const { movementId, ...decision } = args;
    try {
      return await deps.countReviews.decide(movementId, decision);
    } catch (err) {
      // Someone decided the record outside this workflow: no retry changes that, a person must look.
      if (isConflictError(err)) throw new HubError('data', err.message);
      throw err;
    }
  };
}

/** The recordCountPosted activity: the ERP adjustment's id on the approved count. */
export function recordCountPosted(deps: InventoryCountActivityDeps) {
  return (args: {
    movementId: string;
    erpConnectorId: string;
    externalId: string;
    documentNumber?: string;
  }): Promise<CountReview> =>
    deps.countReviews.markPosted(args.movementId, {
      connectorId: args.erpConnectorId,
      externalId: args.externalId,
      ...(args.documentNumber ? { documentNumber: args.documentNumber } : {}),
      postedAt: new Date().toISOString(),
    });
}
