import { compareDecimal } from '../../canonical-model/decimal';
import type { ConnectorStore } from '../../platform/connector-store-types';
import type { PartnerStore } from '../../platform/edi/partner-store';
import type { FieldError } from '../../platform/errors';
import type { OrderPolicy } from '../../platform/orders/policy';
import type { OrderPolicyStore } from '../../platform/orders/policy-store';
import { principalOf } from '../middleware/auth';
import { HttpProblem, problem } from '../problem';
import { pathParam } from '../params';
import type { Handlers } from '../router';

/** The kind of connector `id` is; undefined when there is no such connector. */
async function kindOf(connectors: ConnectorStore, id: string): Promise<string | undefined> {
  try {
    return (await connectors.get(id)).kind;
  } catch {
    return undefined;
  }
}

/** Checks a 3PL warehouse: an EDI connector, and (when partners can be read) a 3PL partner on it taking 940/945. */
async function checkThirdParty(
  deps: { connectors: ConnectorStore; partners?: Pick<PartnerStore, 'get'> },
  policy: OrderPolicy,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  for (const [i, warehouse] of policy.warehouses.entries()) {
    const third = warehouse.thirdParty;
    if (!third) continue;
    const path = `/warehouses/${i}/thirdParty`;
    const kind = await kindOf(deps.connectors, third.ediConnectorId);
    if (kind !== 'edi') {
      errors.push({
        path: `${path}/ediConnectorId`,
        message: kind
          ? `is a ${kind} connector, not an edi connector`
          : `no connector ${third.ediConnectorId}`,
      });
      continue;
    }
    if (!deps.partners) continue;
    const partner = await deps.partners.get(third.partnerId).catch(() => undefined);
    const takes = (set: string, direction: 'inbound' | 'outbound') =>
      partner?.sets.some((s) => s.set === set && s.direction === direction) ?? false;
    const problem = !partner
      ? `no trading partner ${third.partnerId}`
      : partner.connectorId !== third.ediConnectorId
        ? `belongs to connector ${partner.connectorId}, not ${third.ediConnectorId}`
        : partner.role !== '3pl'
          ? `is a ${partner.role} partner, not a 3pl`
          : !takes('940', 'outbound') || !takes('945', 'inbound')
            ? "must exchange 940 outbound and 945 inbound (see its profile's sets)"
            : undefined;
    if (problem) errors.push({ path: `${path}/partnerId`, message: problem });
  }
  return errors;
}

/** The restocking fee is a percent: at most 100 (the schema checks its form and the expiry's range). */
function checkReturnFields(policy: OrderPolicy): FieldError[] {
  const fee = policy.restockingFeePercent;
  if (fee === undefined || compareDecimal(fee, '100') <= 0) return [];
  return [{ path: '/restockingFeePercent', message: 'must be a percent from 0 to 100' }];
}

/** Checks what the schema cannot: the ERP, WMS and 3PL EDI connectors exist and are of those kinds. */
async function checkConnectors(
  deps: { connectors: ConnectorStore; partners?: Pick<PartnerStore, 'get'> },
  policy: OrderPolicy,
): Promise<void> {
  const errors: FieldError[] = [];
  for (const [field, kind] of [
    ['erpConnectorId', 'erp'],
    ['wmsConnectorId', 'wms'],
  ] as const) {
    const id = policy[field];
    if (id === undefined) continue;
    const found = await kindOf(deps.connectors, id);
    if (!found) errors.push({ path: `/${field}`, message: `no connector ${id}` });
    else if (found !== kind)
      errors.push({ path: `/${field}`, message: `is a ${found} connector, not a ${kind} connector` });
  }
  errors.push(...(await checkThirdParty(deps, policy)));
  errors.push(...checkReturnFields(policy));
  if (errors.length) throw new HttpProblem(problem(400, 'validation', 'The request is invalid', { errors }));
}

/** The order policy of each legal entity: read it, replace it (new orders take the new one). */
export function orderPolicyHandlers(deps: {
  orderPolicies: OrderPolicyStore;
  connectors: ConnectorStore;
  /** Trading partners, to check a 3PL warehouse's partner (its connector, role and sets); skipped when absent. */
  partners?: Pick<PartnerStore, 'get'>;
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
      await checkConnectors(deps, policy);
      const stored = await deps.orderPolicies.put(policy, {
        by: principalOf(res).name,
        ...(expectedRevision === undefined ? {} : { expectedRevision }),
      });
      res.json(stored);
    },
  };
}
