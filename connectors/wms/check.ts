/**
 * A live probe of a ShipHero connector: reach the API, authenticate (exchange the refresh token), and read a
 * little stock (permissions). Each step is reported by name; failures never throw and never contain a secret.
 */
import { classifyError } from '../../platform/errors';
import { createHttpClient } from '../sdk/http';
import type { CheckResult, CheckStep, ConnectorDeps } from '../sdk/types';
import type { WmsConfig } from './config-schema';
import { createWmsTransport } from './transport';
import type { WmsTransport } from './transport';

const ACCOUNT = `query { account { request_id complexity data { id warehouses { id identifier } } } }`;
const STOCK = `query { warehouse_products { request_id complexity data(first: 1) { edges { node { sku } } } } }`;

/** Runs the steps reach → authenticate → permissions, skipping the rest after the first failure. */
export async function checkWms(
  config: WmsConfig,
  _deps: ConnectorDeps,
  signal?: AbortSignal,
): Promise<CheckResult> {
  const checks: CheckStep[] = [];
  const secrets = [config.refreshToken, config.webhookSecret];
  const run = async (name: string, step: () => Promise<string>): Promise<boolean> => {
    const started = performance.now();
    const latencyMs = () => Math.round(performance.now() - started);
    try {
      checks.push({ name, ok: true, message: await step(), latencyMs: latencyMs() });
      return true;
    } catch (err) {
      const error = classifyError(err);
      const message = secrets.reduce((text, secret) => text.split(secret).join('***'), error.message);
      checks.push({ name, ok: false, message, latencyMs: latencyMs(), errorKind: error.kind });
      return false;
    }
  };
  const transport: WmsTransport = createWmsTransport(config);
  const steps: [string, () => Promise<string>][] = [
    [
      'reach',
      async () => {
        // Any HTTP answer proves the host is there; only the network failing is a failure here.
        const probe = createHttpClient({
          baseUrl: config.baseUrl,
          system: 'ShipHero',
          timeoutMs: config.timeoutMs,
        });
        const res = await probe.request({
          method: 'POST',
          path: '/graphql',
          body: { query: '{ __typename }' },
          accept: [400, 401, 403, 404, 405],
          ...(signal ? { signal } : {}),
        });
        return `ShipHero API at ${config.baseUrl} answered (HTTP ${res.status})`;
      },
    ],
    [
      'authenticate',
      async () => {
        const data = await transport.graphql<{ account: { data: { warehouses?: unknown[] | null } | null } }>(
          'account',
          ACCOUNT,
          {},
          signal,
        );
        const count = data.account.data?.warehouses?.length ?? 0;
        return `the refresh token was exchanged for an access token; the account has ${count} warehouse(s)`;
      },
    ],
    [
      'permissions',
      async () => {
        await transport.graphql('warehouse_products', STOCK, {}, signal);
        return 'the API user can read inventory (warehouse_products)';
      },
    ],
  ];
  let failed = false;
  for (const [name, step] of steps) {
    if (failed) checks.push({ name, ok: false, message: 'skipped: an earlier step failed', latencyMs: 0 });
    else failed = !(await run(name, step));
  }
  return { ok: checks.every((c) => c.ok), checks };
}
