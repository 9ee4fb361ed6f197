import { compareDecimal } from '../../canonical-model/decimal';
import type { FieldError } from '../../platform/errors';
import { sourcingFor } from '../../platform/purchasing/policy';
import type { PurchaseWorkflows } from '../../platform/purchasing/purchase-workflows';
import type { PurchasingPolicyStore } from '../../platform/purchasing/store-types';
import type { ReplenishmentReason, ReplenishmentSignal } from '../../workflows/procure-to-receive/types';
import { principalOf } from '../middleware/auth';
import { HttpProblem, problem } from '../problem';
import type { Handlers } from '../router';

/** What the replenishment request route needs. */
export interface ReplenishmentRouteDeps {
  purchasingPolicies: PurchasingPolicyStore;
  purchaseWorkflows: PurchaseWorkflows;
  /** The clock (tests fix it). */
  now?: () => Date;
}

/** The body of a replenishment request, as the contract has validated its shape. */
interface ReplenishmentRequestBody {
  legalEntityId: string;
  sku: string;
  locationId?: string;
  quantity: string;
  needBy?: string;
  reason?: ReplenishmentReason;
}

const POSITIVE_DECIMAL = /^(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,6})?$/;

/** The Idempotency-Key of a request that must carry one; 400 naming the header when it is missing. */
function requiredIdempotencyKey(header: string | undefined): string {
  if (header !== undefined) return header;
  throw new HttpProblem(
    problem(400, 'validation', 'The request is invalid', {
      detail:
        'Replenishment requests are taken only with an Idempotency-Key, so a retried POST is one signal',
      errors: [{ path: '/header/Idempotency-Key', message: 'is required for this route' }],
    }),
  );
}

const refused = (errors: FieldError[]) =>
  new HttpProblem(
    problem(422, 'replenishment-refused', 'The purchasing policy cannot serve this request', { errors }),
  );

/** Manual replenishment requests: a demand signal to the item's replenishment workflow. */
export function replenishmentHandlers(deps: ReplenishmentRouteDeps): Handlers {
  const now = deps.now ?? (() => new Date());
  return {
    createReplenishmentRequest: async (req, res) => {
      const key = requiredIdempotencyKey(req.get('idempotency-key'));
      const body = req.body as ReplenishmentRequestBody;
      const errors: FieldError[] = [];
      if (!POSITIVE_DECIMAL.test(body.quantity) || compareDecimal(body.quantity, '0') <= 0) {
        errors.push({
          path: '/quantity',
          message: 'must be a decimal string greater than 0, like "12" or "2.5"',
        });
      }
      const policy = await deps.purchasingPolicies.get(body.legalEntityId);
      const locationId = body.locationId ?? policy?.defaultLocationId;
      if (!policy) {
        errors.push({ path: '/legalEntityId', message: `${body.legalEntityId} has no purchasing policy` });
      } else if (locationId === undefined) {
        errors.push({
          path: '/locationId',
          message: 'is required: the purchasing policy has no defaultLocationId',
        });
      } else if (!sourcingFor(policy, body.sku, locationId)) {
        const message = `the purchasing policy has no sourcing rule for ${body.sku} at ${locationId}`;
        errors.push({ path: '/sku', message });
      }
      if (errors.length || !policy || locationId === undefined) throw refused(errors);
      const signal: ReplenishmentSignal = {
        signalId: `request:${key}`,
        legalEntityId: body.legalEntityId,
        sku: body.sku,
        locationId,
        quantity: body.quantity,
        ...(body.needBy === undefined ? {} : { needBy: body.needBy }),
        reason: body.reason ?? 'manual',
        requestedBy: principalOf(res).name,
        receivedAt: now().toISOString(),
      };
      const correlationId = res.locals.correlationId as string;
      const workflowId = await deps.purchaseWorkflows.signalReplenishment(signal, policy, correlationId);
      res.status(202).json({ workflowId, signalId: signal.signalId });
    },
  };
}
