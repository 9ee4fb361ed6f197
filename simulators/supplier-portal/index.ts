/**
 * A simulated supplier portal: the REST API suppliers and buyers share (purchase orders in; acknowledgements, ASNs
 * and invoices out, by cursor-paged lists and Stripe-style signed webhooks). See README.md for the API.
 */
import { hmacSha256 } from '../../connectors/sdk/webhooks';
import { createSimulator } from '../kit/simulator';
import type { Simulator } from '../kit/simulator';
import { errorBodyFor, portalRoutes } from './routes';
import { seedPortal } from './seed';
import { DEFAULT_SETTINGS } from './settings';
import type { SupplierPortalSimSettings } from './settings';

export { DEFAULT_SETTINGS, PORTAL_SCOPES } from './settings';
export type { SupplierPortalSimSettings } from './settings';
export { SEED_CATALOG, SEED_SUPPLIERS } from './seed';
export type { PortalCatalogItem, PortalParty, PortalSupplier } from './seed';
export { PORTAL_UNITS } from './routes';

/** A running (or ready) supplier-portal simulator. */
export type SupplierPortalSimulator = Simulator<SupplierPortalSimSettings>;

/** The portal's signature header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
export function portalSignature(
  secret: string,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
): string {
  return `t=${timestamp},v1=${hmacSha256(secret, `${timestamp}.${body}`, 'hex')}`;
}

/** Builds the simulator; `start(0)` picks a free port. */
export function createSupplierPortalSimulator(
  options: { settings?: Partial<SupplierPortalSimSettings> } = {},
): SupplierPortalSimulator {
  return createSimulator<SupplierPortalSimSettings>({
    name: 'supplier-portal',
    errorBody: errorBodyFor,
    signer: ({ body, topic, deliveryId, secret }) => ({
      'X-Portal-Signature': portalSignature(secret, body),
      'X-Portal-Event': topic,
      'X-Portal-Delivery': deliveryId,
    }),
    settings: { ...DEFAULT_SETTINGS, ...options.settings },
    routes: portalRoutes,
    seed: seedPortal,
  });
}
