import express from 'express';
import type { Express } from 'express';
import type { Client } from '@temporalio/client';
import type { Db } from 'mongodb';
import type { HubLogger } from '../monitoring/logger';
import type { HubMetrics } from '../monitoring/metrics';
import type { DependencyCheck } from '../platform/readiness';
import type { ApiKeyStore } from '../platform/api-keys';
import type { RateLimiter } from '../platform/rate-limit';
import type { IdempotencyStore } from '../platform/idempotency';
import type { ConnectorStore } from '../platform/connector-store';
import type { DeadLetterStore } from '../platform/dead-letters';
import type { Ownership } from '../platform/ownership';
import type { Quarantine } from '../platform/quarantine';
import type { MasterData } from '../platform/master-data';
import type { WebhookIngressDeps } from '../platform/webhook-ingress';
import type { EdiDeps } from '../platform/edi/deps';
import type { OrderWorkflows } from '../platform/orders/order-workflows';
import type { OrderStore } from '../platform/orders/order-store';
import type { OrderPolicyStore } from '../platform/orders/policy-store';
import type { StockLedger } from '../platform/orders/stock-types';
import { createReturnStore } from '../platform/orders/return-store';
import type { ReturnStore } from '../platform/orders/return-store';
import { createTemporalReturnWorkflows } from '../platform/orders/temporal-return-workflows';
import type { ReturnWorkflows } from '../platform/orders/temporal-return-workflows';
import { createPurchasingPolicyStore } from '../platform/purchasing/policy-store';
import { createPurchaseOrderStore } from '../platform/purchasing/purchase-order-store';
import type { PurchaseWorkflows } from '../platform/purchasing/purchase-workflows';
import type { PurchaseOrderStore, PurchasingPolicyStore } from '../platform/purchasing/store-types';
import { createTemporalPurchaseWorkflows } from '../platform/purchasing/temporal-purchase-workflows';
import type { Contract } from './contract';
import type { ResponseSealer } from './middleware/idempotency';
import { requestContext } from './middleware/request-context';
import { errorHandler, notFound } from './middleware/errors';
import { contractRouter } from './router';
import { operationsHandlers } from './routes/health';
import { smokeHandlers } from './routes/smoke';
import { apiKeyHandlers } from './routes/api-keys';
import { connectorHandlers } from './routes/connectors';
import { deadLetterHandlers } from './routes/dead-letters';
import { masterDataHandlers } from './routes/master-data';
import { webhookHandlers } from './routes/webhooks';
import { ediHandlers } from './routes/edi';
import { tradingPartnerHandlers } from './routes/trading-partners';
import { orderHandlers } from './routes/orders';
import { orderActionHandlers } from './routes/orders-actions';
import { orderPolicyHandlers } from './routes/order-policy';
import { stockHandlers } from './routes/stock';
import { inventoryCountHandlers } from './routes/inventory-counts';
import { transferOrderHandlers } from './routes/transfer-orders';
import { createTransferStore } from '../platform/transfers/transfer-store';
import { createTemporalTransferWorkflows } from '../platform/transfers/transfer-workflows';
import { createTransferLocations } from '../platform/transfers/locations';
import { createCountReviewStore } from '../platform/inventory/count-review-store';
import { createCountPolicyStore } from '../platform/inventory/count-policy-store';
import { createTemporalCountWorkflows } from '../platform/inventory/count-workflows';
import { returnHandlers } from './routes/orders-returns';
import { purchasingPolicyHandlers } from './routes/purchasing-policy';
import { replenishmentHandlers } from './routes/replenishment-requests';
import { purchaseOrderHandlers } from './routes/purchase-orders';
import { transactionHandlers } from './routes/transactions';
import { bulkReplayHandlers } from './routes/bulk-replays';
import { createBulkReplayStore } from '../platform/replays/bulk-replays';
import { createTransactionIndex } from '../platform/transactions/index';
import { purchaseOrderActionHandlers } from './routes/purchase-orders-actions';

/** Largest JSON body the API accepts; larger requests get 413 problem+json. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Everything the HTTP edge needs, passed in by the composition root (apps/api.ts) or a test. */
export interface ApiDeps {
  contract: Contract;
  logger: HubLogger;
  metrics: HubMetrics;
  checks: DependencyCheck[];
  temporal: Client;
  db: Db;
  taskQueue: string;
  keys: ApiKeyStore;
  limiter: RateLimiter;
  idempotencyStore: IdempotencyStore;
  sealer: ResponseSealer;
  connectors: ConnectorStore;
  deadLetters: DeadLetterStore;
  ownership: Ownership;
  quarantine: Quarantine;
  masterData: MasterData;
  webhooks: WebhookIngressDeps;
  edi: EdiDeps;
  /** Largest interchange taken over HTTP. */
  ediMaxBytes?: number;
  /** Order-to-cash workflows (Temporal in production, a fake in route tests). */
  orders: OrderWorkflows;
  orderStore: OrderStore;
  orderPolicies: OrderPolicyStore;
  stockLedger: StockLedger;
  /** Customer returns (default: the store over `db`). */
  returnStore?: ReturnStore;
  /** Return workflows (default: Temporal through `temporal`). */
  returnWorkflows?: ReturnWorkflows;
  /** Purchasing policies (default: the store over `db`). */
  purchasingPolicies?: PurchasingPolicyStore;
  /** Stored PO views (default: the store over `db`). */
  purchaseOrders?: PurchaseOrderStore;
  /** Procure-to-receive workflows (default: Temporal through `temporal`). */
  purchaseWorkflows?: PurchaseWorkflows;
}

/** Builds the express app; it holds no state between requests, so any number of replicas can serve. */
export function createApp(deps: ApiDeps): Express {
  const returnStore = deps.returnStore ?? createReturnStore(deps.db);
  const purchasing = {
    purchasingPolicies: deps.purchasingPolicies ?? createPurchasingPolicyStore(deps.db),
    purchaseOrders: deps.purchaseOrders ?? createPurchaseOrderStore(deps.db),
    purchaseWorkflows:
      deps.purchaseWorkflows ?? createTemporalPurchaseWorkflows(deps.temporal, deps.taskQueue),
  };
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(requestContext(deps.logger, deps.metrics));
  app.use(
    express.json({
      limit: BODY_LIMIT_BYTES,
      type: ['application/json', 'application/*+json'],
      // Webhook signatures are computed over the exact bytes, so keep them beside the parsed body.
      verify: (req, _res, buf) => {
        (req as { rawBody?: Buffer }).rawBody = buf;
      },
    }),
  );
  const handlers = {
    ...operationsHandlers({
      checks: deps.checks,
      registry: deps.metrics.registry,
      openApiDocument: deps.contract.document,
    }),
    ...smokeHandlers({ temporal: deps.temporal, db: deps.db, taskQueue: deps.taskQueue }),
    ...apiKeyHandlers({ keys: deps.keys }),
    ...connectorHandlers({ connectors: deps.connectors, logger: deps.logger, metrics: deps.metrics }),
    ...deadLetterHandlers({
      deadLetters: deps.deadLetters,
      temporal: deps.temporal,
      producer: deps.webhooks.producer,
      validator: deps.webhooks.validator,
    }),
    ...masterDataHandlers({
      ownership: deps.ownership,
      quarantine: deps.quarantine,
      connectors: deps.connectors,
      masterData: deps.masterData,
      metrics: deps.metrics,
      validator: deps.webhooks.validator,
    }),
    ...webhookHandlers(deps.webhooks),
    ...tradingPartnerHandlers({ partners: deps.edi.partners, connectors: deps.connectors }),
    ...ediHandlers(deps.edi, deps.ediMaxBytes === undefined ? {} : { maxBytes: deps.ediMaxBytes }),
    ...orderHandlers({
      orders: deps.orders,
      orderStore: deps.orderStore,
      orderPolicies: deps.orderPolicies,
      returnStore,
    }),
    ...returnHandlers({
      orderStore: deps.orderStore,
      orderPolicies: deps.orderPolicies,
      returnStore,
      returnWorkflows: deps.returnWorkflows ?? createTemporalReturnWorkflows(deps.temporal, deps.taskQueue),
    }),
    ...orderActionHandlers({ orders: deps.orders, orderStore: deps.orderStore }),
    ...orderPolicyHandlers({
      orderPolicies: deps.orderPolicies,
      connectors: deps.connectors,
      partners: deps.edi.partners,
    }),
    ...stockHandlers({ stockLedger: deps.stockLedger, orderPolicies: deps.orderPolicies }),
    ...transferOrderHandlers({
      transfers: createTransferStore(deps.db),
      transferWorkflows: createTemporalTransferWorkflows(deps.temporal, deps.taskQueue),
      locations: createTransferLocations({
        wmsConnectors: async () =>
          (await deps.connectors.list({ kind: 'wms', limit: 200 })).items.map((c) => ({
            id: c.id,
            config: c.config,
          })),
      }),
    }),
    ...inventoryCountHandlers({
      countReviews: createCountReviewStore(deps.db),
      countWorkflows: createTemporalCountWorkflows(deps.temporal, deps.taskQueue),
      countPolicies: createCountPolicyStore(deps.db),
    }),
    ...purchasingPolicyHandlers({
      purchasingPolicies: purchasing.purchasingPolicies,
      connectors: deps.connectors,
      partners: deps.edi.partners,
    }),
    ...replenishmentHandlers(purchasing),
    ...purchaseOrderHandlers(purchasing),
    ...purchaseOrderActionHandlers(purchasing),
    ...transactionHandlers({ transactions: createTransactionIndex(deps.db) }),
    ...bulkReplayHandlers({
      deadLetters: deps.deadLetters,
      bulkReplays: createBulkReplayStore(deps.db, deps.deadLetters),
      temporal: deps.temporal,
      taskQueue: deps.taskQueue,
    }),
  };
  app.use(contractRouter(deps.contract, handlers, deps));
  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
