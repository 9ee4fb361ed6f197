import { randomUUID } from 'node:crypto';
import type { OrderPolicyStore } from '../../platform/orders/policy-store';
import type { StockLedger } from '../../platform/orders/stock-types';
import { readInventoryPositions } from '../../inventory/positions';
import { HttpProblem, problem } from '../problem';
import { pathParam, queryParam } from '../params';
import type { Handlers } from '../router';

/** What the stock routes need. */
export interface StockRouteDeps {
  stockLedger: StockLedger;
  orderPolicies: OrderPolicyStore;
  now?: () => Date;
}

const invalid = (path: string, message: string) =>
  new HttpProblem(problem(400, 'validation', 'The request is invalid', { errors: [{ path, message }] }));

/** Available-to-promise per warehouse, and setting a count by hand (operators, demonstrations). */
export function stockHandlers(deps: StockRouteDeps): Handlers {
  const now = deps.now ?? (() => new Date());

  /** The warehouses asked for, else those of the legal entity's order policy. */
  const locationsOf = async (locationId?: string, legalEntityId?: string): Promise<string[]> => {
    if (locationId !== undefined) return [...new Set(locationId.split(','))];
    if (legalEntityId === undefined) {
      throw invalid(
        '/query/locationId',
        'name the warehouses, or give legalEntityId to use its order policy',
      );
    }
    const policy = await deps.orderPolicies.get(legalEntityId);
    if (!policy.warehouses.length) {
      throw invalid('/query/legalEntityId', `the order policy of ${legalEntityId} lists no warehouses`);
    }
    return policy.warehouses.map((w) => w.locationId);
  };

  return {
    getStockAvailability: async (req, res) => {
      const sku = pathParam(req, 'sku');
      const locations = await locationsOf(queryParam(req, 'locationId'), queryParam(req, 'legalEntityId'));
      const needBy = queryParam(req, 'needBy');
      res.json({ sku, locations: await deps.stockLedger.availability(sku, locations, needBy) });
    },

    getInventoryPositions: async (req, res) => {
      const sku = pathParam(req, 'sku');
      const locationId = queryParam(req, 'locationId');
      const legalEntityId = queryParam(req, 'legalEntityId');
      const needBy = queryParam(req, 'needBy');
      res.json(
        await readInventoryPositions(deps.stockLedger, sku, {
          ...(locationId === undefined ? {} : { locationIds: locationId.split(',') }),
          ...(legalEntityId === undefined ? {} : { legalEntityId }),
          ...(needBy === undefined ? {} : { needBy }),
          policyLocations: async (entity) =>
            (await deps.orderPolicies.get(entity)).warehouses.map((w) => w.locationId),
        }),
      );
    },

    setStock: async (req, res) => {
      const key = { sku: pathParam(req, 'sku'), locationId: pathParam(req, 'locationId') };
      const body = req.body as { onHand: string; held?: string; asOf?: string };
      // Held is kept as the ledger has it unless the count names it.
      const held = body.held ?? (await deps.stockLedger.position(key))?.held ?? '0';
      const position = await deps.stockLedger.setStock({
        ...key,
        opId: `api-${randomUUID()}`,
        onHand: body.onHand,
        held,
        asOf: body.asOf ?? now().toISOString(),
      });
      res.json(position);
    },
  };
}
