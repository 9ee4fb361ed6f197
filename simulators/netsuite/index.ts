/**
 * A simulated NetSuite account behind the REST Record API: token-based authentication verified for real,
 * list/get/create/upsert-by-external-id, `!transform` for receipts, fulfilments, invoices, vendor bills and credit
 * memos (invoice → creditMemo, or a creditMemo created on its own), inventory adjustments that move on hand per
 * location, money as exact JSON numbers, and
 * NetSuite-shaped errors (also for injected faults).
 */
import { createSimulator } from '../kit/simulator';
import type { Simulator } from '../kit/simulator';
import { netSuiteError } from './errors';
import type { SimCredentials } from './oauth';
import { netSuiteRoutes } from './routes';
import { SEEDED_ITEM_COUNT, seedNetSuite, seededUpc } from './seed';

export { SEEDED_ITEM_COUNT, seededUpc };
export { addInventoryItems, addLocations } from './catalogue';
export type { CatalogueItem } from './catalogue';

/** Behaviour knobs of the simulated account, changeable through `POST /_sim/settings`. */
export interface NetSuiteSimSettings extends SimCredentials {
  /** Item ids (SKUs) whose `basePrice` is answered as unparsable text, to prove mapping failures are reported. */
  brokenItems: string[];
  /** Pay every vendor bill in full as soon as it is posted (a vendorPayment applied to it). */
  autoPayBills: boolean;
}

/** The credentials the simulator accepts unless told otherwise (test values, not secrets of any real account). */
export const NETSUITE_SIM_CREDENTIALS: Readonly<SimCredentials> = Object.freeze({
  accountId: '1234567_SB1',
  consumerKey: 'sim-consumer-key',
  consumerSecret: 'sim-consumer-secret-0c8f',
  tokenId: 'sim-token-id',
  tokenSecret: 'sim-token-secret-77d1',
});

/** A simulated NetSuite; `start()` it (port 0 for any free port) and point a connector at `${url}/services/rest`. */
export function createNetSuiteSimulator(
  options: { settings?: Partial<NetSuiteSimSettings> } = {},
): Simulator<NetSuiteSimSettings> {
  return createSimulator<NetSuiteSimSettings>({
    name: 'netsuite',
    errorBody: (status, message) => netSuiteError(status, message),
    settings: { ...NETSUITE_SIM_CREDENTIALS, brokenItems: [], autoPayBills: false, ...options.settings },
    routes: netSuiteRoutes,
    seed: (sim) => seedNetSuite(sim.store),
  });
}
