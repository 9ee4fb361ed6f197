/** What the order-to-cash activities reach the outside world through (built once by the worker). */
import type { HubLogger } from '../../monitoring/logger';
import type { ConnectorRuntime } from '../../platform/connector-runtime';
import type { EdiDeps } from '../../platform/edi/deps';
import type { EventProducer } from '../../platform/kafka';
import type { LifecyclePublisher } from '../../platform/lifecycle-events/publisher';
import type { StockLedger } from '../../platform/orders/stock-types';
import type { OrderView } from '../../workflows/order-to-cash/types';
import type { StageMetrics } from '../../monitoring/slo/stage-metrics';

/** The ports of the order-to-cash activities. */
export interface OrderActivityDeps {
  runtime: ConnectorRuntime;
  ledger: StockLedger;
  orders: { save(view: OrderView): Promise<unknown>; get?(orderId: string): Promise<OrderView | undefined> };
  /** Business-stage SLO metrics (hub_stage_*), counted from each saved view; none when absent. */
  stages?: StageMetrics;
  edi: EdiDeps;
  producer: Pick<EventProducer, 'send'>;
  logger: HubLogger;
  /** Publishes the order's lifecycle events after each stored view (hub.lifecycle-events.v1); none when absent. */
  lifecycle?: LifecyclePublisher;
  /** Counts escalations by reason (hub_order_escalations_total). */
  escalations?: { inc(labels: { reason: string }): void };
}
