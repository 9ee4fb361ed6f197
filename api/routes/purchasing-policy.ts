import type { Request } from 'express';
import type { ConnectorStore } from '../../platform/connector-store-types';
import type { PartnerStore } from '../../platform/edi/partner-store';
import { isHubError } from '../../platform/errors';
import type { FieldError } from '../../platform/errors';
import type { PurchasingPolicy } from '../../platform/purchasing/policy';
import { validatePurchasingPolicy } from '../../platform/purchasing/policy-validate';
import type { PurchasingPolicyStore } from '../../platform/purchasing/store-types';
import { HttpProblem, problem } from '../problem';
import { queryParam } from '../params';
import type { Handlers } from '../router';

/** What the purchasing policy routes need. */
export interface PurchasingPolicyRouteDeps {
  purchasingPolicies: PurchasingPolicyStore;
  connectors: ConnectorStore;
  /** Trading partners, to check an EDI supplier's partner (its connector, role and sets); skipped when absent. */
  partners?: Pick<PartnerStore, 'get'>;
}

const invalid = (errors: FieldError[]) =>
  new HttpProblem(problem(400, 'validation', 'The request is invalid', { errors }));

/** What the schema cannot check: the connectors a policy names exist and are of the right kinds. */
async function connectorErrors(
  deps: PurchasingPolicyRouteDeps,
  policy: PurchasingPolicy,
): Promise<FieldError[]> {
  const kinds = new Map<string, Promise<string | undefined>>();
  const kindOf = (id: string) => {
    if (!kinds.has(id))
      kinds.set(
        id,
        deps.connectors.get(id).then(
          (c) => c.kind,
          () => undefined,
        ),
      );
    return kinds.get(id)!;
  };
  const errors: FieldError[] = [];
  const expect = async (path: string, id: string | undefined, kind: string) => {
    if (id === undefined) return false;
    const found = await kindOf(id);
    if (found === kind) return true;
    errors.push({
      path,
      message: found ? `is a ${found} connector, not a ${kind} connector` : `no connector ${id}`,
    });
    return false;
  };
  await expect('/erpConnectorId', policy.erpConnectorId, 'erp');
  await expect('/wmsConnectorId', policy.wmsConnectorId, 'wms');
  for (const [r, rule] of (policy.sourcing ?? []).entries()) {
    for (const [s, supplier] of (rule.suppliers ?? []).entries()) {
      const base = `/sourcing/${r}/suppliers/${s}/channel`;
      const channel = supplier.channel;
      if (channel?.kind === 'portal')
        await expect(`${base}/connectorId`, channel.connectorId, 'supplier-portal');
      if (channel?.kind !== 'edi') continue;
      if (!(await expect(`${base}/ediConnectorId`, channel.ediConnectorId, 'edi')) || !deps.partners)
        continue;
      const partner = await deps.partners.get(channel.partnerId).catch(() => undefined);
      const problemText = !partner
        ? `no trading partner ${channel.partnerId}`
        : partner.connectorId !== channel.ediConnectorId
          ? `belongs to connector ${partner.connectorId}, not ${channel.ediConnectorId}`
          : partner.role !== 'supplier'
            ? `is a ${partner.role} partner, not a supplier`
            : !partner.sets.some((x) => x.set === '850' && x.direction === 'outbound')
              ? "must receive 850 purchase orders (see its profile's sets)"
              : undefined;
      if (problemText) errors.push({ path: `${base}/partnerId`, message: problemText });
    }
  }
  return errors;
}

/** Every bad field at once: the policy's own (the store's validation) and the connectors it names. */
async function checkPolicy(deps: PurchasingPolicyRouteDeps, policy: PurchasingPolicy): Promise<void> {
  const errors: FieldError[] = [];
  try {
    validatePurchasingPolicy(policy);
  } catch (err) {
    if (!isHubError(err) || err.kind !== 'data') throw err;
    errors.push(...(err.fieldErrors ?? []));
  }
  errors.push(...(await connectorErrors(deps, policy)));
  if (errors.length) throw invalid(errors);
}

/** The legal entity of a PUT: the body's, or the query's when the body names none; both must agree. */
function legalEntityOf(req: Request, body: Partial<PurchasingPolicy>): string | undefined {
  const fromQuery = queryParam(req, 'legalEntityId');
  if (fromQuery !== undefined && body.legalEntityId !== undefined && fromQuery !== body.legalEntityId) {
    throw invalid([
      { path: '/legalEntityId', message: `must be ${fromQuery}, the legal entity in the query` },
    ]);
  }
  return body.legalEntityId ?? fromQuery;
}

/** The purchasing policy of each legal entity: read it, replace it (new proposals take the new one). */
export function purchasingPolicyHandlers(deps: PurchasingPolicyRouteDeps): Handlers {
  return {
    getPurchasingPolicy: async (req, res) => {
      const legalEntityId = queryParam(req, 'legalEntityId')!;
      const policy = await deps.purchasingPolicies.get(legalEntityId);
      if (!policy) {
        throw new HttpProblem(
          problem(404, 'not-found', 'Not found', { detail: `no purchasing policy for ${legalEntityId}` }),
        );
      }
      res.json(policy);
    },
    putPurchasingPolicy: async (req, res) => {
      const body = req.body as Partial<PurchasingPolicy>;
      const legalEntityId = legalEntityOf(req, body);
      const policy = {
        ...body,
        ...(legalEntityId === undefined ? {} : { legalEntityId }),
      } as PurchasingPolicy;
      await checkPolicy(deps, policy);
      res.json(await deps.purchasingPolicies.put(policy));
    },
  };
}
