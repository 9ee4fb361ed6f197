/**
 * How to point one connector of each type at its simulator: the config (credentials the simulator accepts by
 * default), used by the demo of command 1 and by the tests that drive connectors through the hub's API.
 */
import { DEFAULT_BC_SIM_SETTINGS } from './business-central';
import { NETSUITE_SIM_CREDENTIALS } from './netsuite';
import { DEFAULT_SETTINGS as SHOPIFY } from './shopify';
import { DEFAULT_SETTINGS as PORTAL } from './supplier-portal';
import { WMS_SIM_REFRESH_TOKEN, WMS_SIM_WAREHOUSES } from './wms';
import type { SimulatorName } from './names';

/** One connector of a type, pointed at a simulator. */
export interface SimulatedConnector {
  /** The name the demo registers it under. */
  name: string;
  type: string;
  simulator: SimulatorName;
  /** A valid config for the simulator at `url`; `webhookSecret` is what the simulator will sign with. */
  config: (url: string, webhookSecret: string, legalEntityId: string) => Record<string, unknown>;
  /** The config field holding the credential the simulator checks, for wrong-credential tests. */
  credentialField: string;
}

/** One connector of each type the hub ships for HTTP systems, in the order the demo registers them. */
export const SIMULATED_CONNECTORS: readonly SimulatedConnector[] = [
  {
    name: 'Demo ERP (NetSuite simulator)',
    type: 'netsuite-erp',
    simulator: 'netsuite',
    credentialField: 'tokenSecret',
    config: (url, _secret, legalEntityId) => ({
      ...NETSUITE_SIM_CREDENTIALS,
      baseUrl: `${url}/services/rest`,
      legalEntityId,
    }),
  },
  {
    name: 'Demo ERP 2 (Business Central simulator)',
    type: 'business-central-erp',
    simulator: 'business-central',
    credentialField: 'clientSecret',
    config: (url, _secret, legalEntityId) => ({
      baseUrl: url,
      authorityUrl: url,
      tenantId: DEFAULT_BC_SIM_SETTINGS.tenantId,
      environment: DEFAULT_BC_SIM_SETTINGS.environment,
      companyId: DEFAULT_BC_SIM_SETTINGS.companyId,
      clientId: DEFAULT_BC_SIM_SETTINGS.clientId,
      clientSecret: DEFAULT_BC_SIM_SETTINGS.clientSecret,
      legalEntityId,
    }),
  },
  {
    name: 'Demo WMS (ShipHero simulator)',
    type: 'shiphero-wms',
    simulator: 'wms',
    credentialField: 'refreshToken',
    config: (url, webhookSecret, legalEntityId) => ({
      baseUrl: url,
      refreshToken: WMS_SIM_REFRESH_TOKEN,
      webhookSecret,
      legalEntityId,
      warehouses: [
        {
          warehouseId: WMS_SIM_WAREHOUSES.primary,
          locationId: 'loc_dc_primary',
          timeZone: 'America/Chicago',
        },
        { warehouseId: WMS_SIM_WAREHOUSES.secondary, locationId: 'loc_dc_secondary' },
      ],
    }),
  },
  {
    name: 'Demo web store (Shopify simulator)',
    type: 'shopify-commerce',
    simulator: 'shopify',
    credentialField: 'accessToken',
    config: (url, webhookSecret, legalEntityId) => ({
      shopDomain: SHOPIFY.shopDomain,
      accessToken: SHOPIFY.accessToken,
      webhookSecret,
      baseUrl: url,
      legalEntityId,
    }),
  },
  {
    name: 'Demo supplier portal (simulator)',
    type: 'supplier-portal-rest',
    simulator: 'supplier-portal',
    credentialField: 'apiKey',
    config: (url, webhookSecret, legalEntityId) => ({
      baseUrl: url,
      apiKey: PORTAL.apiKey,
      webhookSecret,
      buyerCode: PORTAL.buyerCode,
      legalEntityId,
    }),
  },
];
