import type { ConnectorStore, ConnectorView } from '../../platform/connector-store';
import { getConnectorType, listConnectorTypes } from '../../connectors/registry';
import { validateConnectorConfig } from '../../connectors/config';
import type { ConnectorStatus } from '../../platform/connector-store';
import type { HubLogger } from '../../monitoring/logger';
import type { HubMetrics } from '../../monitoring/metrics';
import { instrumentConnectorCall } from '../../monitoring/connector-calls';
import { HttpProblem, problem } from '../problem';
import { pathParam, queryParam } from '../params';
import type { Handlers } from '../router';

/** How long a live connector probe may take before it is reported as failed. */
const CHECK_TIMEOUT_MS = 30_000;

const unknownType = (type: string) =>
  new HttpProblem(
    problem(404, 'not-found', 'No such connector type', {
      detail: `'${type}' is not a registered connector type; GET /v1/connector-types lists them`,
    }),
  );

/** The API's shape of a connector: the store's masked view under the contract's names. */
function present(view: ConnectorView) {
  const { typeVersion, ...rest } = view;
  return { ...rest, version: typeVersion };
}

/** Connector types, config validation and the lifecycle of connector instances. */
export function connectorHandlers(deps: {
  connectors: ConnectorStore;
  logger: HubLogger;
  metrics: HubMetrics;
}): Handlers {
  const { connectors } = deps;
  return {
    listConnectorTypes: (_req, res) => {
      res.json({
        items: listConnectorTypes().map((m) => ({
          type: m.type,
          version: m.version,
          kind: m.kind,
          displayName: m.displayName,
          description: m.description,
          capabilities: m.capabilities,
          configSchema: m.configSchema,
        })),
      });
    },

    validateConnectorConfig: (req, res) => {
      const type = pathParam(req, 'type');
      const manifest = getConnectorType(type);
      if (!manifest) throw unknownType(type);
      const verdict = validateConnectorConfig(manifest, (req.body as { config: unknown }).config);
      res.json(verdict.valid ? { valid: true, errors: [] } : { valid: false, errors: verdict.errors });
    },

    createConnector: async (req, res) => {
      const body = req.body as { name: string; type: string; config: unknown };
      if (!getConnectorType(body.type)) throw unknownType(body.type);
      const created = await connectors.create(body);
      deps.logger.info({ connectorId: created.id, type: created.type }, 'connector registered');
      res.status(201).location(`/v1/connectors/${created.id}`).json(present(created));
    },

    listConnectors: async (req, res) => {
      const limit = queryParam(req, 'limit');
      const page = await connectors.list({
        ...(queryParam(req, 'type') ? { type: queryParam(req, 'type')! } : {}),
        ...(queryParam(req, 'status') ? { status: queryParam(req, 'status') as ConnectorStatus } : {}),
        ...(limit ? { limit: Number(limit) } : {}),
        ...(queryParam(req, 'cursor') ? { cursor: queryParam(req, 'cursor')! } : {}),
      });
      res.json({ items: page.items.map(present), nextCursor: page.nextCursor });
    },

    getConnector: async (req, res) => {
      res.json(present(await connectors.get(pathParam(req, 'id'))));
    },

    updateConnector: async (req, res) => {
      const updated = await connectors.update(pathParam(req, 'id'), req.body as object);
      deps.logger.info({ connectorId: updated.id, revision: updated.revision }, 'connector updated');
      res.json(present(updated));
    },

    deleteConnector: async (req, res) => {
      await connectors.delete(pathParam(req, 'id'));
      res.status(204).end();
    },

    testConnector: async (req, res) => {
      const stored = await connectors.getDecryptedConfig(pathParam(req, 'id'));
      const manifest = getConnectorType(stored.type);
      if (!manifest) throw unknownType(stored.type);
      const config = validateConnectorConfig(manifest, stored.config);
      if (!config.valid) {
        throw new HttpProblem(
          problem(409, 'connector-config-invalid', 'The stored configuration no longer validates', {
            errors: config.errors,
          }),
        );
      }
      const result = await instrumentConnectorCall(
        deps.metrics,
        { connector: stored.id, operation: 'check' },
        () => manifest.check(config.value, { logger: deps.logger }, AbortSignal.timeout(CHECK_TIMEOUT_MS)),
        (r) => (r.ok ? 'ok' : (r.checks.find((c) => !c.ok)?.errorKind ?? 'failed')),
      );
      deps.logger.info({ connectorId: stored.id, ok: result.ok }, 'connector tested');
      res.json(result);
    },

    pauseConnector: async (req, res) => {
      const reason = (req.body as { reason?: string } | undefined)?.reason ?? 'paused by a person';
      res.json(present(await connectors.pause(pathParam(req, 'id'), reason)));
    },

    resumeConnector: async (req, res) => {
      res.json(present(await connectors.resume(pathParam(req, 'id'))));
    },
  };
}
