/**
 * The notifyStockArrived activity: the sales orders a PO's stock was bought for are told to allocate again. An
 * order is found by its stored view (which names its workflow); an order the hub does not know, one that is
 * finished, and one whose workflow has closed since are skipped — nobody is waiting there.
 */
import type { OrderStatusCode } from '../../workflows/order-to-cash/types';
import { ArgumentCheck } from './arguments';
import type { PurchaseActivityDeps } from './deps';

/** Order states in which nothing is allocated any more. */
const FINISHED: readonly OrderStatusCode[] = ['completed', 'rejected', 'cancelled'];

/** True for Temporal's "no such (running) workflow", recognised by name so activities need no Temporal import. */
function isWorkflowGone(err: unknown): boolean {
  return (err as { name?: unknown } | null)?.name === 'WorkflowNotFoundError';
}

/** The notifyStockArrived activity; answers nothing, logs which orders were told. */
export function notifyStockArrived(deps: PurchaseActivityDeps) {
  return async (args: { salesOrderIds: string[]; reason: string }): Promise<void> => {
    const check = new ArgumentCheck('notifyStockArrived').text(args.reason, '/reason');
    args.salesOrderIds.forEach((id, i) => check.text(id, `/salesOrderIds/${i}`));
    check.throwIfAny();
    for (const orderId of new Set(args.salesOrderIds)) {
      const view = await deps.orders.get(orderId);
      if (!view || FINISHED.includes(view.status)) {
        deps.logger.info(
          { orderId, status: view?.status },
          view ? 'order is finished; not told about the stock' : 'order unknown to the hub; not told',
        );
        continue;
      }
      try {
        await deps.orderWorkflows.retryAllocation(view.workflowId, args.reason);
      } catch (err) {
        if (!isWorkflowGone(err)) throw err;
        deps.logger.info({ orderId, workflowId: view.workflowId }, 'order workflow has closed; not told');
      }
    }
  };
}
