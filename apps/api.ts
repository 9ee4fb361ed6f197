/** Entry point of the API process: reads the configuration, connects its clients and serves HTTP. */
import type { AddressInfo } from 'node:net';
import { createApp } from '../api/app';
import { loadContract } from '../api/contract';
import { loadConfig } from '../platform/config';
import { createDatabase, pingDatabase } from '../platform/mongo';
import { startProducer } from '../platform/kafka';
import { createTemporalClient, pingTemporal } from '../platform/temporal';
import { createApiKeyStore } from '../platform/api-keys';
import { createRateLimiter } from '../platform/rate-limit';
import { createIdempotencyStore } from '../platform/idempotency';
import { createSecretBox } from '../platform/secrets';
import { createConnectorStore } from '../platform/connector-store';
import { createDeadLetterStore } from '../platform/dead-letters';
import { createOwnership } from '../platform/ownership';
import { createQuarantine } from '../platform/quarantine';
import { createMasterData } from '../platform/master-data';
import { createInboundDedup } from '../platform/inbound-dedup';
import { createCrossReferenceStore } from '../canonical-model/cross-reference';
import { createCanonicalValidator } from '../canonical-model/validate';
import { createInboundEvents } from '../platform/inbound-events';
import { getConnectorType, listConnectorTypes } from '../connectors/registry';
import { ensureIndexesInBackground } from './ensure-indexes';
import { createEdiStores } from '../platform/edi/deps';
import { createOrderStore } from '../platform/orders/order-store';
import { createOrderPolicyStore } from '../platform/orders/policy-store';
import { createStockLedger } from '../platform/orders/stock-ledger';
import { createConnectorRuntime } from '../platform/connector-runtime';
import { createChannelPropagation } from '../inventory/channel-push';
import { watchAvailability } from '../inventory/availability-watch';
import { createReturnStore } from '../platform/orders/return-store';
import { createTemporalReturnWorkflows } from '../platform/orders/temporal-return-workflows';
import { createTemporalOrderWorkflows } from '../platform/orders/temporal-order-workflows';
import { createPurchasingPolicyStore } from '../platform/purchasing/policy-store';
import { createReorderWatch, watchReorderPoints } from '../platform/purchasing/reorder-watch';
import { createPurchaseOrderStore } from '../platform/purchasing/purchase-order-store';
import { createTemporalPurchaseWorkflows } from '../platform/purchasing/temporal-purchase-workflows';
import { registerOverdueAckGauge } from '../monitoring/edi-acknowledgements';
import { createLogger } from '../monitoring/logger';
import { createMetrics } from '../monitoring/metrics';
import { exitOnStartupError, onShutdown } from './shutdown';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('api', config.logLevel);
  const metrics = createMetrics('api');
  const temporal = createTemporalClient(config.temporal);
  // Nothing here waits for a dependency: the API serves /healthz and an honest /readyz while one is down.
  // Compiled before any client starts connecting: compiling blocks the event loop for a while.
  const contract = loadContract();
  const validator = createCanonicalValidator();
  const database = createDatabase(config.mongo);
  const producer = startProducer(config.kafka, 'api');
  const { db } = database;
  const box = createSecretBox(config.secrets.key);
  const connectors = createConnectorStore(db, box);
  const deadLetters = createDeadLetterStore(db);
  const quarantine = createQuarantine(db);
  const ownership = createOwnership(db, quarantine);
  const dedup = createInboundDedup(db);
  const crossReferences = createCrossReferenceStore(db);
  const masterData = createMasterData(db, { dedup, ownership, crossReferences });
  const inboundEvents = createInboundEvents(db);
  const edi = createEdiStores(db);
  const orderStore = createOrderStore(db);
  const orderPolicies = createOrderPolicyStore(db);
  const returnStore = createReturnStore(db);
  const purchasingPolicies = createPurchasingPolicyStore(db);
  const ledger = createStockLedger(db);
  const reorderWatch = createReorderWatch({ policies: purchasingPolicies, ledger, producer, logger });
  // A stock count through the API that takes an item below its reorder point signals replenishment.
  // …and every count is noted for the commerce channels (their pushers run in the worker).
  const propagation = createChannelPropagation({
    db,
    runtime: createConnectorRuntime({
      connectors,
      registry: { getConnectorType, listConnectorTypes },
      crossReferences,
      logger,
    }),
    connectors,
    deadLetters,
    logger,
    registry: metrics.registry,
  });
  const stockLedger = watchReorderPoints(
    watchAvailability(ledger, (change) => propagation.noteChange(change)),
    reorderWatch,
  );
  const purchaseOrders = createPurchaseOrderStore(db);
  registerOverdueAckGauge(metrics.registry, edi.acks, (err) =>
    logger.warn({ err }, 'overdue acknowledgements not counted in this scrape'),
  );
  ensureIndexesInBackground(logger, [
    connectors,
    deadLetters,
    quarantine,
    ownership,
    dedup,
    crossReferences,
    masterData,
    inboundEvents,
    edi.partners,
    edi.interchanges,
    edi.sets,
    edi.controlNumbers,
    edi.acks,
    orderStore,
    orderPolicies,
    stockLedger,
    propagation,
    returnStore,
    purchasingPolicies,
    purchaseOrders,
  ]);

  const app = createApp({
    contract,
    logger,
    metrics,
    temporal: temporal.client,
    db,
    taskQueue: config.temporal.taskQueue,
    keys: createApiKeyStore(db, config.secrets.bootstrapAdminKey),
    limiter: createRateLimiter(db, { limit: config.api.rateLimitPerMinute }),
    idempotencyStore: createIdempotencyStore(db),
    sealer: box,
    connectors,
    deadLetters,
    ownership,
    quarantine,
    masterData,
    webhooks: {
      connectors,
      registry: { getConnectorType, listConnectorTypes },
      dedup,
      events: inboundEvents,
      producer,
      validator,
      logger,
      metrics,
    },
    edi: {
      ...edi,
      connectors,
      registry: { getConnectorType, listConnectorTypes },
      producer,
      validator,
      logger,
      metrics,
    },
    ediMaxBytes: config.edi.maxBytes,
    orders: createTemporalOrderWorkflows(temporal.client, config.temporal.taskQueue),
    orderStore,
    orderPolicies,
    stockLedger,
    returnStore,
    returnWorkflows: createTemporalReturnWorkflows(temporal.client, config.temporal.taskQueue),
    purchasingPolicies,
    purchaseOrders,
    purchaseWorkflows: createTemporalPurchaseWorkflows(temporal.client, config.temporal.taskQueue),
    checks: [
      { name: 'temporal', check: () => pingTemporal(temporal.connection) },
      { name: 'kafka', check: () => producer.ping() },
      { name: 'database', check: () => pingDatabase(db) },
    ],
  });
  const server = app.listen(config.api.port, config.api.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  logger.info({ url: `http://${config.api.host}:${port}` }, 'api listening');

  onShutdown(logger, [
    ['http', () => new Promise((resolve) => server.close(resolve))],
    ['kafka', () => producer.close()],
    ['temporal', () => temporal.connection.close()],
    ['database', () => database.close()],
  ]);
}

main().catch(exitOnStartupError);
