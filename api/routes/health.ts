import { Router } from 'express';
import type { Registry } from 'prom-client';
import { checkReadiness } from '../../platform/readiness';
import type { DependencyCheck } from '../../platform/readiness';
import { problem, sendProblem } from '../problem';

/** `/healthz` (the process is alive), `/readyz` (its dependencies answer) and `/metrics` (Prometheus text). */
export function healthRoutes(deps: { checks: DependencyCheck[]; registry: Registry }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'alive' });
  });
  router.get('/readyz', async (_req, res) => {
    const report = await checkReadiness(deps.checks);
    if (report.ready) {
      res.json({ status: 'ready', dependencies: report.dependencies });
      return;
    }
    sendProblem(
      res,
      problem(503, 'not-ready', 'Not ready', {
        detail: `Not reachable: ${report.down.map((n) => `${n} (${report.dependencies[n]?.error ?? 'down'})`).join('; ')}`,
        down: report.down,
        dependencies: report.dependencies,
      }),
    );
  });
  router.get('/metrics', async (_req, res) => {
    res.type(deps.registry.contentType).send(await deps.registry.metrics());
  });
  return router;
}
