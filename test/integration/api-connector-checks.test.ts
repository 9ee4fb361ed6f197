import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { SIMULATORS } from '../../simulators/all';
import { SIMULATED_CONNECTORS } from '../../simulators/connector-configs';
import type { Simulator } from '../../simulators/kit/simulator';
import { apiCaller, startApi } from '../support/processes';
import type { HubProcess } from '../support/processes';

interface CheckResult {
  ok: boolean;
  checks: { name: string; ok: boolean; message: string; errorKind?: string }[];
}

describe('POST /v1/connectors/{id}/test against each simulated system', () => {
  const database = `hub_checks_${randomUUID().slice(0, 8)}`;
  let api: HubProcess & { url: string };
  let mongo: MongoClient;

  const call = apiCaller(() => api.url);

  beforeAll(async () => {
    api = await startApi({ HUB_MONGODB_DATABASE: database });
    mongo = await MongoClient.connect(process.env.HUB_MONGODB_URI!);
  });
  afterAll(async () => {
    await api?.stop();
    await mongo?.db(database).dropDatabase();
    await mongo?.close();
  });

  for (const connector of SIMULATED_CONNECTORS) {
    it(`${connector.type}: passes when up, names the credentials when they are wrong, and the outage when down`, async () => {
      const sim: Simulator<object> = SIMULATORS[connector.simulator].create();
      const url = await sim.start();
      try {
        const config = connector.config(url, 'whsec_checks', 'le_acme_us');
        const register = async (name: string, cfg: Record<string, unknown>) =>
          (await call<{ id: string }>('POST', '/v1/connectors', { name, type: connector.type, config: cfg }))
            .body.id;
        const test = async (id: string) => {
          const res = await call<CheckResult>('POST', `/v1/connectors/${id}/test`);
          expect(res.status).toBe(200);
          return res.body;
        };

        const good = await register(`${connector.type} good`, config);
        const healthy = await test(good);
        expect(healthy.ok, JSON.stringify(healthy)).toBe(true);
        expect(healthy.checks.length).toBeGreaterThanOrEqual(2);

        const wrongSecret = `${String(config[connector.credentialField])}-wrong`;
        const bad = await register(`${connector.type} bad`, {
          ...config,
          [connector.credentialField]: wrongSecret,
        });
        const refused = await test(bad);
        expect(refused.ok).toBe(false);
        const refusal = refused.checks.find((c) => !c.ok)!;
        expect(refusal.errorKind, JSON.stringify(refused)).toBe('config');
        expect(refusal.message.length).toBeGreaterThan(20);
        expect(JSON.stringify(refused)).not.toContain(wrongSecret);

        await sim.stop();
        const down = await test(good);
        expect(down.ok).toBe(false);
        const outage = down.checks.find((c) => !c.ok)!;
        expect(outage.errorKind, JSON.stringify(down)).toBe('transient');
        expect(outage.message).toMatch(/unreachable|ECONNREFUSED|not answering|no answer/i);
      } finally {
        await sim.stop();
      }
    });
  }
});
