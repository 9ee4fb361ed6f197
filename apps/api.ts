/** Entry point of the API process: reads the configuration, connects its clients and serves HTTP. */
import type { AddressInfo } from 'node:net';
import { createApp } from '../api/app';
import { loadConfig } from '../platform/config';
import { createDatabase, pingDatabase } from '../platform/mongo';
import { startProducer } from '../platform/kafka';
import { createTemporalClient, pingTemporal } from '../platform/temporal';
import { createLogger } from '../monitoring/logger';
import { createMetrics } from '../monitoring/metrics';
import { exitOnStartupError, onShutdown } from './shutdown';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('api', config.logLevel);
  const metrics = createMetrics('api');
  const temporal = createTemporalClient(config.temporal);
  // Nothing here waits for a dependency: the API serves /healthz and an honest /readyz while one is down.
  const database = createDatabase(config.mongo);
  const producer = startProducer(config.kafka, 'api');

  const app = createApp({
    logger,
    metrics,
    temporal: temporal.client,
    db: database.db,
    taskQueue: config.temporal.taskQueue,
    checks: [
      { name: 'temporal', check: () => pingTemporal(temporal.connection) },
      { name: 'kafka', check: () => producer.ping() },
      { name: 'database', check: () => pingDatabase(database.db) },
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
    ['database', () => database.client.close()],
  ]);
}

main().catch(exitOnStartupError);
