import type { Registry } from 'prom-client';
import { checkReadiness } from '../../platform/readiness';
import type { DependencyCheck } from '../../platform/readiness';
import { problem, sendProblem } from '../problem';
import type { Handlers } from '../router';

/** `/healthz` (alive), `/readyz` (dependencies answer), `/metrics` (Prometheus) and the OpenAPI document. */
export function operationsHandlers(deps: {
  checks: DependencyCheck[];
  registry: Registry;
  openApiDocument: object;
}): Handlers {
  return {
    getHealth: (_req, res) => {
      res.json({ status: 'alive' });
    },
    getReadiness: async (_req, res) => {
      const report = await checkReadiness(deps.checks);
      if (report.ready) {
        res.json({ status: 'ready', dependencies: report.dependencies });
        return;
      }
      const reasons = report.down.map((n) => `${n} (${report.dependencies[n]?.error ?? 'down'})`);
      sendProblem(
        res,
        problem(503, 'not-ready', 'Not ready', {
          detail: `Not reachable: ${reasons.join('; ')}`,
          down: report.down,
          dependencies: report.dependencies,
        }),
      );
    },
    getMetrics: async (_req, res) => {
      res.type(deps.registry.contentType).send(await deps.registry.metrics());
    },
    getOpenApi: (_req, res) => {
      res.json(deps.openApiDocument);
    },
  };
}
