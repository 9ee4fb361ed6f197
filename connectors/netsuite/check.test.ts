import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../monitoring/logger';
import { NETSUITE_SIM_CREDENTIALS, createNetSuiteSimulator } from '../../simulators/netsuite';
import { freePort } from '../../test/support/processes';
import { netsuiteConnector } from '.';
import type { NetSuiteConfig } from '.';

const sim = createNetSuiteSimulator();
const deps = { logger: createLogger('test', 'silent') };
let config: NetSuiteConfig;

beforeAll(async () => {
  const url = await sim.start(0);
  config = {
    ...NETSUITE_SIM_CREDENTIALS,
    baseUrl: `${url}/services/rest`,
    legalEntityId: 'le_acme_us',
    currency: 'USD',
    timeoutMs: 5_000,
  };
});
afterAll(() => sim.stop());

describe('NetSuite check()', () => {
  it('passes reach, authenticate and permissions against a healthy account', async () => {
    const result = await netsuiteConnector.check(config, deps);
    expect(result.checks.map((c) => [c.name, c.ok])).toEqual([
      ['reach', true],
      ['authenticate', true],
      ['permissions', true],
    ]);
    expect(result.ok).toBe(true);
  });

  it('explains a refused token as config, without a secret, and skips what needs it', async () => {
    const secret = 'a-wrong-token-secret-3f9';
    const result = await netsuiteConnector.check({ ...config, tokenSecret: secret }, deps);
    expect(result.ok).toBe(false);
    const auth = result.checks.find((c) => c.name === 'authenticate');
    expect(auth).toMatchObject({ ok: false, errorKind: 'config' });
    expect(auth?.message).toContain('NetSuite refused the token: Invalid login attempt.');
    expect(JSON.stringify(result)).not.toContain(secret);
    expect(JSON.stringify(result)).not.toContain(config.consumerSecret);
    expect(result.checks.find((c) => c.name === 'permissions')?.message).toMatch(/^skipped/);
  });

  it('names the unreachable URL and the network reason', async () => {
    const baseUrl = `http://127.0.0.1:${await freePort()}/services/rest`;
    const result = await netsuiteConnector.check({ ...config, baseUrl }, deps);
    expect(result.checks[0]).toMatchObject({ name: 'reach', ok: false, errorKind: 'transient' });
    expect(result.checks[0]?.message).toBe(`NetSuite at ${baseUrl} is unreachable (ECONNREFUSED)`);
  });
});
