/** Customer returns of orders: authorise one (it starts the return's workflow), read one, list an order's. */
import { isHubError } from '../../platform/errors';
import type { OrderStore } from '../../platform/orders/order-store';
import type { OrderPolicyStore } from '../../platform/orders/policy-store';
import { policyOf } from '../../platform/orders/policy-store';
import type { ReturnStore } from '../../platform/orders/return-store';
import type { ReturnWorkflows } from '../../platform/orders/temporal-return-workflows';
import { principalOf } from '../middleware/auth';
import { HttpProblem, problem } from '../problem';
import { pathParam } from '../params';
import type { Handlers } from '../router';
import { buildReturn, checkReturn } from './orders-returns-build';
import type { BuiltReturn, ReturnRequest } from './orders-returns-build';

/** What the return routes need. */
export interface ReturnRouteDeps {
  orderStore: OrderStore;
  orderPolicies: OrderPolicyStore;
  returnStore: ReturnStore;
  returnWorkflows: ReturnWorkflows;
  now?: () => Date;
}

const notFound = (detail: string) => new HttpProblem(problem(404, 'not-found', 'Not found', { detail }));

/** Return authorisations and reads. */
export function returnHandlers(deps: ReturnRouteDeps): Handlers {
  const now = deps.now ?? (() => new Date());
  return {
    createOrderReturn: async (req, res) => {
      const orderId = pathParam(req, 'orderId');
      const request = req.body as ReturnRequest;
      const order = await deps.orderStore.get(orderId);
      if (!order) throw notFound(`no order ${orderId}`);
      const errors = checkReturn(order, request, await deps.returnStore.listByOrder(orderId));
      if (errors.length) {
        throw new HttpProblem(
          problem(422, 'return-refused', 'The order cannot take this return', {
            detail: errors.map((e) => `${e.path} ${e.message}`).join('; '),
            errors,
          }),
        );
      }
      const started = await deps.returnWorkflows.orderInput(order.workflowId);
      if (!started) {
        throw new HttpProblem(
          problem(409, 'order-refused', 'The order refused this in its current state', {
            detail: `order ${orderId}: its workflow history (the prices to credit) is no longer available`,
          }),
        );
      }
      const policy = policyOf(await deps.orderPolicies.get(order.legalEntityId));
      const by = principalOf(res).name;
      let built: BuiltReturn | undefined;
      try {
        await deps.returnStore.create(orderId, (returnId, n) => {
          built = buildReturn({
            returnId,
            n,
            order,
            started,
            request,
            policy,
            by,
            correlationId: res.locals.correlationId as string,
            now: now(),
          });
          return built.view;
        });
      } catch (err) {
        if (!isHubError(err) || err.kind !== 'duplicate') throw err;
        throw new HttpProblem(
          problem(409, 'conflict', 'Conflict with the current state', {
            detail: err.message,
            ...(err.fieldErrors ? { errors: err.fieldErrors } : {}),
          }),
        );
      }
      const { input, view } = built!;
      await deps.returnWorkflows.start(input);
      res
        .status(201)
        .location(`/v1/returns/${encodeURIComponent(view.returnId)}`)
        .json(view);
    },

    getReturn: async (req, res) => {
      const returnId = pathParam(req, 'returnId');
      const view = await deps.returnStore.get(returnId);
      if (!view) throw notFound(`no return ${returnId}`);
      res.json(view);
    },

    listOrderReturns: async (req, res) => {
      const orderId = pathParam(req, 'orderId');
      if (!(await deps.orderStore.get(orderId))) throw notFound(`no order ${orderId}`);
      res.json({ items: await deps.returnStore.listByOrder(orderId) });
    },
  };
}
