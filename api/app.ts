import express from 'express';
import type { Express } from 'express';
import type { Client } from '@temporalio/client';
import type { Db } from 'mongodb';
import type { HubLogger } from '../monitoring/logger';
import type { HubMetrics } from '../monitoring/metrics';
import type { DependencyCheck } from '../platform/readiness';
import { requestContext } from './middleware/request-context';
import { errorHandler, notFound } from './middleware/errors';
import { healthRoutes } from './routes/health';
import { smokeRoutes } from './routes/smoke';

/** Largest JSON body the API accepts; larger requests get 413 problem+json. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Everything the HTTP edge needs, passed in by the composition root (apps/api.ts) or a test. */
export interface ApiDeps {
  logger: HubLogger;
  metrics: HubMetrics;
  checks: DependencyCheck[];
  temporal: Client;
  db: Db;
  taskQueue: string;
}

/** Builds the express app; it holds no state between requests, so any number of replicas can serve. */
export function createApp(deps: ApiDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(requestContext(deps.logger, deps.metrics));
  app.use(express.json({ limit: BODY_LIMIT_BYTES, type: ['application/json', 'application/*+json'] }));
  app.use(healthRoutes({ checks: deps.checks, registry: deps.metrics.registry }));
  app.use(smokeRoutes({ temporal: deps.temporal, db: deps.db, taskQueue: deps.taskQueue }));
  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
