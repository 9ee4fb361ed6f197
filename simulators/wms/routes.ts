/**
 * The vendor routes of the WMS simulator: ShipHero's token refresh, its GraphQL endpoint (Bearer access tokens,
 * errors as HTTP 200 with `errors[]`, a credit-based throttle), and simulator helper routes to complete a cycle
 * count (`POST /__sim/cycle-count {sku, warehouse_id?, counted_quantity}`) and to receive a return
 * (`POST /__sim/receive-return {return_id? | external_id?, lines: [{sku, quantity, condition}]}`, see
 * return-receipt.ts) and to receive a purchase order (`POST /__sim/receive-purchase-order {po_number? |
 * partner_order_number?, lines: [{sku, quantity, condition?, rejected_quantity?}], close?}`, see purchase-receipt.ts);
 * bulk warehouses, stock and stock changes: stock-routes.ts.
 */
import { randomBytes } from 'node:crypto';
import { graphql } from 'graphql';
import type { Request, Response, Router } from 'express';
import type { Simulator } from '../kit/simulator';
import { COLLECTIONS } from './records';
import type { SimWarehouse } from './records';
import { receivePurchaseOrder } from './purchase-receipt';
import { wmsResolvers } from './resolvers';
import { receiveReturn } from './return-receipt';
import { returnView } from './returns';
import { wmsSchema } from './schema';
import type { WmsSimSettings } from './settings';
import { stockRoutes } from './stock-routes';
import { cycleCount } from './warehouse';

type WmsSim = Simulator<WmsSimSettings>;

interface AccessToken {
  token: string;
  expiresAt: number;
}

function authorised(sim: WmsSim, req: Request): boolean {
  const header = req.get('authorization') ?? '';
  const token = /^Bearer (.+)$/.exec(header)?.[1];
  const found = token ? sim.store.collection<AccessToken>(COLLECTIONS.accessTokens).get(token) : undefined;
  return found !== undefined && found.expiresAt > Date.now();
}

/** Mounts the routes. */
export function wmsRoutes(router: Router, sim: WmsSim): void {
  stockRoutes(router, sim);
  router.post('/auth/refresh', (req: Request, res: Response) => {
    const { refresh_token: refreshToken } = (req.body ?? {}) as { refresh_token?: unknown };
    if (typeof refreshToken !== 'string' || refreshToken !== sim.settings.refreshToken) {
      res.status(401).json({ code: 401, message: 'Invalid refresh token' });
      return;
    }
    const token = randomBytes(24).toString('base64url');
    const ttl = sim.settings.accessTokenTtlSeconds;
    sim.store
      .collection<AccessToken>(COLLECTIONS.accessTokens)
      .put(token, { token, expiresAt: Date.now() + ttl * 1000 });
    res.json({
      access_token: token,
      expires_in: ttl,
      scope: 'openid profile offline_access',
      token_type: 'Bearer',
    });
  });

  router.post('/graphql', async (req: Request, res: Response) => {
    if (!authorised(sim, req)) {
      res.status(401).json({ code: 401, message: 'Access token is missing, invalid or expired' });
      return;
    }
    if (sim.settings.throttleNext > 0) {
      sim.settings.throttleNext -= 1;
      const wait = sim.settings.throttleRetrySeconds;
      sim.sendJson(res, 200, {
        errors: [
          {
            code: 30,
            message:
              'There are not enough credits to perform the requested operation, which requires 101 credits. ' +
              `The current available credits is 1. 60 credits are added every second. In ${wait} seconds you will ` +
              'have enough credits',
            required_credits: 101,
            remaining_credits: 1,
            time_remaining: `${wait} seconds`,
          },
        ],
        data: null,
      });
      return;
    }
    const { query, variables } = (req.body ?? {}) as { query?: unknown; variables?: unknown };
    if (typeof query !== 'string') {
      sim.sendJson(res, 200, { errors: [{ code: 3, message: 'Must provide query string.' }] });
      return;
    }
    const outcome = await graphql({
      schema: wmsSchema,
      source: query,
      rootValue: wmsResolvers(sim),
      variableValues: (variables ?? {}) as Record<string, unknown>,
    });
    sim.sendJson(res, 200, {
      ...(outcome.errors
        ? {
            errors: outcome.errors.map((e) => ({
              ...e.toJSON(),
              code: (e.extensions.code as number | undefined) ?? 3,
            })),
          }
        : {}),
      data: outcome.data ?? null,
    });
  });

  router.post('/__sim/cycle-count', (req: Request, res: Response) => {
    const body = (req.body ?? {}) as { sku?: unknown; warehouse_id?: unknown; counted_quantity?: unknown };
    const warehouses = sim.store.collection<SimWarehouse>(COLLECTIONS.warehouses);
    const warehouseId = typeof body.warehouse_id === 'string' ? body.warehouse_id : warehouses.all()[0]?.id;
    if (typeof body.sku !== 'string' || typeof body.counted_quantity !== 'number' || !warehouseId) {
      res.status(400).json({ code: 400, message: 'sku (string) and counted_quantity (number) are required' });
      return;
    }
    cycleCount(sim, warehouseId, body.sku, body.counted_quantity);
    res.json({ ok: true });
  });

  router.post('/__sim/receive-return', (req: Request, res: Response) => {
    const outcome = receiveReturn(sim, (req.body ?? {}) as Record<string, unknown>);
    if (!outcome.ok) {
      res.status(outcome.status).json({ code: outcome.status, message: outcome.message });
      return;
    }
    res.json({ ok: true, return: returnView(outcome.ret) });
  });

  router.post('/__sim/receive-purchase-order', (req: Request, res: Response) => {
    const outcome = receivePurchaseOrder(sim, (req.body ?? {}) as Record<string, unknown>);
    if (!outcome.ok) {
      res.status(outcome.status).json({ code: outcome.status, message: outcome.message });
      return;
    }
    res.json({ ok: true, purchase_order: outcome.po });
  });
}
