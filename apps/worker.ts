/** Entry point of the worker process: runs workflows and activities on Temporal and the hub's Kafka consumers. */
import { WORKER_THREADPOOL_SIZE, threadPoolSizedByLauncher } from './threadpool';
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import { createBulkReplayActivities } from '../activities/bulk-replay';
import { createBulkReplayStore } from '../platform/replays/bulk-replays';
import { withFailureTranslation } from '../activities/failure';
import { handleSmokeEvent } from '../consumers/smoke-events';
import { loadConfig } from '../platform/config';
import { connectDatabase } from '../platform/mongo';
import { createDeadLetterStore } from '../platform/dead-letters';
import { createInboundDedup } from '../platform/inbound-dedup';
import { connectProducer, ensureTopics, runConsumer } from '../platform/kafka';
import { TOPICS } from '../platform/kafka-topics';
import { createLogger } from '../monitoring/logger';
import { createMetrics, registerDeadLetterGauge } from '../monitoring/metrics';
import { createStageMetrics } from '../monitoring/slo/stage-metrics';
import { startMetricsServer } from '../monitoring/metrics-server';
import { withActivityLogContext } from './activity-context';
import { installTemporalRuntime } from './temporal-runtime';
import { exitOnStartupError, onShutdown } from './shutdown';
import { createConnectorStore, isNotFound } from '../platform/connector-store';
import { createSecretBox } from '../platform/secrets';
import { createCanonicalValidator } from '../canonical-model/validate';
import { getConnectorType, listConnectorTypes } from '../connectors/registry';
import { createEdiStores, ensureEdiIndexes } from '../platform/edi/deps';
import { startSftpPoller } from '../platform/edi/sftp-poller';
import { createCrossReferenceStore } from '../canonical-model/cross-reference';
import { createConnectorRuntime } from '../platform/connector-runtime';
import { createOrderActivities } from '../activities/order-to-cash';
import { createOrderStore } from '../platform/orders/order-store';
import { createOrderPolicyStore, policyOf } from '../platform/orders/policy-store';
import { createStockLedger } from '../platform/orders/stock-ledger';
import { createPurchasingPolicyStore } from '../platform/purchasing/policy-store';
import { createReorderWatch, watchReorderPoints } from '../platform/purchasing/reorder-watch';
import { createTemporalOrderWorkflows } from '../platform/orders/temporal-order-workflows';
import { handleOrderEvents } from '../consumers/order-intake';
import { sentShippingOrders } from '../consumers/third-party-shipments';
import { receiveReturnReceipts } from '../consumers/return-intake';
import { createReturnActivities } from '../activities/order-return';
import { createReturnStore } from '../platform/orders/return-store';
import { createTemporalReturnWorkflows } from '../platform/orders/temporal-return-workflows';
import { Client, Connection } from '@temporalio/client';
import { createPurchasing } from './worker-purchasing';
import { createInventory } from './worker-inventory';
import { createTransferActivities } from '../activities/transfer-order';
import { handleTransferDocuments } from '../consumers/transfer-intake';
import { createTransferStore } from '../platform/transfers/transfer-store';
import { createTemporalTransferWorkflows } from '../platform/transfers/transfer-workflows';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('worker', config.logLevel);
  if (!threadPoolSizedByLauncher)
    logger.warn(
      { recommended: WORKER_THREADPOOL_SIZE },
      'UV_THREADPOOL_SIZE is not set: the Kafka consumers can hold every libuv thread and starve file-system work (set it in the environment that starts the worker)',
    );
  installTemporalRuntime(logger);
  const metrics = createMetrics('worker');
  const metricsServer = await startMetricsServer(
    metrics.registry,
    config.workerMetrics.host,
    config.workerMetrics.port,
  );

  const database = await connectDatabase(config.mongo);
  const deadLetters = createDeadLetterStore(database.db);
  const dedup = createInboundDedup(database.db);
  await Promise.all([deadLetters.ensureIndexes(), dedup.ensureIndexes()]);
  registerDeadLetterGauge(metrics.registry, deadLetters, (err) =>
    logger.warn({ err }, 'hub_dead_letters not collected: the dead-letter store did not answer'),
  );
  await ensureTopics(config.kafka, Object.values(TOPICS));
  const producer = await connectProducer(config.kafka, 'worker');
  const smokeConsumer = await runConsumer({
    kafka: config.kafka,
    groupId: 'hub-smoke',
    topics: [TOPICS.smoke.name],
    handle: handleSmokeEvent({ db: database.db, dedup, logger, metrics }),
    logger,
  });

  const edi = createEdiStores(database.db);
  await ensureEdiIndexes(edi);
  const connectors = createConnectorStore(database.db, createSecretBox(config.secrets.key));
  const registry = { getConnectorType, listConnectorTypes };
  const ediDeps = {
    ...edi,
    connectors,
    registry,
    producer,
    validator: createCanonicalValidator(),
    logger,
    metrics,
  };
  const poller = config.edi.pollSftp ? startSftpPoller(ediDeps) : undefined;

  const crossReferences = createCrossReferenceStore(database.db);
  // Hubs sharing a broker read each other's events: every consumer group asks this for each message, so answers
  // are remembered (a known connector for good — deleting one is rare and its events then fail on their own; an
  // unknown one for 30 s, so a connector registered now is seen within that).
  const connectorAnswers = new Map<string, { known: boolean; at: number }>();
  const knowsConnector = async (id: string) => {
    const seen = connectorAnswers.get(id);
    if (seen && (seen.known || Date.now() - seen.at < 30_000)) return seen.known;
    const known = await connectors.get(id).then(
      () => true,
      (err: unknown) => {
        if (isNotFound(err)) return false;
        throw err;
      },
    );
    connectorAnswers.set(id, { known, at: Date.now() });
    return known;
  };
  const orderStore = createOrderStore(database.db);
  const orderPolicies = createOrderPolicyStore(database.db);
  const rawLedger = createStockLedger(database.db);
  const clientConnection = await Connection.connect({ address: config.temporal.address });
  const temporalClient = new Client({ connection: clientConnection, namespace: config.temporal.namespace });
  const runtime = createConnectorRuntime({ connectors, registry, crossReferences, logger });
  const inventory = await createInventory({
    db: database.db,
    config,
    temporalClient,
    runtime,
    connectors,
    knowsConnector,
    crossReferences,
    dedup,
    deadLetters,
    producer,
    validator: ediDeps.validator,
    metrics,
    logger,
  });
  // Reservations and stock counts that take an item below its reorder point signal replenishment.
  const ledger = watchReorderPoints(
    inventory.ledgerOf(rawLedger),
    createReorderWatch({
      policies: createPurchasingPolicyStore(database.db),
      ledger: rawLedger,
      producer,
      logger,
    }),
  );
  const returnStore = createReturnStore(database.db);
  const transferStore = createTransferStore(database.db);
  await transferStore.ensureIndexes();
  const transferWorkflows = createTemporalTransferWorkflows(temporalClient, config.temporal.taskQueue);
  await Promise.all([
    returnStore.ensureIndexes(),
    crossReferences.ensureIndexes(),
    orderStore.ensureIndexes(),
    orderPolicies.ensureIndexes(),
    ledger.ensureIndexes(),
  ]);
  const returnActivities = createReturnActivities({ runtime, ledger, returns: returnStore });
  // Business-stage SLOs (order received → released, shipped → invoiced, PO sent → acknowledged), counted from
  // each saved view against the default objectives (monitoring/slo/objectives.ts).
  const stages = createStageMetrics(metrics.registry);
  const orderActivities = createOrderActivities({
    stages,
    runtime,
    ledger,
    orders: orderStore,
    edi: ediDeps,
    producer,
    lifecycle: inventory.lifecycle,
    logger,
    escalations: metrics.orderEscalations,
  });
  const orderWorkflows = createTemporalOrderWorkflows(temporalClient, config.temporal.taskQueue);
  const purchasing = await createPurchasing({
    db: database.db,
    temporalClient,
    taskQueue: config.temporal.taskQueue,
    kafka: config.kafka,
    database: config.mongo.database,
    deadLetters,
    runtime,
    ledger,
    edi: ediDeps,
    orders: orderStore,
    orderWorkflows,
    lifecycle: inventory.lifecycle,
    logger,
    escalations: metrics.purchaseEscalations,
    stages,
  });
  const orderConsumer = await runConsumer({
    kafka: config.kafka,
    // One group per hub database: hubs sharing a broker (tests, staging beside production) never take each
    // other's order events, while the workers of one hub share the partitions.
    groupId: `hub-order-intake.${config.mongo.database}`,
    lag: metrics.consumerLag,
    topics: [TOPICS.inboundEvents.name],
    handle: handleOrderEvents({
      orders: orderWorkflows,
      policies: { get: async (legalEntityId) => policyOf(await orderPolicies.get(legalEntityId)) },
      orderStore,
      shippingOrders: sentShippingOrders(edi.sets),
      purchaseDocuments: purchasing.purchaseDocuments,
      transferDocuments: handleTransferDocuments({ transfers: transferStore, transferWorkflows, logger }),
      goodsReceipts: receiveReturnReceipts({
        returns: createTemporalReturnWorkflows(temporalClient, config.temporal.taskQueue),
        returnStore,
        logger,
      }),
      knowsConnector,
      logger,
    }),
    logger,
  });

  const stopReplenishmentIntake = await purchasing.start();
  const inventoryStops = await inventory.start(ledger);

  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    workflowsPath: fileURLToPath(new URL('../workflows/index.ts', import.meta.url)),
    // Log context outermost, so the lines written while translating a failure carry the correlation id too.
    activities: withActivityLogContext(
      withFailureTranslation(
        {
          ...createActivities({ db: database.db, producer, deadLetters, logger }),
          ...createBulkReplayActivities({
            bulkReplays: createBulkReplayStore(database.db, deadLetters),
            replay: { deadLetters, temporal: temporalClient, producer },
          }),
          ...orderActivities,
          ...returnActivities,
          ...purchasing.activities,
          ...inventory.activitiesOf(rawLedger),
          ...createTransferActivities({ runtime, ledger, transfers: transferStore, producer, logger }),
        },
        metrics,
      ),
    ),
  });
  logger.info(
    { taskQueue: config.temporal.taskQueue, metrics: `${metricsServer.url}/metrics` },
    'worker ready',
  );

  onShutdown(logger, [
    ['temporal worker', () => Promise.resolve(worker.shutdown())],
    ['kafka consumer', () => smokeConsumer.stop()],
    ['order intake consumer', () => orderConsumer.stop()],
    ['replenishment intake consumer', stopReplenishmentIntake],
    ...inventoryStops,
    ['temporal client', () => clientConnection.close()],
    ['edi sftp poller', () => poller?.stop() ?? Promise.resolve()],
    ['kafka producer', () => producer.close()],
    ['database', () => database.close()],
    ['metrics', () => metricsServer.close()],
  ]);
  await worker.run();
  await connection.close();
}

main().catch(exitOnStartupError);
