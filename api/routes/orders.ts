import type { Response } from 'express';
import type { SalesOrder } from '../../canonical-model/generated/index';
import { orderBusinessKey } from '../../platform/orders/business-key';
import type { OrderStore } from '../../platform/orders/order-store';
import type { ReturnStore } from '../../platform/orders/return-store';
import type { OrderWorkflows } from '../../platform/orders/order-workflows';
import type { OrderPolicyStore } from '../../platform/orders/policy-store';
import { policyOf } from '../../platform/orders/policy-store';
import type { OrderStatusCode, OrderToCashInput } from '../../workflows/order-to-cash/types';
import { principalOf } from '../middleware/auth';
import { HttpProblem, problem } from '../problem';
import { pathParam, queryParam } from '../params';
import type { Handlers } from '../router';

/** What the order routes need. */
export interface OrderRouteDeps {
  orders: OrderWorkflows;
  orderStore: OrderStore;
  orderPolicies: OrderPolicyStore;
  /** The orders' customer returns, shown with the order when given. */
  returnStore?: Pick<ReturnStore, 'listByOrder'>;
  /** The clock (tests fix it). */
  now?: () => Date;
}

const notFound = (what: string) =>
  new HttpProblem(problem(404, 'not-found', 'Not found', { detail: `no order ${what}` }));

/** The Idempotency-Key of a request that must carry one; 400 naming the header when it is missing. */
function requiredIdempotencyKey(header: string | undefined): string {
  if (header !== undefined) return header;
  throw new HttpProblem(
    problem(400, 'validation', 'The request is invalid', {
      detail: 'Orders are taken only with an Idempotency-Key, so a retried POST can never order twice',
      errors: [{ path: '/header/Idempotency-Key', message: 'is required for this route' }],
    }),
  );
}

/** Refuses a `system` key bound to a connector sending an order of another connector (as master data does). */
function checkSender(res: Response, order: SalesOrder): void {
  const bound = principalOf(res).connectorId;
  if (bound === undefined || bound === order.source.connectorId) return;
  throw new HttpProblem(
    problem(403, 'forbidden', 'Not allowed for this key', {
      detail: `This key may only send documents of connector ${bound}`,
      errors: [{ path: '/source/connectorId', message: `must be ${bound} for this key` }],
    }),
  );
}

/** Taking orders over the API, and reading the stored order projection. */
export function orderHandlers(deps: OrderRouteDeps): Handlers {
  const now = deps.now ?? (() => new Date());

  /** The order an arrival joined: the stored one of its workflow, else the live one, else the document's id. */
  const orderIdOf = async (workflowId: string, fallback: string): Promise<string> => {
    const stored = await deps.orderStore.getByWorkflowId(workflowId);
    if (stored) return stored.orderId;
    return (await deps.orders.status(workflowId))?.orderId ?? fallback;
  };

  return {
    /** The contract has validated the body as a canonical sales order. */
    captureOrder: async (req, res) => {
      const reference = requiredIdempotencyKey(req.get('idempotency-key'));
      const received = req.body as SalesOrder;
      checkSender(res, received);
      const order: SalesOrder = { ...received, channel: received.channel ?? 'api' };
      const businessKey = orderBusinessKey(order);
      const principal = principalOf(res);
      const input: OrderToCashInput = {
        order,
        businessKey,
        capture: { via: 'api', reference, receivedAt: now().toISOString(), by: principal.name },
        policy: policyOf(await deps.orderPolicies.get(order.legalEntityId)),
        correlationId: res.locals.correlationId as string,
      };
      const result = await deps.orders.capture(input);
      const started = result.outcome === 'started';
      const orderId = started ? order.id : await orderIdOf(result.workflowId, order.id);
      res
        .status(started ? 202 : 200)
        .location(`/v1/orders/${encodeURIComponent(orderId)}`)
        .json({ orderId, workflowId: result.workflowId, businessKey, outcome: result.outcome });
    },

    getOrder: async (req, res) => {
      const orderId = pathParam(req, 'orderId');
      const view = await deps.orderStore.get(orderId);
      if (!view) throw notFound(orderId);
      const returns = deps.returnStore ? await deps.returnStore.listByOrder(orderId) : [];
      res.json(returns.length ? { ...view, returns } : view);
    },

    getOrderByBusinessKey: async (req, res) => {
      const businessKey = pathParam(req, 'businessKey');
      const view = await deps.orderStore.findByBusinessKey(businessKey);
      if (!view) throw notFound(`with business key ${businessKey}`);
      res.json(view);
    },

    listOrders: async (req, res) => {
      const q = (name: string) => queryParam(req, name);
      const filters = ['channel', 'customerId', 'customerPoNumber', 'orderNumber', 'cursor'] as const;
      const page = await deps.orderStore.list({
        ...Object.fromEntries(filters.flatMap((f) => (q(f) === undefined ? [] : [[f, q(f)!]]))),
        ...(q('status') ? { status: q('status') as OrderStatusCode } : {}),
        ...(q('limit') ? { limit: Number(q('limit')) } : {}),
      });
      res.json(page);
    },
  };
}
