import type { DeadLetterStore } from '../platform/dead-letters';
import type { HubLogger } from '../monitoring/logger';
import type { DiscardDeadLetterArgs } from './dead-letter-types';

/** Marks a parked step's dead letter discarded (a no-op when the API already did). */
export function discardDeadLetter(deps: { deadLetters: DeadLetterStore; logger: HubLogger }) {
  return async (args: DiscardDeadLetterArgs): Promise<void> => {
    await deps.deadLetters.discard(args.deadLetterId, { by: args.by, reason: args.reason });
    deps.logger.info({ deadLetterId: args.deadLetterId, by: args.by }, 'dead letter discarded');
  };
}
