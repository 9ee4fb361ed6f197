/**
 * The cycle-count approval workflows over Temporal. `start` starts the count's workflow under
 * `inventory-count:<movement id>`: a running one is used as it is and a closed one is never started again (the
 * id-reuse policy refuses it), so a redelivered movement never opens a second approval. `decide` is the update the
 * API waits on; a refusal (decided already) or a missing workflow is a `data` HubError.
 */
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import type { Client } from '@temporalio/client';
import { refusalsAsData } from '../temporal-refusals';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import {
  CYCLE_COUNT_APPROVAL_WORKFLOW,
  countApprovalQuery,
  decideCountUpdate,
} from '../../workflows/inventory-count/messages';
import { countApprovalWorkflowId } from '../../workflows/inventory-count/types';
import type {
  CountApprovalInput,
  CountApprovalView,
  CountDecision,
} from '../../workflows/inventory-count/types';

/** `open`: the approval runs (started now, or already by an earlier delivery); `closed`: it ran and ended. */
export type CountStartOutcome = 'open' | 'closed';

/** The approval workflows of counts. */
export interface CountWorkflows {
  /** Starts the count's approval unless it exists; answers whether it runs or has ended. */
  start(input: CountApprovalInput): Promise<{ workflowId: string; outcome: CountStartOutcome }>;
  /** Approves or rejects a pending count and answers the workflow's view. */
  decide(movementId: string, decision: CountDecision): Promise<CountApprovalView>;
  /** The workflow's view, undefined when there is no such workflow. */
  status(movementId: string): Promise<CountApprovalView | undefined>;
}

/** Count approval workflows on the Temporal cluster the client talks to. */
export function createTemporalCountWorkflows(client: Client, taskQueue: string): CountWorkflows {
  return {
    async start(input) {
      const workflowId = countApprovalWorkflowId(input.review.id);
      try {
        await client.workflow.start(CYCLE_COUNT_APPROVAL_WORKFLOW, {
          workflowId,
          taskQueue,
          args: [input],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          workflowIdConflictPolicy: 'USE_EXISTING',
          typedSearchAttributes: [
            { key: SEARCH_ATTRIBUTES.businessKey, value: input.review.id },
            { key: SEARCH_ATTRIBUTES.flow, value: 'inventory-count' },
            { key: SEARCH_ATTRIBUTES.connectorId, value: input.erpConnectorId },
          ],
        });
        return { workflowId, outcome: 'open' };
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) return { workflowId, outcome: 'closed' };
        throw err;
      }
    },
    decide: (movementId, decision) =>
      refusalsAsData('count approval', () =>
        client.workflow
          .getHandle(countApprovalWorkflowId(movementId))
          .executeUpdate(decideCountUpdate, { args: [decision] }),
      ),
    async status(movementId) {
      try {
        return await client.workflow.getHandle(countApprovalWorkflowId(movementId)).query(countApprovalQuery);
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return undefined;
        throw err;
      }
    },
  };
}
