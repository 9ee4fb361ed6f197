import { Context } from '@temporalio/activity';
import type { DeadLetterStore } from '../platform/dead-letters';
import type { HubLogger } from '../monitoring/logger';
import type { RecordDeadLetterArgs } from './dead-letter-types';

/** Records a parked step in the dead-letter store (once per failure, however often it is retried). */
export function recordDeadLetter(deps: { deadLetters: DeadLetterStore; logger: HubLogger }) {
  return async (args: RecordDeadLetterArgs): Promise<{ deadLetterId: string }> => {
    const { workflowExecution, activityId } = Context.current().info;
    const record = await deps.deadLetters.record({
      ...args,
      workflowId: workflowExecution?.workflowId ?? activityId,
      runId: workflowExecution?.runId ?? '',
    });
    deps.logger.warn(
      {
        deadLetterId: record._id,
        flow: args.flow,
        step: args.step,
        kind: args.error.kind,
        type: args.error.type,
        businessKeys: args.businessKeys,
      },
      'step dead-lettered',
    );
    return { deadLetterId: record._id };
  };
}
