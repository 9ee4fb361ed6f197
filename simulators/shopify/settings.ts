/** The behaviour knobs of the Shopify simulator, changeable at run time through `POST /_sim/settings`. */
export interface ShopifySimSettings {
  /** The shop's myshopify domain, sent as X-Shopify-Shop-Domain. */
  shopDomain: string;
  shopName: string;
  /** The Admin API access token the simulator accepts (X-Shopify-Access-Token). */
  accessToken: string;
  /** Scopes the token has; a query outside them answers ACCESS_DENIED. */
  scopes: string[];
  /** The API version served and sent as X-Shopify-API-Version. */
  apiVersion: string;
  currency: string;
  /** The shop's UTC offset, used in every timestamp it writes. */
  utcOffsetMinutes: number;
  /** How many orders the seed creates (backdated, without webhooks). */
  seedOrders: number;
  /** The GraphQL cost bucket: its size, the points restored per second, and what one query costs. */
  maximumAvailable: number;
  restoreRate: number;
  queryCost: number;
}

/** The defaults: a healthy US shop with the scopes a distributor's app asks for. */
export const DEFAULT_SETTINGS: ShopifySimSettings = {
  shopDomain: 'distribution-hub-test.myshopify.com',
  shopName: 'Distribution Hub Test Shop',
  accessToken: 'shpat_simulator_token_0123456789abcdef',
  scopes: [
    'read_orders',
    'write_orders',
    'read_inventory',
    'write_inventory',
    'read_products',
    'read_locations',
    'write_merchant_managed_fulfillment_orders',
  ],
  apiVersion: '2025-01',
  currency: 'USD',
  utcOffsetMinutes: -300,
  seedOrders: 7,
  maximumAvailable: 2000,
  restoreRate: 100,
  queryCost: 10,
};
