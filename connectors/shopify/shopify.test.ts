import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../monitoring/logger';
import { simulatorControl } from '../../simulators/kit/control';
import { createShopifySimulator } from '../../simulators/shopify/index';
import { validateConnectorConfig } from '../config';
import { hmacSha256 } from '../sdk/webhooks';
import { shopifyConnector } from '.';
import type { ShopifyConfig } from '.';

const sim = createShopifySimulator();
const control = simulatorControl('http://pending');
let config: ShopifyConfig;
const deps = { logger: createLogger('test', 'silent') };

beforeAll(async () => {
  const url = await sim.start(0);
  Object.assign(control, simulatorControl(url));
  const result = validateConnectorConfig(shopifyConnector, {
    shopDomain: 'distribution-hub-test.myshopify.com',
    baseUrl: url,
    accessToken: sim.settings.accessToken,
    webhookSecret: 'shpss_test_secret_123',
    legalEntityId: 'le_acme_us',
  });
  if (!result.valid) throw new Error(JSON.stringify(result.errors));
  config = result.value;
});
afterAll(() => sim.stop());
beforeEach(async () => {
  await control.reset();
});

describe('Shopify check()', () => {
  it('passes reach, authenticate and permissions against a healthy shop', async () => {
    const result = await shopifyConnector.check(config, deps);
    expect(result.checks.map((c) => [c.name, c.ok])).toEqual([
      ['reach', true],
      ['authenticate', true],
      ['permissions', true],
    ]);
    expect(result.checks[1]!.message).toContain('Distribution Hub Test Shop');
  });

  it('fails authenticate as config for a wrong token, never showing the token', async () => {
    const token = 'shpat_wrong_token_for_check_42';
    const result = await shopifyConnector.check({ ...config, accessToken: token }, deps);
    expect(result.ok).toBe(false);
    expect(result.checks.map((c) => [c.name, c.ok, c.errorKind])).toEqual([
      ['reach', true, undefined],
      ['authenticate', false, 'config'],
      ['permissions', false, undefined],
    ]);
    expect(result.checks[1]!.message).toContain('401');
    expect(JSON.stringify(result)).not.toContain(token);
  });

  it('fails permissions as config when the app lacks a scope, and reach as transient during an outage', async () => {
    await control.settings({ scopes: ['read_orders', 'read_products'] });
    const denied = await shopifyConnector.check(config, deps);
    expect(denied.checks.at(-1)).toMatchObject({ name: 'permissions', ok: false, errorKind: 'config' });
    expect(denied.checks.at(-1)!.message).toContain('read_locations');
    await control.reset();
    await control.faults({ outageSeconds: 30 });
    const down = await shopifyConnector.check(config, deps);
    expect(down.checks[0]).toMatchObject({ name: 'reach', ok: false, errorKind: 'transient' });
  });
});

describe('Shopify webhook receiver', () => {
  it('verifies the base64 HMAC of the raw bytes and reads the delivery id, topic and exact big ids', () => {
    const raw = Buffer.from('{"id":820982911946154508,"name":"#1001"}');
    const headers = {
      'x-shopify-topic': 'orders/create',
      'x-shopify-hmac-sha256': hmacSha256(config.webhookSecret, raw, 'base64'),
      'x-shopify-webhook-id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
      'x-shopify-triggered-at': '2025-03-31T14:02:11.123Z',
    };
    const receiver = shopifyConnector.webhooks!;
    expect(receiver.verify(config, { rawBody: raw, headers })).toEqual({ valid: true });
    expect(receiver.read({ rawBody: raw, headers })).toEqual({
      deliveryId: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
      topic: 'orders/create',
      occurredAt: '2025-03-31T14:02:11.123Z',
      payload: { id: '820982911946154508', name: '#1001' },
    });
    expect(
      receiver.read({ rawBody: raw, headers: { ...headers, 'x-shopify-webhook-id': undefined } }),
    ).toEqual({
      malformed: 'the X-Shopify-Webhook-Id header is missing',
    });
  });
});

describe('Shopify operations', () => {
  it('names the userErrors field when Shopify refuses a stock setting, and refuses a non-numeric location', async () => {
    const port = shopifyConnector.create(config, deps);
    const context = { idempotencyKey: 'k1', references: { externalId: () => Promise.resolve(undefined) } };
    await expect(
      port.setInventory([{ sku: 'WID-1001', locationExternalId: '999', available: '3' }], context),
    ).rejects.toMatchObject({
      kind: 'data',
      fieldErrors: [
        {
          path: '/input/quantities/0/locationId',
          message: expect.stringContaining('INVALID_LOCATION') as unknown,
        },
      ],
    });
    await expect(
      port.setInventory([{ sku: 'WID-1001', locationExternalId: 'Reno', available: '3' }], context),
    ).rejects.toMatchObject({
      kind: 'data',
      fieldErrors: [{ path: '/0/locationExternalId' }],
    });
  });

  it('tags the stock change with the idempotency key as its reference document', async () => {
    const port = shopifyConnector.create(config, deps);
    const context = {
      idempotencyKey: 'wf-42/step-3',
      references: { externalId: () => Promise.resolve(undefined) },
    };
    await port.setInventory(
      [{ sku: 'GAD-2001', locationExternalId: 'gid://shopify/Location/655441492', available: '8' }],
      context,
    );
    const levels = await control.records<{
      sku: string;
      location_id: number;
      available: number;
      last_reference: string;
    }>('inventoryLevels');
    expect(levels.find((l) => l.sku === 'GAD-2001' && l.location_id === 655441492)).toMatchObject({
      available: 8,
      last_reference: 'hub://inventory-sync/wf-42%2Fstep-3',
    });
  });
});
