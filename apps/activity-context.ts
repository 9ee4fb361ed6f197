import { Context } from '@temporalio/activity';
import { withLogContext } from '../monitoring/context';

type AnyActivity = (...args: never[]) => Promise<unknown>;

/**
 * Wraps every activity so each log line it writes carries the workflow id and, when the input names one, the
 * correlation id of the request that started the work.
 */
export function withActivityLogContext<T extends Record<string, AnyActivity>>(activities: T): T {
  const wrapped = {} as Record<string, AnyActivity>;
  for (const [name, fn] of Object.entries(activities)) {
    wrapped[name] = (...args: never[]) => {
      const { workflowExecution, activityId } = Context.current().info;
      const workflowId = workflowExecution?.workflowId ?? activityId;
      const first = args[0] as { correlationId?: unknown } | undefined;
      const correlationId = typeof first?.correlationId === 'string' ? first.correlationId : workflowId;
      return withLogContext({ correlationId, workflowId, activity: name }, () => fn(...args));
    };
  }
  return wrapped as T;
}
