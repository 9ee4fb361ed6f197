/**
 * The return workflows port over Temporal: start a return's workflow (id `order-return/<returnId>`, never twice),
 * signal its receipt, read its live view, and read the input an order's workflow started with (the order's prices).
 */
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import type { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { HubError } from '../errors';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import type { OrderToCashInput } from '../../workflows/order-to-cash/types';
import {
  ORDER_RETURN_WORKFLOW,
  returnReceivedSignal,
  returnStatusQuery,
  returnWorkflowId,
} from '../../workflows/order-return/messages';
import type { ReturnInput, ReturnReceipt, ReturnView } from '../../workflows/order-return/types';

/** Operations on return workflows. */
export interface ReturnWorkflows {
  /** Starts the return's workflow; a `duplicate` HubError when it was started before. */
  start(input: ReturnInput): Promise<{ workflowId: string }>;
  /** Signals the warehouse's receipt to the return. */
  receive(returnId: string, receipt: ReturnReceipt): Promise<void>;
  /** The live view; undefined when there is no such workflow. */
  status(returnId: string): Promise<ReturnView | undefined>;
  /** The input the order's workflow started with; undefined when Temporal no longer has it. */
  orderInput(orderWorkflowId: string): Promise<OrderToCashInput | undefined>;
}

/** Return workflows on the Temporal cluster the client talks to. */
export function createTemporalReturnWorkflows(client: Client, taskQueue: string): ReturnWorkflows {
  return {
    async start(input) {
      const workflowId = returnWorkflowId(input.returnId);
      try {
        await client.workflow.start(ORDER_RETURN_WORKFLOW, {
          workflowId,
          taskQueue,
          args: [input],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          workflowIdConflictPolicy: 'FAIL',
          typedSearchAttributes: [
            { key: SEARCH_ATTRIBUTES.businessKey, value: input.returnId },
            { key: SEARCH_ATTRIBUTES.flow, value: 'order-return' },
          ],
        });
        return { workflowId };
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError)
          throw new HubError('duplicate', `return ${input.returnId} was started before`);
        throw err;
      }
    },
    async receive(returnId, receipt) {
      try {
        await client.workflow.getHandle(returnWorkflowId(returnId)).signal(returnReceivedSignal, receipt);
      } catch (err) {
        if (err instanceof WorkflowNotFoundError)
          throw new HubError('data', `no running return workflow for ${returnId}`);
        throw err;
      }
    },
    async status(returnId) {
      try {
        return await client.workflow.getHandle(returnWorkflowId(returnId)).query(returnStatusQuery);
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return undefined;
        throw err;
      }
    },
    async orderInput(orderWorkflowId) {
      try {
        const history = await client.workflow.getHandle(orderWorkflowId).fetchHistory();
        const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
        return payload ? defaultPayloadConverter.fromPayload<OrderToCashInput>(payload) : undefined;
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return undefined;
        throw err;
      }
    },
  };
}
