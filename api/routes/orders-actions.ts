import type { Request } from 'express';
import { isHubError } from '../../platform/errors';
import type { OrderStore } from '../../platform/orders/order-store';
import type { OrderWorkflows } from '../../platform/orders/order-workflows';
import type { ChangeOutcome, HoldDecision } from '../../workflows/order-to-cash/types';
import { principalOf } from '../middleware/auth';
import { HttpProblem, problem } from '../problem';
import { pathParam } from '../params';
import type { Handlers } from '../router';

/** What the order action routes need. */
export interface OrderActionDeps {
  orders: OrderWorkflows;
  orderStore: OrderStore;
}

/** A refusal by the order (a `data` HubError from the port: not on hold, already decided) as a 409 problem. */
async function refusalsAsConflict<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (err) {
    if (!isHubError(err) || err.kind !== 'data') throw err;
    throw new HttpProblem(
      problem(409, 'order-refused', 'The order refused this in its current state', {
        detail: err.message,
        ...(err.fieldErrors ? { errors: err.fieldErrors } : {}),
      }),
    );
  }
}

/** A change or cancellation the order did not accept: 409 with its message, and the lines as they are. */
function refusedOutcome(outcome: ChangeOutcome): HttpProblem {
  return new HttpProblem(
    problem(409, 'order-refused', 'The order refused this in its current state', {
      detail: outcome.message,
      lines: outcome.lines,
    }),
  );
}

/** Decisions on held orders, quantity changes and cancellations, passed to the order's workflow. */
export function orderActionHandlers(deps: OrderActionDeps): Handlers {
  const workflowOf = async (req: Request): Promise<string> => {
    const orderId = pathParam(req, 'orderId');
    const view = await deps.orderStore.get(orderId);
    if (!view) {
      throw new HttpProblem(problem(404, 'not-found', 'Not found', { detail: `no order ${orderId}` }));
    }
    return view.workflowId;
  };
  const referenceOf = (req: Request) => {
    const key = req.get('idempotency-key');
    return key === undefined ? {} : { reference: key };
  };

  return {
    decideOrderHold: async (req, res) => {
      const body = req.body as Omit<HoldDecision, 'by'>;
      const workflowId = await workflowOf(req);
      const decision: HoldDecision = {
        decision: body.decision,
        reason: body.reason,
        by: principalOf(res).name,
      };
      res.json(await refusalsAsConflict(() => deps.orders.decide(workflowId, decision)));
    },

    changeOrder: async (req, res) => {
      const body = req.body as { reason: string; lines: { lineNumber: number; quantity: string }[] };
      const workflowId = await workflowOf(req);
      const outcome = await refusalsAsConflict(() =>
        deps.orders.change(workflowId, {
          by: principalOf(res).name,
          reason: body.reason,
          lines: body.lines.map((l) => ({ lineNumber: l.lineNumber, quantity: l.quantity })),
          ...referenceOf(req),
        }),
      );
      if (!outcome.accepted) throw refusedOutcome(outcome);
      res.json(outcome);
    },

    cancelOrder: async (req, res) => {
      const { reason } = req.body as { reason: string };
      const workflowId = await workflowOf(req);
      const outcome = await refusalsAsConflict(() =>
        deps.orders.cancel(workflowId, { by: principalOf(res).name, reason, ...referenceOf(req) }),
      );
      if (!outcome.accepted) throw refusedOutcome(outcome);
      res.json(outcome);
    },
  };
}
