import type { Request } from 'express';
import { HubError, isHubError } from '../../platform/errors';
import type { PurchaseWorkflows } from '../../platform/purchasing/purchase-workflows';
import type { PurchaseOrderStore } from '../../platform/purchasing/store-types';
import { purchaseOrderWorkflowId } from '../../workflows/procure-to-receive/types';
import type { PurchaseOrderStatusCode, PurchaseOrderView } from '../../workflows/procure-to-receive/types';
import { HttpProblem, problem } from '../problem';
import { pathParam, queryParam } from '../params';
import type { Handlers } from '../router';

/** What the PO routes need. */
export interface PurchaseOrderRouteDeps {
  purchaseOrders: PurchaseOrderStore;
  purchaseWorkflows: PurchaseWorkflows;
}

/** The live view of a PO workflow; a workflow engine that does not answer is a 503, not a missing PO. */
async function liveView(
  workflows: PurchaseWorkflows,
  workflowId: string,
): Promise<PurchaseOrderView | undefined> {
  try {
    return await workflows.status(workflowId);
  } catch (err) {
    if (isHubError(err)) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new HubError('transient', `the workflow engine did not answer: ${message}`, { cause: err });
  }
}

/** The legal entity and PO number of a PO workflow id (`po:<legalEntityId>:<poNumber>`); undefined otherwise. */
function parseWorkflowId(id: string): { legalEntityId: string; poNumber: string } | undefined {
  const last = id.lastIndexOf(':');
  if (!id.startsWith('po:') || last <= 3 || last === id.length - 1) return undefined;
  const parts = { legalEntityId: id.slice(3, last), poNumber: id.slice(last + 1) };
  return purchaseOrderWorkflowId(parts.legalEntityId, parts.poNumber) === id ? parts : undefined;
}

/**
 * The PO a path names: by PO id, by workflow id, else by PO number (within the legal entity when given); else —
 * not stored yet — the running workflow's view, by workflow id or by PO number and legal entity.
 */
export async function findPurchaseOrder(
  deps: PurchaseOrderRouteDeps,
  id: string,
  legalEntityId?: string,
): Promise<PurchaseOrderView | undefined> {
  const ofEntity = (view: PurchaseOrderView | undefined) =>
    view && (legalEntityId === undefined || view.legalEntityId === legalEntityId) ? view : undefined;
  const workflow = parseWorkflowId(id);
  const stored =
    ofEntity(await deps.purchaseOrders.get(id)) ??
    (workflow
      ? ofEntity(await deps.purchaseOrders.findByPoNumber(workflow.poNumber, workflow.legalEntityId))
      : await deps.purchaseOrders.findByPoNumber(id, legalEntityId));
  if (stored) return stored;
  const workflowId = workflow
    ? id
    : legalEntityId === undefined
      ? undefined
      : purchaseOrderWorkflowId(legalEntityId, id);
  const live = workflowId === undefined ? undefined : await liveView(deps.purchaseWorkflows, workflowId);
  return ofEntity(live);
}

/** The PO of the request's `id` (and `?legalEntityId`), or a 404 problem. */
export async function requirePurchaseOrder(
  deps: PurchaseOrderRouteDeps,
  req: Request,
): Promise<PurchaseOrderView> {
  const id = pathParam(req, 'id');
  const view = await findPurchaseOrder(deps, id, queryParam(req, 'legalEntityId'));
  if (view) return view;
  throw new HttpProblem(problem(404, 'not-found', 'Not found', { detail: `no purchase order ${id}` }));
}

/** Reading POs: one by id, number or workflow id, and filtered pages of the stored views. */
export function purchaseOrderHandlers(deps: PurchaseOrderRouteDeps): Handlers {
  return {
    getPurchaseOrder: async (req, res) => {
      res.json(await requirePurchaseOrder(deps, req));
    },

    listPurchaseOrders: async (req, res) => {
      const q = (name: string) => queryParam(req, name);
      const filters = ['legalEntityId', 'poNumber', 'supplierId', 'cursor'] as const;
      const page = await deps.purchaseOrders.list({
        ...Object.fromEntries(filters.flatMap((f) => (q(f) === undefined ? [] : [[f, q(f)!]]))),
        ...(q('status') ? { status: q('status') as PurchaseOrderStatusCode } : {}),
        ...(q('limit') ? { limit: Number(q('limit')) } : {}),
      });
      res.json({ items: page.items, nextCursor: page.nextCursor ?? null });
    },
  };
}
