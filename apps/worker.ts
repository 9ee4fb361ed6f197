/** Entry point of the worker process: runs workflows and activities on Temporal and the hub's Kafka consumers. */
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import { handleSmokeEvent } from '../consumers/smoke-events';
import { loadConfig } from '../platform/config';
import { connectDatabase } from '../platform/mongo';
import { connectProducer, ensureTopics, runConsumer } from '../platform/kafka';
import { TOPICS } from '../platform/kafka-topics';
import { createLogger } from '../monitoring/logger';
import { createMetrics } from '../monitoring/metrics';
import { startMetricsServer } from '../monitoring/metrics-server';
import { withActivityLogContext } from './activity-context';
import { installTemporalRuntime } from './temporal-runtime';
import { exitOnStartupError, onShutdown } from './shutdown';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('worker', config.logLevel);
  installTemporalRuntime(logger);
  const metrics = createMetrics('worker');
  const metricsServer = await startMetricsServer(
    metrics.registry,
    config.workerMetrics.host,
    config.workerMetrics.port,
  );

  const database = await connectDatabase(config.mongo);
  await ensureTopics(config.kafka, Object.values(TOPICS));
  const producer = await connectProducer(config.kafka, 'worker');
  const smokeConsumer = await runConsumer({
    kafka: config.kafka,
    groupId: 'hub-smoke',
    topics: [TOPICS.smoke.name],
    handle: handleSmokeEvent({ db: database.db, logger, metrics }),
    logger,
  });

  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    workflowsPath: fileURLToPath(new URL('../workflows/index.ts', import.meta.url)),
    activities: withActivityLogContext(createActivities({ db: database.db, producer, logger })),
  });
  logger.info(
    { taskQueue: config.temporal.taskQueue, metrics: `${metricsServer.url}/metrics` },
    'worker ready',
  );

  onShutdown(logger, [
    ['temporal worker', () => Promise.resolve(worker.shutdown())],
    ['kafka consumer', () => smokeConsumer.stop()],
    ['kafka producer', () => producer.close()],
    ['database', () => database.client.close()],
    ['metrics', () => metricsServer.close()],
  ]);
  await worker.run();
  await connection.close();
}

main().catch(exitOnStartupError);
