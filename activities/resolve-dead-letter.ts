import { Context } from '@temporalio/activity';
import type { DeadLetterStore } from '../platform/dead-letters';
import type { HubLogger } from '../monitoring/logger';
import type { ResolveDeadLetterArgs } from './dead-letter-types';

/** Closes the dead letter of a step that succeeded on replay; a repeated call finds it closed and does nothing. */
export function resolveDeadLetter(deps: { deadLetters: DeadLetterStore; logger: HubLogger }) {
  return async (args: ResolveDeadLetterArgs): Promise<void> => {
    const { workflowExecution, activityId } = Context.current().info;
    const record = await deps.deadLetters.markResolved(
      workflowExecution?.workflowId ?? activityId,
      args.step,
      args.replayedBy === undefined ? {} : { replayedBy: args.replayedBy },
    );
    if (record) deps.logger.info({ deadLetterId: record._id, step: args.step }, 'dead letter resolved');
  };
}
