/**
 * The order flow's own bookkeeping: the stored view support and the API read, replenishment signals for the
 * procure-to-receive flow (Kafka `hub.replenishment-signals.v1`, keyed by SKU), and escalations.
 */
import { recordStageProgress } from '../../monitoring/slo/record-stages';
import { newOrderStages } from '../../monitoring/slo/order-stages';
import { currentLogContext } from '../../monitoring/context';
import { TOPICS } from '../../platform/kafka-topics';
import { orderLifecycleEvents } from '../../platform/lifecycle-events/order-events';
import type { OrderView } from '../../workflows/order-to-cash/types';
import type { OrderActivityDeps } from './deps';

/**
 * The saveOrderView activity (the store never goes back to an older version), then the order's lifecycle events
 * the view shows and that were not published yet (accepted, held, released, shipped, invoiced).
 */
export function saveOrderView(deps: OrderActivityDeps) {
  return async (view: OrderView): Promise<void> => {
    const previous = deps.stages && deps.orders.get ? await deps.orders.get(view.orderId) : undefined;
    const outcome = await deps.orders.save(view);
    if (outcome !== 'stale') recordStageProgress(deps.stages, newOrderStages(previous, view));
    const correlationId = currentLogContext()?.correlationId ?? view.workflowId;
    await deps.lifecycle?.publish(orderLifecycleEvents(view, correlationId));
  };
}

/** The raiseReplenishment activity: one message per short SKU, idempotent by order + line for consumers. */
export function raiseReplenishment(deps: OrderActivityDeps) {
  return async (args: {
    orderId: string;
    legalEntityId: string;
    needBy?: string;
    shortages: { sku: string; quantity: string; lineNumber: number }[];
  }): Promise<void> => {
    for (const s of args.shortages) {
      const message = {
        signalId: `${args.orderId}/${s.lineNumber}`,
        legalEntityId: args.legalEntityId,
        sku: s.sku,
        quantity: s.quantity,
        ...(args.needBy ? { needBy: args.needBy } : {}),
        reason: 'backorder',
        salesOrderId: args.orderId,
      };
      await deps.producer.send(TOPICS.replenishmentSignals.name, s.sku, Buffer.from(JSON.stringify(message)));
    }
  };
}

/** The escalateOrder activity: counted and logged at warn, for the on-call and dashboards. */
export function escalateOrder(deps: OrderActivityDeps) {
  return async (args: { orderId: string; businessKey: string; reason: string }): Promise<void> => {
    deps.escalations?.inc({ reason: args.reason });
    deps.logger.warn(
      { orderId: args.orderId, businessKey: args.businessKey, reason: args.reason },
      'order escalated',
    );
    await Promise.resolve();
  };
}
