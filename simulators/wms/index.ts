/**
 * A ShipHero-shaped cloud WMS simulator: OAuth-style token refresh, a real GraphQL endpoint (orders, purchase
 * orders, warehouse products with Relay paging), a warehouse that ships and receives on timers with short picks
 * and receipt variances, and HMAC-signed webhooks (`x-shiphero-hmac-sha256`, base64).
 */
import { createSimulator } from '../kit/simulator';
import type { Simulator } from '../kit/simulator';
import { hmacSha256 } from '../../connectors/sdk/webhooks';
import { COLLECTIONS } from './records';
import { wmsRoutes } from './routes';
import { seedWms, WMS_SIM_SKUS, WMS_SIM_WAREHOUSES } from './seed';
import { DEFAULT_WMS_SIM_SETTINGS, WMS_SIM_REFRESH_TOKEN } from './settings';
import type { WmsSimSettings } from './settings';
import { warehouseId as wmsWarehouseId } from './stock-routes';
import { resetRandom } from './warehouse';

export {
  COLLECTIONS as WMS_SIM_COLLECTIONS,
  WMS_SIM_REFRESH_TOKEN,
  WMS_SIM_SKUS,
  WMS_SIM_WAREHOUSES,
  wmsWarehouseId,
};
export type { WmsSimSettings };

/** A running (or ready) WMS simulator. */
export type WmsSimulator = Simulator<WmsSimSettings>;

/** Builds the WMS simulator; call `start(0)` to listen on a free loopback port. */
export function createWmsSimulator(options: { settings?: Partial<WmsSimSettings> } = {}): WmsSimulator {
  return createSimulator<WmsSimSettings>({
    name: 'shiphero',
    errorBody: (status, message) => ({ code: status, message }),
    signer: ({ body, secret }) => ({ 'x-shiphero-hmac-sha256': hmacSha256(secret, body, 'base64') }),
    settings: { ...structuredClone(DEFAULT_WMS_SIM_SETTINGS), ...options.settings },
    routes: wmsRoutes,
    seed: (sim) => {
      resetRandom(sim);
      seedWms(sim);
    },
  });
}
