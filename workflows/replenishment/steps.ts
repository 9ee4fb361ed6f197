/**
 * The side effects of the replenishment workflow: all hub bookkeeping (claims, PO numbers, stock position),
 * retried while the database is away and, should one fail for good, dead-lettered until a person replays it.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { PurchaseActivities } from '../../activities/procure-to-receive/types';
import { runStep } from '../dead-letter-step';
import type { ReplenishmentInput } from '../procure-to-receive/types';

/** The hub's own bookkeeping: retried without limit, never given up. */
export const bookkeeping = proxyActivities<PurchaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** The result of a step a person discarded. */
export const DISCARDED = Symbol('discarded');

/** Runs one bookkeeping step of the proposal through runStep; DISCARDED when a person gave it up. */
export async function step<T>(
  input: ReplenishmentInput,
  name: string,
  payload: unknown,
  call: () => Promise<T>,
): Promise<T | typeof DISCARDED> {
  const result = await runStep(
    name,
    {
      flow: 'replenishment',
      businessKeys: { legalEntityId: input.legalEntityId, sku: input.sku, locationId: input.locationId },
      correlationId: input.correlationId,
      payload,
    },
    () => call(),
  );
  return result.status === 'done' ? result.value : DISCARDED;
}
