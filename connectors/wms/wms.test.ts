import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../monitoring/logger';
import { isHubError } from '../../platform/errors';
import type { HubError } from '../../platform/errors';
import { simulatorControl } from '../../simulators/kit/control';
import {
  createWmsSimulator,
  WMS_SIM_COLLECTIONS,
  WMS_SIM_REFRESH_TOKEN,
  WMS_SIM_WAREHOUSES,
} from '../../simulators/wms/index';
import type { WmsSimulator } from '../../simulators/wms/index';
import { loadFixture } from '../../canonical-model/fixtures/load-fixture';
import type { WmsConfig } from './config-schema';
import { createShipHeroWms, wmsConnector } from './index';

const deps = { logger: createLogger('test', 'silent'), connectorId: 'shiphero-test' };
let sim: WmsSimulator;
let config: WmsConfig;
const control = () => simulatorControl(sim.url);

async function failure(promise: Promise<unknown>): Promise<HubError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isHubError(err)) throw new Error(`expected a HubError, got ${String(err)}`);
  return err;
}

beforeAll(async () => {
  sim = createWmsSimulator({ settings: { shipDelayMs: 60_000 } });
  await sim.start(0);
  config = {
    baseUrl: sim.url,
    refreshToken: WMS_SIM_REFRESH_TOKEN,
    webhookSecret: 'webhook-secret-123',
    legalEntityId: 'le_acme_us',
    warehouses: [{ warehouseId: WMS_SIM_WAREHOUSES.primary, locationId: 'loc_dc_chicago' }],
    timeZone: 'America/New_York',
    timeoutMs: 5_000,
    pageSize: 50,
  };
});
afterAll(() => sim.stop());
beforeEach(async () => {
  await control().reset();
  await control().settings({ shipDelayMs: 60_000 });
});

describe('ShipHero transport', () => {
  it('reports "not enough credits" (HTTP 200 with errors) as rate-limited with the wait it names', async () => {
    await control().settings({ throttleNext: 1, throttleRetrySeconds: 4 });
    const port = createShipHeroWms(config, deps);
    const err = await failure(port.getInventorySnapshot({}));
    expect(err).toMatchObject({ kind: 'rate-limited', retryAfterMs: 4_000 });
    expect((await port.getInventorySnapshot({}, { limit: 1 })).items).toHaveLength(1);
  });

  it('refreshes the access token once when the API stops accepting it', async () => {
    const port = createShipHeroWms(config, deps);
    await port.getInventorySnapshot({}, { limit: 1 });
    sim.store.collection(WMS_SIM_COLLECTIONS.accessTokens).clear();
    await port.getInventorySnapshot({}, { limit: 1 });
    expect((await control().requests('/auth/refresh')).map((r) => r.status)).toEqual([200, 200]);
    expect((await control().requests('/graphql')).map((r) => r.status)).toEqual([200, 401, 200]);
  });

  it('reports a GraphQL validation error as data, with ShipHero’s message', async () => {
    const port = createShipHeroWms(config, deps);
    const order = loadFixture('sales-order');
    order.shipFromLocationId = 'loc_dc_chicago';
    order.lines = [
      { ...order.lines[0]!, item: { identifiers: [{ qualifier: 'SKU', value: 'NO-SUCH-SKU' }] } },
    ];
    const err = await failure(
      port.releaseShippingOrder(order, {
        references: { externalId: () => Promise.resolve(undefined) },
        idempotencyKey: 'k',
      }),
    );
    expect(err.kind).toBe('data');
    expect(err.message).toContain('Product with sku NO-SUCH-SKU does not exist');
  });
});

describe('ShipHero check()', () => {
  it('passes reach, authenticate and permissions against a healthy API', async () => {
    const result = await wmsConnector.check(config, deps);
    expect(result.checks.map((c) => [c.name, c.ok])).toEqual([
      ['reach', true],
      ['authenticate', true],
      ['permissions', true],
    ]);
    expect(result.ok).toBe(true);
  });

  it('fails authenticate as config for a refused refresh token, without the token', async () => {
    const token = 'revoked-refresh-token-xyz';
    const result = await wmsConnector.check({ ...config, refreshToken: token }, deps);
    expect(result.ok).toBe(false);
    const step = result.checks.find((c) => c.name === 'authenticate');
    expect(step).toMatchObject({ ok: false, errorKind: 'config' });
    expect(step?.message).toMatch(/refresh token/);
    expect(JSON.stringify(result)).not.toContain(token);
    expect(result.checks.find((c) => c.name === 'permissions')?.message).toMatch(/skipped/);
  });

  it('fails reach as transient during an outage', async () => {
    await control().faults({ outageSeconds: 30 });
    const result = await wmsConnector.check(config, deps);
    expect(result.checks[0]).toMatchObject({ name: 'reach', ok: false, errorKind: 'transient' });
  });
});
