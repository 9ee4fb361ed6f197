/**
 * A Shopify store stand-in: the Admin GraphQL API (2025-01 shapes, served by graphql-js) with access-token auth,
 * scopes and the cost-based throttle; REST-shaped order webhooks signed with base64 HMAC-SHA256; and test routes
 * that make the store create, update or cancel an order the way a shopper or merchant would.
 */
import type { Router } from 'express';
import { buildSchema, graphql } from 'graphql';
import { hmacSha256 } from '../../connectors/sdk/webhooks';
import { createSimulator } from '../kit/simulator';
import type { Simulator } from '../kit/simulator';
import { cancelOrder, createOrder, updateOrder } from './orders';
import type { NewOrderInput } from './orders';
import type { RestOrder } from './records';
import { rootResolvers } from './resolvers';
import { ADMIN_SCHEMA_SDL } from './schema';
import { seedShop } from './seed';
import { DEFAULT_SETTINGS } from './settings';
import type { ShopifySimSettings } from './settings';

export { addCatalogue } from './catalogue';
export type { ShopCatalogue } from './catalogue';
export { FIRST_ORDER_ID } from './orders';
export type { NewOrderInput, NewOrderLine } from './orders';
export { COLLECTIONS } from './records';
export type { RestOrder, SimFulfillment, SimInventoryLevel } from './records';
export { SEEDED_LOCATIONS, SEEDED_VARIANTS } from './seed';
export { DEFAULT_SETTINGS } from './settings';
export type { ShopifySimSettings } from './settings';

/** The Shopify simulator, with in-process shortcuts to what its test routes do. */
export interface ShopifySimulator extends Simulator<ShopifySimSettings> {
  /** Places an order (fires orders/create). */
  createOrder(input: NewOrderInput): RestOrder;
  /** Edits an order (fires orders/updated); undefined when there is no such order. */
  updateOrder(id: string, change: { note?: string; email?: string }): RestOrder | undefined;
  /** Cancels an order (fires orders/cancelled); undefined when there is no such order. */
  cancelOrder(id: string, reason?: string): RestOrder | undefined;
}

const schema = buildSchema(ADMIN_SCHEMA_SDL);

/** The GraphQL cost bucket: leaks `restoreRate` points per second back up to `maximumAvailable`. */
class CostBucket {
  available = 0;
  private at = Date.now();

  constructor(private readonly settings: () => ShopifySimSettings) {
    this.fill();
  }

  fill(level = this.settings().maximumAvailable): void {
    this.available = level;
    this.at = Date.now();
  }

  /** Spends `cost` points when there are enough, after restoring what has leaked back since the last call. */
  take(cost: number): boolean {
    const { maximumAvailable, restoreRate } = this.settings();
    const now = Date.now();
    this.available = Math.min(maximumAvailable, this.available + ((now - this.at) / 1000) * restoreRate);
    this.at = now;
    if (this.available < cost) return false;
    this.available -= cost;
    return true;
  }

  status() {
    const { maximumAvailable, restoreRate } = this.settings();
    return { maximumAvailable, currentlyAvailable: Math.floor(this.available), restoreRate };
  }
}

function adminRoutes(router: Router, sim: ShopifySimulator, bucket: CostBucket): void {
  router.post('/admin/api/:version/graphql.json', async (req, res) => {
    if (req.get('x-shopify-access-token') !== sim.settings.accessToken) {
      res
        .status(401)
        .json({ errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
      return;
    }
    if (req.params.version !== sim.settings.apiVersion) {
      res.status(404).json({ errors: `API version ${req.params.version} is not served by this shop` });
      return;
    }
    const { query, variables } = (req.body ?? {}) as { query?: unknown; variables?: Record<string, unknown> };
    if (typeof query !== 'string') {
      res.status(400).json({ errors: { query: 'Required parameter missing or invalid' } });
      return;
    }
    const cost = sim.settings.queryCost;
    if (!bucket.take(cost)) {
      sim.sendJson(res, 200, {
        errors: [
          {
            message: 'Throttled',
            extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' },
          },
        ],
        extensions: {
          cost: { requestedQueryCost: cost, actualQueryCost: null, throttleStatus: bucket.status() },
        },
      });
      return;
    }
    const result = await graphql({
      schema,
      source: query,
      rootValue: rootResolvers(sim),
      variableValues: variables ?? {},
    });
    sim.sendJson(res, 200, {
      ...(result.data === undefined ? {} : { data: result.data }),
      ...(result.errors ? { errors: result.errors.map((e) => e.toJSON()) } : {}),
      extensions: {
        cost: { requestedQueryCost: cost, actualQueryCost: cost, throttleStatus: bucket.status() },
      },
    });
  });
}

function testRoutes(router: Router, sim: ShopifySimulator, bucket: CostBucket): void {
  router.post('/_test/orders', (req, res) => {
    const input = req.body as Partial<NewOrderInput>;
    if (!Array.isArray(input.lines) || !input.lines.length) {
      res.status(422).json({ errors: { lines: 'at least one line is required' } });
      return;
    }
    sim.sendJson(res, 201, { order: sim.createOrder({ ...input, lines: input.lines }) });
  });
  router.post('/_test/orders/:id/update', (req, res) => {
    const order = sim.updateOrder(String(req.params.id), req.body as { note?: string; email?: string });
    if (order) sim.sendJson(res, 200, { order });
    else res.status(404).json({ errors: 'Not Found' });
  });
  router.post('/_test/orders/:id/cancel', (req, res) => {
    const order = sim.cancelOrder(String(req.params.id), (req.body as { reason?: string }).reason);
    if (order) sim.sendJson(res, 200, { order });
    else res.status(404).json({ errors: 'Not Found' });
  });
  router.post('/_test/throttle', (req, res) => {
    const { currentlyAvailable } = req.body as { currentlyAvailable?: number };
    bucket.fill(typeof currentlyAvailable === 'number' ? currentlyAvailable : 0);
    res.json({ throttleStatus: bucket.status() });
  });
}

/** Builds the Shopify simulator; call `start()` to listen (port 0 picks a free port). */
export function createShopifySimulator(
  options: { settings?: Partial<ShopifySimSettings> } = {},
): ShopifySimulator {
  let bucket: CostBucket | undefined;
  const settings = { ...DEFAULT_SETTINGS, ...options.settings };
  const sim = createSimulator<ShopifySimSettings>({
    name: 'shopify',
    errorBody: (_status, message) => ({ errors: message }),
    signer: ({ body, topic, deliveryId, secret }) => ({
      'X-Shopify-Topic': topic,
      'X-Shopify-Hmac-Sha256': hmacSha256(secret, body, 'base64'),
      'X-Shopify-Shop-Domain': sim.settings.shopDomain,
      'X-Shopify-Webhook-Id': deliveryId,
      'X-Shopify-Event-Id': deliveryId,
      'X-Shopify-API-Version': sim.settings.apiVersion,
      'X-Shopify-Triggered-At': new Date().toISOString(),
    }),
    settings,
    routes: (router, s) => {
      bucket = new CostBucket(() => s.settings);
      adminRoutes(router, s as ShopifySimulator, bucket);
      testRoutes(router, s as ShopifySimulator, bucket);
    },
    seed: (s) => {
      bucket?.fill();
      seedShop(s);
    },
  }) as ShopifySimulator;
  sim.createOrder = (input) => createOrder(sim, input);
  sim.updateOrder = (id, change) => updateOrder(sim, id, change);
  sim.cancelOrder = (id, reason) => cancelOrder(sim, id, reason);
  return sim;
}
