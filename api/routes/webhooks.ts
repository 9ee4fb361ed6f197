import type { Request } from 'express';
import type { InboundEventRecord } from '../../platform/inbound-events';
import type { InboundEventStatus } from '../../platform/inbound-events';
import { receiveWebhook, replayInboundEvent } from '../../platform/webhook-ingress';
import type { WebhookIngressDeps } from '../../platform/webhook-ingress';
import { HttpProblem, problem } from '../problem';
import { pathParam, queryParam } from '../params';
import type { Handlers } from '../router';

/** The request's exact body bytes, captured by the JSON parser before parsing (see api/app.ts). */
export function rawBodyOf(req: Request): Buffer {
  return (req as Request & { rawBody?: Buffer }).rawBody ?? Buffer.alloc(0);
}

const present = (r: InboundEventRecord) => ({
  id: r._id,
  connectorId: r.connectorId,
  connectorType: r.connectorType,
  deliveryId: r.deliveryId,
  topic: r.topic,
  status: r.status,
  rawBody: r.rawBody,
  events: r.events,
  error: r.error ?? null,
  correlationId: r.correlationId ?? null,
  receivedAt: r.receivedAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
  replays: r.replays,
});

/** Webhook reception (public: the signature authenticates) and the kept deliveries support can inspect and replay. */
export function webhookHandlers(deps: WebhookIngressDeps): Handlers {
  return {
    receiveWebhook: async (req, res) => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : v]),
      );
      const result = await receiveWebhook(
        deps,
        pathParam(req, 'connectorId'),
        { rawBody: rawBodyOf(req), headers },
        res.locals.correlationId as string,
      );
      switch (result.outcome) {
        case 'rejected':
          throw new HttpProblem(
            problem(401, 'bad-signature', 'The webhook signature did not verify', {
              detail:
                result.reason === 'missing-signature'
                  ? 'The request carries no signature header'
                  : 'The signature does not match the body and the connector’s webhook secret',
            }),
          );
        case 'no-webhooks':
          throw new HttpProblem(
            problem(404, 'not-found', 'This connector receives no webhooks', {
              detail: `Connectors of type ${result.connectorType} do not receive webhooks`,
            }),
          );
        default:
          res.status(200).json(result.acknowledgement ?? { received: true, outcome: result.outcome });
      }
    },

    listInboundEvents: async (req, res) => {
      const connectorId = queryParam(req, 'connectorId');
      const status = queryParam(req, 'status') as InboundEventStatus | undefined;
      const limit = queryParam(req, 'limit');
      const items = await deps.events.list({
        ...(connectorId ? { connectorId } : {}),
        ...(status ? { status } : {}),
        ...(limit ? { limit: Number(limit) } : {}),
      });
      res.json({ items: items.map(present) });
    },

    getInboundEvent: async (req, res) => {
      res.json(present(await deps.events.get(pathParam(req, 'id'))));
    },

    replayInboundEvent: async (req, res) => {
      res.json(present(await replayInboundEvent(deps, pathParam(req, 'id'))));
    },
  };
}
