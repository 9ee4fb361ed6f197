/**
 * The order workflows port over Temporal. `capture` starts the order's workflow under the id of its business key
 * and, when one already exists, signals the arrival to it instead (a finished order is never started twice: the
 * id-reuse policy refuses it). Updates answer the caller; a refusal by the workflow (its validator) becomes a
 * `data` HubError with the workflow's reason.
 */
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import type { Client } from '@temporalio/client';
import { refusalsAsData } from '../temporal-refusals';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import {
  ORDER_TO_CASH_WORKFLOW,
  cancelOrderUpdate,
  cancelRequestedSignal,
  changeOrderUpdate,
  changeRequestedSignal,
  decideHoldUpdate,
  orderCapturedSignal,
  orderStatusQuery,
  retryAllocationSignal,
  shipmentConfirmedSignal,
} from '../../workflows/order-to-cash/messages';
import type { OrderToCashInput } from '../../workflows/order-to-cash/types';
import { orderWorkflowId } from './business-key';
import type { CaptureResult, OrderWorkflows } from './order-workflows';

/** Order workflows on the Temporal cluster the client talks to. */
export function createTemporalOrderWorkflows(client: Client, taskQueue: string): OrderWorkflows {
  const handle = (workflowId: string) => client.workflow.getHandle(workflowId);
  const refuse = <T>(call: () => Promise<T>) => refusalsAsData('order', call);
  return {
    async capture(input: OrderToCashInput): Promise<CaptureResult> {
      const workflowId = orderWorkflowId(input.businessKey);
      try {
        await client.workflow.start(ORDER_TO_CASH_WORKFLOW, {
          workflowId,
          taskQueue,
          args: [input],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          workflowIdConflictPolicy: 'FAIL',
          typedSearchAttributes: [
            { key: SEARCH_ATTRIBUTES.businessKey, value: input.businessKey },
            { key: SEARCH_ATTRIBUTES.flow, value: 'order-to-cash' },
            ...(input.capture.connectorId
              ? [{ key: SEARCH_ATTRIBUTES.connectorId, value: input.capture.connectorId }]
              : []),
            ...(input.capture.partnerId
              ? [{ key: SEARCH_ATTRIBUTES.partnerId, value: input.capture.partnerId }]
              : []),
          ],
        });
        return { workflowId, outcome: 'started' };
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      }
      try {
        await handle(workflowId).signal(orderCapturedSignal, input.capture);
        return { workflowId, outcome: 'attached' };
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return { workflowId, outcome: 'duplicate-of-closed' };
        throw err;
      }
    },
    decide: (workflowId, decision) =>
      refuse(() => handle(workflowId).executeUpdate(decideHoldUpdate, { args: [decision] })),
    change: (workflowId, change) =>
      refuse(() => handle(workflowId).executeUpdate(changeOrderUpdate, { args: [change] })),
    cancel: (workflowId, cancellation) =>
      refuse(() => handle(workflowId).executeUpdate(cancelOrderUpdate, { args: [cancellation] })),
    confirmShipment: (workflowId, confirmation) =>
      refuse(() => handle(workflowId).signal(shipmentConfirmedSignal, confirmation)),
    requestChange: (workflowId, change) =>
      refuse(() => handle(workflowId).signal(changeRequestedSignal, change)),
    requestCancel: (workflowId, cancellation) =>
      refuse(() => handle(workflowId).signal(cancelRequestedSignal, cancellation)),
    retryAllocation: (workflowId, reason) =>
      refuse(() => handle(workflowId).signal(retryAllocationSignal, { reason })),
    async status(workflowId) {
      try {
        return await handle(workflowId).query(orderStatusQuery);
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return undefined;
        throw err;
      }
    },
  };
}
