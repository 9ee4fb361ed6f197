/** How a workflow port tells the caller that a workflow refused, or is not there. */
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { HubError } from './errors';

/**
 * Runs a signal or update and turns the workflow's refusal of an update (its validator or handler failing), or a
 * missing workflow, into a `data` HubError (409 at the API); `what` names the workflow kind, e.g. "order".
 */
export async function refusalsAsData<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) {
      const cause = err.cause as { message?: string } | undefined;
      throw new HubError('data', cause?.message ?? err.message);
    }
    if (err instanceof WorkflowNotFoundError)
      throw new HubError('data', `no running ${what} workflow ${err.workflowId ?? ''}`.trim());
    throw err;
  }
}
