import { createLogger } from '../../monitoring/logger';
import {
  createWmsSimulator,
  WMS_SIM_COLLECTIONS,
  WMS_SIM_REFRESH_TOKEN,
  WMS_SIM_SKUS,
  WMS_SIM_WAREHOUSES,
} from '../../simulators/wms/index';
import { simulatorControl } from '../../simulators/kit/control';
import { freePort } from '../../test/support/processes';
import { validateConnectorConfig } from '../config';
import { describeConnectorContract } from '../sdk/contract';
import { describeWmsContract } from '../sdk/contracts/wms';
import { startWebhookCapture } from '../sdk/contracts/webhook-capture';
import { createShipHeroWms, wmsConnector } from '.';
import type { WmsConfig } from '.';

const WEBHOOK_SECRET = 'contract-webhook-secret';

const validConfig = (baseUrl = 'http://127.0.0.1:9') => ({
  baseUrl,
  refreshToken: WMS_SIM_REFRESH_TOKEN,
  webhookSecret: WEBHOOK_SECRET,
  legalEntityId: 'le_acme_us',
  warehouses: [
    { warehouseId: WMS_SIM_WAREHOUSES.primary, locationId: 'loc_dc_primary', timeZone: 'America/Chicago' },
    { warehouseId: WMS_SIM_WAREHOUSES.secondary, locationId: 'loc_dc_secondary' },
  ],
});

const validated = (config: unknown): WmsConfig => {
  const result = validateConnectorConfig(wmsConnector, config);
  if (!result.valid) throw new Error(JSON.stringify(result.errors));
  return result.value;
};

describeConnectorContract(wmsConnector, {
  validConfig: () => validConfig(),
  unreachableConfig: async () => ({
    ...validConfig(`http://127.0.0.1:${await freePort()}`),
    timeoutMs: 5_000,
  }),
  invalidConfigs: [
    { name: 'a missing base URL', config: { ...validConfig(), baseUrl: undefined }, path: '/baseUrl' },
    {
      name: 'a base URL without http(s)',
      config: { ...validConfig(), baseUrl: 'ftp://x' },
      path: '/baseUrl',
    },
    { name: 'a short refresh token', config: { ...validConfig(), refreshToken: 'x' }, path: '/refreshToken' },
    { name: 'no warehouses', config: { ...validConfig(), warehouses: [] }, path: '/warehouses' },
    {
      name: 'a warehouse without a location',
      config: { ...validConfig(), warehouses: [{ warehouseId: 'W' }] },
      path: '/warehouses/0/locationId',
    },
    {
      name: 'a bad legal entity id',
      config: { ...validConfig(), legalEntityId: '-x' },
      path: '/legalEntityId',
    },
    { name: 'a misspelt field', config: { ...validConfig(), baseURL: 'x' }, path: '/baseURL' },
    {
      name: 'zero retry attempts',
      config: { ...validConfig(), retry: { maximumAttempts: 0 } },
      path: '/retry/maximumAttempts',
    },
  ],
});

describeWmsContract<WmsConfig>('ShipHero WMS against its simulator', async () => {
  const sim = createWmsSimulator();
  const url = await sim.start(0);
  const control = simulatorControl(url);
  const capture = await startWebhookCapture({ acknowledgement: wmsConnector.webhooks?.acknowledgement });
  await control.registerWebhooks(capture.url, WEBHOOK_SECRET);
  const deps = { logger: createLogger('test', 'silent'), connectorId: 'shiphero-contract' };
  const config = validated(validConfig(url));
  const badSecret = 'definitely-not-the-refresh-token';
  return {
    manifest: wmsConnector,
    config,
    wrongSecretConfig: { ...config, webhookSecret: 'some-other-secret' },
    port: createShipHeroWms(config, deps),
    badCredentials: {
      port: createShipHeroWms({ ...config, refreshToken: badSecret }, deps),
      secret: badSecret,
    },
    control,
    capture,
    legalEntityId: config.legalEntityId,
    location: { id: 'loc_dc_primary', externalId: WMS_SIM_WAREHOUSES.primary },
    skus: [...WMS_SIM_SKUS],
    releasedOrders: async (salesOrderId) =>
      (await control.records<{ partner_order_id: string }>(WMS_SIM_COLLECTIONS.orders)).filter(
        (o) => o.partner_order_id === salesOrderId,
      ),
    expectedReturns: async (returnId) =>
      (await control.records<{ partner_id: string | null }>(WMS_SIM_COLLECTIONS.returns)).filter(
        (r) => r.partner_id === returnId,
      ),
    receiveReturn: async (returnId, lines) => {
      const res = await fetch(`${url}/__sim/receive-return`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ external_id: returnId, lines }),
      });
      if (!res.ok) throw new Error(`receive return: ${res.status} ${await res.text()}`);
    },
    dropShipmentLineSku: (payload) => {
      const line = (payload as { fulfillment: { line_items: Record<string, unknown>[] } }).fulfillment
        .line_items[0];
      if (line) delete line.sku;
      return '/fulfillment/line_items/0/sku';
    },
    cycleCount: async (sku, counted) => {
      const res = await fetch(`${url}/__sim/cycle-count`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sku, warehouse_id: WMS_SIM_WAREHOUSES.primary, counted_quantity: counted }),
      });
      if (!res.ok) throw new Error(`cycle count: ${res.status}`);
    },
    webhooksIdle: () => sim.webhooks.idle(),
    teardown: async () => {
      await sim.stop();
      await capture.close();
    },
  };
});
