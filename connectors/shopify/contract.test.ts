import { parseJson } from '../sdk/json';
import { createLogger } from '../../monitoring/logger';
import {
  createShopifySimulator,
  COLLECTIONS,
  SEEDED_LOCATIONS,
  SEEDED_VARIANTS,
} from '../../simulators/shopify/index';
import type { SimFulfillment, SimInventoryLevel } from '../../simulators/shopify/index';
import { simulatorControl } from '../../simulators/kit/control';
import { freePort } from '../../test/support/processes';
import { validateConnectorConfig } from '../config';
import { describeConnectorContract } from '../sdk/contract';
import { describeCommerceContract } from '../sdk/contracts/commerce';
import { startWebhookCapture } from '../sdk/contracts/webhook-capture';
import { shopifyConnector } from '.';
import type { ShopifyConfig } from '.';

const WEBHOOK_SECRET = 'shpss_contract_client_secret_0123';

const validConfig = () => ({
  shopDomain: 'distribution-hub-test.myshopify.com',
  accessToken: 'shpat_contract_token_abcdef0123456789',
  webhookSecret: WEBHOOK_SECRET,
  legalEntityId: 'le_acme_us',
});

describeConnectorContract(shopifyConnector, {
  validConfig,
  unreachableConfig: async () => ({
    ...validConfig(),
    baseUrl: `http://127.0.0.1:${await freePort()}`,
    timeoutMs: 5_000,
  }),
  invalidConfigs: [
    {
      name: 'a missing shop domain',
      config: { ...validConfig(), shopDomain: undefined },
      path: '/shopDomain',
    },
    {
      name: 'a shop domain that is not myshopify',
      config: { ...validConfig(), shopDomain: 'acme.com' },
      path: '/shopDomain',
    },
    {
      name: 'a missing access token',
      config: { ...validConfig(), accessToken: undefined },
      path: '/accessToken',
    },
    {
      name: 'a missing webhook secret',
      config: { ...validConfig(), webhookSecret: undefined },
      path: '/webhookSecret',
    },
    {
      name: 'an API version that is not a release',
      config: { ...validConfig(), apiVersion: '2025-02' },
      path: '/apiVersion',
    },
    {
      name: 'a base URL without scheme',
      config: { ...validConfig(), baseUrl: 'localhost:8080' },
      path: '/baseUrl',
    },
    {
      name: 'a legal entity id with spaces',
      config: { ...validConfig(), legalEntityId: 'le acme' },
      path: '/legalEntityId',
    },
    { name: 'a misspelt field', config: { ...validConfig(), acessToken: 'x' }, path: '/acessToken' },
    {
      name: 'zero retry attempts',
      config: { ...validConfig(), retry: { maximumAttempts: 0 } },
      path: '/retry/maximumAttempts',
    },
  ],
});

function validated(config: unknown): ShopifyConfig {
  const result = validateConnectorConfig(shopifyConnector, config);
  if (!result.valid) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

describeCommerceContract('shopify-commerce against the Shopify simulator', async () => {
  const sim = createShopifySimulator();
  const url = await sim.start(0);
  const control = simulatorControl(url);
  const capture = await startWebhookCapture();
  await control.registerWebhooks(capture.url, WEBHOOK_SECRET);
  const config = validated({ ...validConfig(), baseUrl: url, accessToken: sim.settings.accessToken });
  const deps = { logger: createLogger('test', 'silent'), connectorId: 'shopify-contract' };
  const post = async (path: string, body: unknown = {}) => {
    const res = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
    return parseJson(text) as { order: { id: string } };
  };
  return {
    webhooks: shopifyConnector.webhooks!,
    config,
    wrongSecretConfig: { ...config, webhookSecret: 'shpss_some_other_app_secret' },
    port: shopifyConnector.create(config, deps),
    badCredentialsPort: shopifyConnector.create(
      { ...config, accessToken: 'shpat_revoked_token_999999' },
      deps,
    ),
    secrets: [config.accessToken, 'shpat_revoked_token_999999', WEBHOOK_SECRET],
    control,
    capture,
    store: {
      // Through the test routes, so the order ids come back over JSON as exact digits (parseJson).
      createOrder: async (lines) => ({
        externalId: String((await post('/_test/orders', { lines })).order.id),
      }),
      updateOrder: async (id) =>
        void (await post(`/_test/orders/${id}/update`, { note: 'Leave at the back door' })),
      cancelOrder: async (id) => void (await post(`/_test/orders/${id}/cancel`, { reason: 'customer' })),
      webhooksIdle: () => sim.webhooks.idle(),
      throttle: async () => {
        await control.settings({ restoreRate: 1 });
        await post('/_test/throttle', { currentlyAvailable: 0 });
      },
      available: async (sku, location) => {
        const level = (await control.records<SimInventoryLevel>(COLLECTIONS.inventoryLevels)).find(
          (l) => l.sku === sku && String(l.location_id) === location,
        );
        return level === undefined ? undefined : String(level.available);
      },
      fulfillments: async (orderId) =>
        (await control.records<SimFulfillment>(COLLECTIONS.fulfillments))
          .filter((f) => f.order_id === orderId)
          .map((f) => ({ trackingNumbers: f.tracking_numbers })),
    },
    skus: SEEDED_VARIANTS.map((v) => v.sku),
    locations: SEEDED_LOCATIONS.map((l) => String(l.id)),
    seededOrders: sim.settings.seedOrders,
    missingOrderId: '1',
    signatureHeader: 'x-shopify-hmac-sha256',
    unmappablePaths: { missingSku: '/line_items/0/sku', badPrice: '/line_items/0/price' },
    teardown: async () => {
      await capture.close();
      await sim.stop();
    },
  };
});
