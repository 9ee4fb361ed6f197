import type { ApiKeyStore } from '../../platform/api-keys';
import type { Role } from '../../platform/roles';
import { principalOf } from '../middleware/auth';
import { HttpProblem, problem } from '../problem';
import type { Handlers } from '../router';
import { pathParam } from '../params';

/** Issues, lists and revokes API keys. */
export function apiKeyHandlers(deps: { keys: ApiKeyStore }): Handlers {
  return {
    createApiKey: async (req, res) => {
      const body = req.body as { name: string; role: Role; connectorId?: string };
      if (body.connectorId && body.role !== 'system') {
        throw new HttpProblem(
          problem(400, 'validation', 'The request is invalid', {
            errors: [
              { path: '/connectorId', message: "only a key with role 'system' can be bound to a connector" },
            ],
          }),
        );
      }
      const issued = await deps.keys.issue({ ...body, createdBy: principalOf(res).keyId });
      res.status(201).location(`/v1/api-keys/${issued.id}`).json(issued);
    },
    listApiKeys: async (_req, res) => {
      res.json({ items: await deps.keys.list() });
    },
    revokeApiKey: async (req, res) => {
      if (!(await deps.keys.revoke(pathParam(req, 'id'), principalOf(res).keyId))) {
        throw new HttpProblem(
          problem(404, 'not-found', 'No such API key', {
            detail: `${pathParam(req, 'id')} is unknown or revoked`,
          }),
        );
      }
      res.status(204).end();
    },
  };
}
