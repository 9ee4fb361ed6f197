/** What the procure-to-receive activities reach the outside world through (built once by the worker). */
import type { StageMetrics } from '../../monitoring/slo/stage-metrics';
import type { HubLogger } from '../../monitoring/logger';
import type { ConnectorRuntime } from '../../platform/connector-runtime';
import type { EdiDeps } from '../../platform/edi/deps';
import type { LifecyclePublisher } from '../../platform/lifecycle-events/publisher';
import type { OrderStore } from '../../platform/orders/order-store';
import type { OrderWorkflows } from '../../platform/orders/order-workflows';
import type { StockLedger } from '../../platform/orders/stock-types';
import type {
  PoNumberAllocator,
  PurchaseOrderStore,
  SignalClaims,
} from '../../platform/purchasing/store-types';

/** The ports of the procure-to-receive activities. */
export interface PurchaseActivityDeps {
  runtime: ConnectorRuntime;
  ledger: Pick<StockLedger, 'availability' | 'receive' | 'addInbound' | 'settleInbound'>;
  edi: EdiDeps;
  poNumbers: Pick<PoNumberAllocator, 'next'>;
  signalClaims: Pick<SignalClaims, 'claim'>;
  purchaseOrders: Pick<PurchaseOrderStore, 'save' | 'openQuantity'> &
    Partial<Pick<PurchaseOrderStore, 'get'>>;
  /** Business-stage SLO metrics (hub_stage_*), counted from each saved view; none when absent. */
  stages?: StageMetrics;
  /** The stored order views: where a waiting sales order's workflow id is found. */
  orders: Pick<OrderStore, 'get'>;
  /** The order workflows told to allocate again when stock arrives. */
  orderWorkflows: Pick<OrderWorkflows, 'retryAllocation'>;
  logger: HubLogger;
  /** Publishes the PO's lifecycle events after each stored view (hub.lifecycle-events.v1); none when absent. */
  lifecycle?: LifecyclePublisher;
  /** Counts escalations by reason (hub_purchase_escalations_total). */
  escalations?: { inc(labels: { reason: string }): void };
}
