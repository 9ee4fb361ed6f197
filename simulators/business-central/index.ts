/** The Business Central simulator: API v2.0 (OData v4), the item journal API page and the OAuth 2.0 token endpoint, in memory. */
import { createSimulator } from '../kit/simulator';
import type { Simulator } from '../kit/simulator';
import { bcError, errorCodeFor } from './odata';
import { businessCentralRoutes } from './routes';
import { seedBusinessCentral, seedGuid } from './seed';
import { DEFAULT_BC_SIM_SETTINGS } from './settings';
import type { BcSimSettings } from './settings';

export type { BcSimSettings };
export { DEFAULT_BC_SIM_SETTINGS, seedGuid };

/** Builds (without starting) a simulated Business Central tenant with one seeded company. */
export function createBusinessCentralSimulator(
  options: { settings?: Partial<BcSimSettings> } = {},
): Simulator<BcSimSettings> {
  return createSimulator<BcSimSettings>({
    name: 'business-central',
    errorBody: (status, message) => bcError(errorCodeFor(status), message),
    settings: { ...DEFAULT_BC_SIM_SETTINGS, ...options.settings },
    routes: businessCentralRoutes,
    seed: seedBusinessCentral,
  });
}
