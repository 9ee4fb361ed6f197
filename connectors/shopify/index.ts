/** Shopify (Admin GraphQL API): order webhooks in, stock levels and fulfilments out. */
import type { CommercePort } from '../sdk/ports/commerce';
import type { ConnectorDeps, ConnectorManifest } from '../sdk/types';
import { checkShopify } from './check';
import { shopifyConfigSchema } from './config-schema';
import type { ShopifyConfig } from './config-schema';
import { createFulfillment } from './operations/create-fulfillment';
import type { OperationContext } from './operations/context';
import { getOrder } from './operations/get-order';
import { listOrders } from './operations/list-orders';
import { mapWebhook, ORDER_TOPICS } from './operations/map-webhook';
import { setInventory } from './operations/set-inventory';
import { createShopifyTransport } from './transport';
import { shopifyWebhooks } from './webhooks';

export type { ShopifyConfig };
export { ORDER_TOPICS, shopifyWebhooks };

/** Builds the connector instance; nothing is sent to Shopify until an operation runs. */
function createShopifyConnector(config: ShopifyConfig, deps: ConnectorDeps): CommercePort {
  const ctx: OperationContext = {
    config,
    transport: createShopifyTransport(config),
    mapping: { connectorId: deps.connectorId ?? 'unregistered', legalEntityId: config.legalEntityId },
    inventoryItems: new Map(),
  };
  return {
    getOrder: (externalId, options) => getOrder(ctx, externalId, options),
    listOrders: (options) => listOrders(ctx, options),
    setInventory: (settings, context) => setInventory(ctx, settings, context),
    createFulfillment: (shipment, context) => createFulfillment(ctx, shipment, context),
    mapWebhook: (envelope) => mapWebhook(ctx, envelope),
  };
}

/** The manifest of the Shopify commerce connector. */
export const shopifyConnector: ConnectorManifest<ShopifyConfig, CommercePort> = {
  type: 'shopify-commerce',
  version: '1.0.0',
  kind: 'commerce',
  displayName: 'Shopify',
  description:
    'Connects a Shopify store through the Admin GraphQL API: receives signed order webhooks (created, updated, ' +
    'cancelled) as sales orders, reads orders incrementally, sets available stock per location and creates ' +
    'fulfilments with tracking.',
  capabilities: {
    supportsWebhooks: true,
    transports: ['https'],
    objectTypes: ['sales-order'],
    operations: ['get-order', 'list-orders', 'set-inventory', 'create-fulfillment'],
  },
  configSchema: shopifyConfigSchema,
  create: createShopifyConnector,
  check: checkShopify,
  webhooks: shopifyWebhooks,
};
