/**
 * The side effects of the replenishment workflow: all hub bookkeeping (claims, PO numbers, stock position),
 * retried while the database is away and, should one fail for good, dead-lettered until a person replays it.
 */
import type { PurchaseActivities } from '../../activities/procure-to-receive/types';
import { DISCARDED, flowActivities, flowStep } from '../flow-steps';
import type { ReplenishmentInput } from '../procure-to-receive/types';

export { DISCARDED };

/** The hub's own bookkeeping: retried without limit, never given up. */
export const { bookkeeping } = flowActivities<PurchaseActivities>();

/** Runs one bookkeeping step of the proposal through runStep; DISCARDED when a person gave it up. */
export async function step<T>(
  input: ReplenishmentInput,
  name: string,
  payload: unknown,
  call: () => Promise<T>,
): Promise<T | typeof DISCARDED> {
  return flowStep(
    name,
    {
      flow: 'replenishment',
      businessKeys: { legalEntityId: input.legalEntityId, sku: input.sku, locationId: input.locationId },
      correlationId: input.correlationId,
      payload,
    },
    call,
  );
}
