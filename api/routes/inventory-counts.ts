/**
 * Cycle counts against the ERP: the audit records (`GET /v1/inventory-counts?status=pending`, one by id) and a
 * person's decision on a count waiting for approval (`POST …/{id}/approve`, `…/reject`, body `{ reason }`). The
 * approver is the API key's principal. A count that is not pending answers 409 naming its status; the decision
 * goes to the count's approval workflow, which posts the ERP adjustment (approve) or leaves the ERP as it was. The
 * count policy of a legal entity (its thresholds) is read and replaced at `/v1/inventory-count-policy`.
 */
import type { Request, Response } from 'express';
import { isHubError } from '../../platform/errors';
import type { FieldError } from '../../platform/errors';
import type {
  CountReview,
  CountReviewStore,
  CountReviewStatus,
} from '../../platform/inventory/count-review-types';
import { COUNT_REVIEW_STATUSES } from '../../platform/inventory/count-review-types';
import type { CountPolicyStore } from '../../platform/inventory/count-policy-store';
import type { CountWorkflows } from '../../platform/inventory/count-workflows';
import type { CountApprovalView, CountDecision } from '../../workflows/inventory-count/types';
import { principalOf } from '../middleware/auth';
import { HttpProblem, problem } from '../problem';
import { pathParam, queryParam } from '../params';
import type { Handlers } from '../router';

/** What the count routes need. */
export interface InventoryCountRouteDeps {
  countReviews: Pick<CountReviewStore, 'get' | 'list'>;
  countWorkflows: Pick<CountWorkflows, 'decide'>;
  countPolicies: Pick<CountPolicyStore, 'effective' | 'put'>;
}

const MAX_REASON = 500;

const invalid = (errors: FieldError[]) =>
  new HttpProblem(problem(400, 'validation', 'The request is invalid', { errors }));

const decided = (review: CountReview) =>
  new HttpProblem(
    problem(409, 'count-decided', 'The count is not waiting for a decision', {
      detail: `count ${review.id} is ${review.status}${review.decidedBy ? ` (by ${review.decidedBy})` : ''}`,
      countStatus: review.status,
    }),
  );

/** The review of the path's id, or a 404 problem. */
async function requireReview(deps: InventoryCountRouteDeps, req: Request): Promise<CountReview> {
  const id = pathParam(req, 'id');
  const review = await deps.countReviews.get(id);
  if (review) return review;
  throw new HttpProblem(problem(404, 'not-found', 'Not found', { detail: `no count ${id}` }));
}

/** The reason of a decision body, or a 400 problem naming `/reason`. */
function reasonOf(body: unknown): string {
  const reason = (body as { reason?: unknown } | undefined)?.reason;
  if (typeof reason === 'string' && reason.trim() && reason.length <= MAX_REASON) return reason;
  throw invalid([
    { path: '/reason', message: `must be a non-empty string of at most ${MAX_REASON} characters` },
  ]);
}

/** The stored review as the decision leaves it (the workflow writes the record right after it answers). */
function afterDecision(review: CountReview, view: CountApprovalView): CountReview {
  return {
    ...review,
    status: view.status === 'rejected' ? 'rejected' : 'approved',
    ...(view.decidedBy ? { decidedBy: view.decidedBy } : {}),
    ...(view.decidedAt ? { decidedAt: view.decidedAt } : {}),
    ...(view.reason ? { decisionReason: view.reason } : {}),
  };
}

/** Reading counts and deciding pending ones. */
export function inventoryCountHandlers(deps: InventoryCountRouteDeps): Handlers {
  const decide = (decision: CountDecision['decision']) => async (req: Request, res: Response) => {
    const reason = reasonOf(req.body);
    const review = await requireReview(deps, req);
    if (review.status !== 'pending') throw decided(review);
    const by = principalOf(res).name;
    let view: CountApprovalView;
    try {
      view = await deps.countWorkflows.decide(review.id, { decision, by, reason });
    } catch (err) {
      // The workflow refused (decided in the meantime) or has ended: the record says what it is now.
      if (!isHubError(err) || err.kind !== 'data') throw err;
      const now = (await deps.countReviews.get(review.id)) ?? review;
      throw now.status === 'pending'
        ? new HttpProblem(
            problem(409, 'count-decided', 'The count refused the decision', { detail: err.message }),
          )
        : decided(now);
    }
    res.json(afterDecision(review, view));
  };

  return {
    listInventoryCounts: async (req, res) => {
      const status = queryParam(req, 'status');
      if (status !== undefined && !(COUNT_REVIEW_STATUSES as readonly string[]).includes(status)) {
        throw invalid([{ path: '/status', message: `must be one of ${COUNT_REVIEW_STATUSES.join(', ')}` }]);
      }
      const limit = queryParam(req, 'limit');
      const legalEntityId = queryParam(req, 'legalEntityId');
      const cursor = queryParam(req, 'cursor');
      const page = await deps.countReviews.list({
        ...(status ? { status: status as CountReviewStatus } : {}),
        ...(legalEntityId ? { legalEntityId } : {}),
        ...(cursor ? { cursor } : {}),
        ...(limit ? { limit: Number(limit) } : {}),
      });
      res.json({ items: page.items, nextCursor: page.nextCursor ?? null });
    },
    getInventoryCount: async (req, res) => {
      res.json(await requireReview(deps, req));
    },
    approveInventoryCount: decide('approve'),
    rejectInventoryCount: decide('reject'),

    getCountPolicy: async (req, res) => {
      const legalEntityId = queryParam(req, 'legalEntityId');
      if (!legalEntityId) throw invalid([{ path: '/legalEntityId', message: 'is required' }]);
      res.json(await deps.countPolicies.effective(legalEntityId));
    },
    putCountPolicy: async (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const fromQuery = queryParam(req, 'legalEntityId');
      if (fromQuery !== undefined && body.legalEntityId !== undefined && body.legalEntityId !== fromQuery) {
        throw invalid([
          { path: '/legalEntityId', message: `must be ${fromQuery}, the legal entity in the query` },
        ]);
      }
      // The store validates every field (a `data` error naming each bad one, a 400 here).
      res.json(await deps.countPolicies.put({ ...body, ...(fromQuery ? { legalEntityId: fromQuery } : {}) }));
    },
  };
}
