import { isHubError } from '../../platform/errors';
import type {
  ExceptionResolution,
  InvoiceDecision,
  ProposalDecision,
  PurchaseOrderView,
} from '../../workflows/procure-to-receive/types';
import { principalOf } from '../middleware/auth';
import { HttpProblem, problem } from '../problem';
import { pathParam } from '../params';
import type { Handlers } from '../router';
import { requirePurchaseOrder } from './purchase-orders';
import type { PurchaseOrderRouteDeps } from './purchase-orders';

/** A refusal by the PO (a `data` HubError from the port: nothing to decide, shipped already) as a 409 problem. */
async function refusalsAsConflict(action: () => Promise<PurchaseOrderView>): Promise<PurchaseOrderView> {
  try {
    return await action();
  } catch (err) {
    if (!isHubError(err) || err.kind !== 'data') throw err;
    throw new HttpProblem(
      problem(409, 'purchase-order-refused', 'The purchase order refused this in its current state', {
        detail: err.message,
        ...(err.fieldErrors ? { errors: err.fieldErrors } : {}),
      }),
    );
  }
}

/** A buyer's decisions on POs — proposals, exceptions, held invoices, short-close, cancel — passed to the workflow. */
export function purchaseOrderActionHandlers(deps: PurchaseOrderRouteDeps): Handlers {
  const workflows = deps.purchaseWorkflows;
  return {
    decidePurchaseOrder: async (req, res) => {
      const body = req.body as Omit<ProposalDecision, 'by'>;
      const { workflowId } = await requirePurchaseOrder(deps, req);
      const decision: ProposalDecision = {
        decision: body.decision,
        reason: body.reason,
        by: principalOf(res).name,
      };
      res.json(await refusalsAsConflict(() => workflows.decideProposal(workflowId, decision)));
    },

    resolvePurchaseOrderException: async (req, res) => {
      const body = req.body as Pick<ExceptionResolution, 'action' | 'reason'>;
      const { workflowId } = await requirePurchaseOrder(deps, req);
      const resolution: ExceptionResolution = {
        exceptionId: pathParam(req, 'exceptionId'),
        action: body.action,
        reason: body.reason,
        by: principalOf(res).name,
      };
      res.json(await refusalsAsConflict(() => workflows.resolveException(workflowId, resolution)));
    },

    decidePurchaseOrderInvoice: async (req, res) => {
      const body = req.body as Pick<InvoiceDecision, 'decision' | 'reason'>;
      const { workflowId } = await requirePurchaseOrder(deps, req);
      const decision: InvoiceDecision = {
        invoiceId: pathParam(req, 'invoiceId'),
        decision: body.decision,
        reason: body.reason,
        by: principalOf(res).name,
      };
      res.json(await refusalsAsConflict(() => workflows.decideInvoice(workflowId, decision)));
    },

    shortClosePurchaseOrder: async (req, res) => {
      const { reason } = req.body as { reason: string };
      const { workflowId } = await requirePurchaseOrder(deps, req);
      const closure = { by: principalOf(res).name, reason };
      res.json(await refusalsAsConflict(() => workflows.shortClose(workflowId, closure)));
    },

    cancelPurchaseOrder: async (req, res) => {
      const { reason } = req.body as { reason: string };
      const { workflowId } = await requirePurchaseOrder(deps, req);
      const closure = { by: principalOf(res).name, reason };
      res.json(await refusalsAsConflict(() => workflows.cancel(workflowId, closure)));
    },
  };
}
