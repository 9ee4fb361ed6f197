/**
 * The transfer-order workflows port over Temporal: a transfer is started once under its workflow id (a second
 * start of the same transfer finds the first), and the WMS events and a person's cancel are signals to it. A
 * signal to a transfer whose workflow is not there becomes a `data` HubError.
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Client } from '@temporalio/client';
import { refusalsAsData } from '../temporal-refusals';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import {
  TRANSFER_ORDER_WORKFLOW,
  cancelTransferSignal,
  transferReceivedSignal,
  transferShippedSignal,
  transferStatusQuery,
} from '../../workflows/transfer-order/messages';
import { transferWorkflowId } from '../../workflows/transfer-order/types';
import type {
  TransferCancelSignal,
  TransferOrderInput,
  TransferReceiptSignal,
  TransferShipmentSignal,
  TransferView,
} from '../../workflows/transfer-order/types';

/** The value of the `Flow` search attribute of transfer workflows. */
export const TRANSFER_FLOW = 'transfer-order';

/** What the API and the intake do with transfer workflows. */
export interface TransferWorkflows {
  /** Starts the transfer; `started: false` when it runs (or ran) already. */
  start(input: TransferOrderInput): Promise<{ workflowId: string; started: boolean }>;
  shipped(transferId: string, shipment: TransferShipmentSignal): Promise<void>;
  received(transferId: string, receipt: TransferReceiptSignal): Promise<void>;
  cancel(transferId: string, cancel: TransferCancelSignal): Promise<void>;
  /** The live view; undefined when the workflow cannot be asked. */
  view(transferId: string): Promise<TransferView | undefined>;
}

/** Transfer workflows on the Temporal cluster the client talks to. */
export function createTemporalTransferWorkflows(client: Client, taskQueue: string): TransferWorkflows {
  const handle = (transferId: string) => client.workflow.getHandle(transferWorkflowId(transferId));
  const refuse = <T>(call: () => Promise<T>) => refusalsAsData('transfer order', call);
  return {
    async start(input) {
      const workflowId = transferWorkflowId(input.transferId);
      try {
        await client.workflow.start(TRANSFER_ORDER_WORKFLOW, {
          workflowId,
          taskQueue,
          args: [input],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          typedSearchAttributes: [
            { key: SEARCH_ATTRIBUTES.businessKey, value: workflowId },
            { key: SEARCH_ATTRIBUTES.flow, value: TRANSFER_FLOW },
          ],
        });
        return { workflowId, started: true };
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        return { workflowId, started: false };
      }
    },
    shipped: (id, shipment) => refuse(() => handle(id).signal(transferShippedSignal, shipment)),
    received: (id, receipt) => refuse(() => handle(id).signal(transferReceivedSignal, receipt)),
    cancel: (id, cancel) => refuse(() => handle(id).signal(cancelTransferSignal, cancel)),
    async view(id) {
      try {
        return await handle(id).query(transferStatusQuery);
      } catch {
        return undefined;
      }
    },
  };
}
