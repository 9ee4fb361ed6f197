import { classifyError, HubError } from '../../platform/errors';
import type { CheckResult, CheckStep, ConnectorDeps } from '../sdk/types';
import type { BusinessCentralConfig } from './config-schema';
import { createBcTransport, networkReason, SYSTEM } from './transport';
import type { TransportOptions } from './transport';

/**
 * A live probe of a Business Central connector: reach the API host, sign in with the client credentials, then
 * read the configured company and one customer. Failed steps carry their error kind; no secret is ever reported.
 */
export async function checkBusinessCentral(
  config: BusinessCentralConfig,
  _deps: ConnectorDeps,
  signal?: AbortSignal,
  options: TransportOptions = {},
): Promise<CheckResult> {
  const transport = createBcTransport(config, options);
  const doFetch = options.fetch ?? fetch;
  const checks: CheckStep[] = [];
  const scrub = (message: string) => message.split(config.clientSecret).join('***');
  const run = async (name: string, step: () => Promise<string>): Promise<boolean> => {
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    try {
      checks.push({ name, ok: true, message: scrub(await step()), latencyMs: latency() });
      return true;
    } catch (err) {
      const error = classifyError(err);
      checks.push({
        name,
        ok: false,
        message: scrub(error.message),
        latencyMs: latency(),
        errorKind: error.kind,
      });
      return false;
    }
  };
  const skip = (name: string, because: string) =>
    checks.push({ name, ok: false, message: `skipped: ${because}`, latencyMs: 0 });
  const host = new URL(transport.apiRoot).host;

  const reached = await run('reach', async () => {
    try {
      const timeout = AbortSignal.timeout(config.timeoutMs);
      const res = await doFetch(`${transport.apiRoot}/companies`, {
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      await res.arrayBuffer();
      return `${SYSTEM} at ${host} answered (${res.status})`;
    } catch (err) {
      throw new HubError('transient', `${SYSTEM} at ${host} is unreachable (${networkReason(err)})`, {
        cause: err,
      });
    }
  });
  const signedIn = reached
    ? await run('authenticate', async () => {
        await transport.token(signal);
        return `signed in as client ${config.clientId} of tenant ${config.tenantId}`;
      })
    : (skip('authenticate', `${SYSTEM} is unreachable`), false);
  if (!signedIn) {
    skip('permissions', 'not signed in');
  } else {
    await run('permissions', async () => {
      const company = await transport.request<{ displayName?: unknown; name?: unknown }>({
        method: 'GET',
        path: '',
        accept: [404],
        ...(signal ? { signal } : {}),
      });
      if (company.status === 404) {
        throw new HubError(
          'config',
          `${SYSTEM} has no company ${config.companyId} in environment ${config.environment}; check companyId`,
        );
      }
      const customers = await transport.request<{ value: unknown[] }>({
        method: 'GET',
        path: '/customers',
        query: { $top: 1 },
        ...(signal ? { signal } : {}),
      });
      const name =
        [company.body.displayName, company.body.name].find((n): n is string => typeof n === 'string') ??
        config.companyId;
      return `read company ${JSON.stringify(name)} in ${config.environment} and ${customers.body.value.length} customer record(s)`;
    });
  }
  return { ok: checks.every((c) => c.ok), checks };
}
