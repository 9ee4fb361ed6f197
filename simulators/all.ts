/** Every simulator the repository ships, with its default port, so the runner and tests build them alike. */
import { createBusinessCentralSimulator } from './business-central';
import type { Simulator } from './kit/simulator';
import { createNetSuiteSimulator } from './netsuite';
import type { SimulatorName } from './names';
import { createShopifySimulator } from './shopify';
import { createSupplierPortalSimulator } from './supplier-portal';
import { createWmsSimulator } from './wms';

/** How to build each simulator, and the port command 1 gives it unless HUB_SIM_<NAME>_PORT says otherwise. */
export const SIMULATORS: Record<SimulatorName, { port: number; create: () => Simulator<object> }> = {
  netsuite: { port: 8101, create: () => createNetSuiteSimulator() },
  'business-central': { port: 8102, create: () => createBusinessCentralSimulator() },
  wms: { port: 8103, create: () => createWmsSimulator() },
  shopify: { port: 8104, create: () => createShopifySimulator() },
  'supplier-portal': { port: 8105, create: () => createSupplierPortalSimulator() },
};
