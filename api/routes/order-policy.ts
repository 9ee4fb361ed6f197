import type { ConnectorStore } from '../../platform/connector-store-types';
import type { FieldError } from '../../platform/errors';
import type { OrderPolicy } from '../../platform/orders/policy';
import type { OrderPolicyStore } from '../../platform/orders/policy-store';
import { principalOf } from '../middleware/auth';
import { HttpProblem, problem } from '../problem';
import { pathParam } from '../params';
import type { Handlers } from '../router';

/** Checks what the schema cannot: the ERP and WMS connectors exist and are of those kinds. */
async function checkConnectors(connectors: ConnectorStore, policy: OrderPolicy): Promise<void> {
  const errors: FieldError[] = [];
  for (const [field, kind] of [
    ['erpConnectorId', 'erp'],
    ['wmsConnectorId', 'wms'],
  ] as const) {
    const id = policy[field];
    if (id === undefined) continue;
    try {
      const connector = await connectors.get(id);
      if (connector.kind !== kind) {
        errors.push({
          path: `/${field}`,
          message: `is a ${connector.kind} connector, not a ${kind} connector`,
        });
      }
    } catch {
      errors.push({ path: `/${field}`, message: `no connector ${id}` });
    }
  }
  if (errors.length) throw new HttpProblem(problem(400, 'validation', 'The request is invalid', { errors }));
}

/** The order policy of each legal entity: read it, replace it (new orders take the new one). */
export function orderPolicyHandlers(deps: {
  orderPolicies: OrderPolicyStore;
  connectors: ConnectorStore;
}): Handlers {
  return {
    getOrderPolicy: async (req, res) => {
      res.json(await deps.orderPolicies.get(pathParam(req, 'legalEntityId')));
    },
    putOrderPolicy: async (req, res) => {
      const { expectedRevision, ...fields } = req.body as Omit<OrderPolicy, 'legalEntityId'> & {
        expectedRevision?: number;
      };
      const policy: OrderPolicy = { ...fields, legalEntityId: pathParam(req, 'legalEntityId') };
      await checkConnectors(deps.connectors, policy);
      const stored = await deps.orderPolicies.put(policy, {
        by: principalOf(res).name,
        ...(expectedRevision === undefined ? {} : { expectedRevision }),
      });
      res.json(stored);
    },
  };
}
