import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../monitoring/logger';
import { simulatorControl } from '../../simulators/kit/control';
import { createSupplierPortalSimulator } from '../../simulators/supplier-portal';
import type { SupplierPortalSimulator } from '../../simulators/supplier-portal';
import { supplierPortalConnector } from '.';
import type { SupplierPortalConfig } from '.';

const deps = { logger: createLogger('test', 'silent') };
const API_KEY = 'sp_live_check_71bd20ef';
let sim: SupplierPortalSimulator;
let config: SupplierPortalConfig;

beforeEach(async () => {
  sim = createSupplierPortalSimulator({ settings: { apiKey: API_KEY } });
  const baseUrl = await sim.start(0);
  config = {
    baseUrl,
    apiKey: API_KEY,
    webhookSecret: 'whsec_check_1',
    buyerCode: 'ACME-US',
    legalEntityId: 'le_acme_us',
    timeoutMs: 5_000,
  };
});
afterEach(() => sim.stop());

const steps = async (c: SupplierPortalConfig) => {
  const result = await supplierPortalConnector.check(c, deps);
  expect(JSON.stringify(result)).not.toContain(c.apiKey);
  return { ok: result.ok, steps: Object.fromEntries(result.checks.map((s) => [s.name, s])) };
};

describe('supplier-portal check()', () => {
  it('passes reach, authenticate and permissions against a healthy portal', async () => {
    const result = await steps(config);
    expect(result.ok).toBe(true);
    expect(Object.keys(result.steps)).toEqual(['reach', 'authenticate', 'permissions']);
  });

  it('fails authenticate as config when the key is refused, and skips permissions', async () => {
    const result = await steps({ ...config, apiKey: 'sp_live_wrong_key_000' });
    expect(result.steps.reach?.ok).toBe(true);
    expect(result.steps.authenticate).toMatchObject({ ok: false, errorKind: 'config' });
    expect(result.steps.authenticate?.message).toMatch(/401/);
    expect(result.steps.permissions?.message).toMatch(/skipped/);
  });

  it('fails authenticate when the key belongs to another buyer account', async () => {
    const result = await steps({ ...config, buyerCode: 'OTHER-CO' });
    expect(result.steps.authenticate).toMatchObject({ ok: false, errorKind: 'config' });
    expect(result.steps.authenticate?.message).toContain('"ACME-US"');
  });

  it('fails permissions as config naming a missing scope', async () => {
    await simulatorControl(sim.url).settings({ scopes: ['purchase_orders:write', 'acknowledgements:read'] });
    const result = await steps(config);
    expect(result.steps.permissions).toMatchObject({ ok: false, errorKind: 'config' });
    expect(result.steps.permissions?.message).toContain('asns:read');
  });

  it('fails reach as transient during an outage', async () => {
    await simulatorControl(sim.url).faults({ outageSeconds: 30 });
    const result = await steps(config);
    expect(result.steps.reach).toMatchObject({ ok: false, errorKind: 'transient' });
  });
});
