/**
 * Transfer orders between the hub's warehouses: `POST /v1/transfer-orders` checks the request (problem+json naming
 * each bad field: same from and to, a location no WMS of the legal entity runs, a quantity that is not a positive
 * whole number, a SKU on two lines) and starts the transfer's workflow; `GET /v1/transfer-orders/{id}` answers the
 * transfer with its lines (shipped, received, in transit), status, exceptions and timeline; `POST …/{id}/cancel`
 * asks the workflow to cancel (honoured until the source has shipped).
 */
import { newId } from '../../platform/ids';
import type { TransferLocations } from '../../platform/transfers/locations';
import type { TransferStore } from '../../platform/transfers/transfer-store';
import type { TransferWorkflows } from '../../platform/transfers/transfer-workflows';
import { validateTransferRequest } from '../../platform/transfers/validate-request';
import type { TransferRequestBody } from '../../platform/transfers/validate-request';
import type { TransferOrderInput } from '../../workflows/transfer-order/types';
import { initialView } from '../../workflows/transfer-order/view';
import { transferWorkflowId } from '../../workflows/transfer-order/types';
import { principalOf } from '../middleware/auth';
import { pathParam } from '../params';
import { HttpProblem, problem } from '../problem';
import type { Handlers } from '../router';

/** What the transfer routes need. */
export interface TransferRouteDeps {
  transfers: Pick<TransferStore, 'get' | 'findByNumber'>;
  transferWorkflows: Pick<TransferWorkflows, 'start' | 'cancel' | 'view'>;
  locations: TransferLocations;
  now?: () => Date;
}

/** The transfer number a request without one gets: from the transfer id, so it is unique with it. */
export function defaultTransferNumber(transferId: string): string {
  return `TRF-${transferId.slice(-10).toUpperCase()}`;
}

const notFound = (id: string) =>
  new HttpProblem(problem(404, 'not-found', 'No such transfer order', { detail: `no transfer order ${id}` }));

/** The transfer-order handlers, by operation id. */
export function transferOrderHandlers(deps: TransferRouteDeps): Handlers {
  const now = deps.now ?? (() => new Date());
  const current = async (id: string) =>
    (await deps.transfers.get(id)) ?? (await deps.transferWorkflows.view(id));
  return {
    createTransferOrder: async (req, res) => {
      const checked = await validateTransferRequest((req.body ?? {}) as TransferRequestBody, deps.locations);
      if (!checked.ok) {
        throw new HttpProblem(
          problem(400, 'validation', 'The request is invalid', { errors: checked.errors }),
        );
      }
      const transferId = newId('trf', 16);
      const transferNumber = checked.value.transferNumber ?? defaultTransferNumber(transferId);
      const taken = await deps.transfers.findByNumber(checked.value.legalEntityId, transferNumber);
      if (taken) {
        const message = `belongs to transfer ${taken.transferId} already`;
        throw new HttpProblem(
          problem(409, 'transfer-number-taken', 'The transfer number is taken', {
            errors: [{ path: '/transferNumber', message }],
          }),
        );
      }
      const input: TransferOrderInput = {
        ...checked.value,
        transferId,
        transferNumber,
        requestedAt: now().toISOString(),
        requestedBy: principalOf(res).name,
        correlationId: (res.locals.correlationId as string | undefined) ?? transferId,
      };
      await deps.transferWorkflows.start(input);
      res
        .status(202)
        .location(`/v1/transfer-orders/${transferId}`)
        .json(initialView(input, transferWorkflowId(transferId)));
    },

    getTransferOrder: async (req, res) => {
      const id = pathParam(req, 'id');
      const view = await current(id);
      if (!view) throw notFound(id);
      res.json(view);
    },

    cancelTransferOrder: async (req, res) => {
      const id = pathParam(req, 'id');
      const view = await current(id);
      if (!view) throw notFound(id);
      const body = (req.body ?? {}) as { reason?: unknown };
      const reason = typeof body.reason === 'string' && body.reason.trim() ? body.reason.trim() : undefined;
      if (!reason) {
        throw new HttpProblem(
          problem(400, 'validation', 'The request is invalid', {
            errors: [{ path: '/reason', message: 'is required' }],
          }),
        );
      }
      await deps.transferWorkflows.cancel(id, { by: principalOf(res).name, reason });
      res.status(202).json(view);
    },
  };
}
