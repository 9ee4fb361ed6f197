/** Signals and queries of the customer-return workflow (the return intake and the API use them by name). */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { ReturnReceipt, ReturnView } from './types';

/** Name of the workflow type (for clients that start it by name). */
export const ORDER_RETURN_WORKFLOW = 'orderReturnWorkflow';

/** The workflow id of a return. */
export const returnWorkflowId = (returnId: string): string => `order-return/${returnId}`;

/** The warehouse received the return (a goods receipt of type `return`). */
export const returnReceivedSignal = defineSignal<[ReturnReceipt]>('returnReceived');

/** The return as it is right now. */
export const returnStatusQuery = defineQuery<ReturnView>('returnStatus');
