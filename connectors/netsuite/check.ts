import { HubError, classifyError } from '../../platform/errors';
import type { CheckResult, CheckStep, ConnectorDeps } from '../sdk/types';
import { restRoot } from './config-schema';
import type { NetSuiteConfig } from './config-schema';
import { createNetSuiteTransport } from './transport';

const REACH_TIMEOUT_MS = 10_000;

function networkCode(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown; errors?: { code?: unknown }[] } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  const first = cause?.errors?.find((e) => typeof e.code === 'string')?.code;
  if (typeof first === 'string') return first;
  return (err as { name?: unknown }).name === 'TimeoutError'
    ? `no answer within ${REACH_TIMEOUT_MS} ms`
    : 'network error';
}

/**
 * A live probe of a NetSuite connector: reach the REST root (any HTTP answer will do), authenticate with a signed
 * request, and read a customer and the item list the operations need. Failures are reported as named steps with
 * an error kind; messages never contain a secret.
 */
export async function checkNetSuite(
  config: NetSuiteConfig,
  _deps: ConnectorDeps,
  signal?: AbortSignal,
): Promise<CheckResult> {
  const root = restRoot(config);
  const transport = createNetSuiteTransport(config);
  const checks: CheckStep[] = [];
  const run = async (name: string, step: () => Promise<string>): Promise<boolean> => {
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    try {
      checks.push({ name, ok: true, message: await step(), latencyMs: latency() });
      return true;
    } catch (err) {
      const error = classifyError(err);
      checks.push({ name, ok: false, message: error.message, latencyMs: latency(), errorKind: error.kind });
      return false;
    }
  };
  const skip = (name: string, because: string) =>
    checks.push({ name, ok: false, message: `skipped: ${because}`, latencyMs: 0 });

  const reached = await run('reach', async () => {
    const timeout = AbortSignal.timeout(REACH_TIMEOUT_MS);
    try {
      const res = await fetch(root, {
        method: 'GET',
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      await res.body?.cancel();
      return `NetSuite at ${root} answered (HTTP ${res.status})`;
    } catch (err) {
      throw new HubError('transient', `NetSuite at ${root} is unreachable (${networkCode(err)})`, {
        cause: err,
      });
    }
  });
  if (!reached) {
    skip('authenticate', 'NetSuite is unreachable');
    skip('permissions', 'NetSuite is unreachable');
    return { ok: false, checks };
  }
  const authenticated = await run('authenticate', async () => {
    try {
      await transport.list('customer', { limit: 1, offset: 0 }, signal);
    } catch (err) {
      const error = classifyError(err);
      if (error.kind !== 'config') throw error;
      const detail = /Invalid login attempt/i.test(error.message) ? 'Invalid login attempt.' : error.message;
      throw new HubError(
        'config',
        `NetSuite refused the token: ${detail} Check the consumer key/secret and token id/secret, ` +
          `and that the account id ${config.accountId} is right`,
        error.upstream ? { upstream: error.upstream } : {},
      );
    }
    return `signed in to account ${config.accountId} with token-based authentication`;
  });
  if (!authenticated) {
    skip('permissions', 'authentication failed');
    return { ok: false, checks };
  }
  await run('permissions', async () => {
    const customers = await transport.list('customer', { limit: 1, offset: 0 }, signal);
    const first = customers.items?.[0]?.id;
    if (first) await transport.get('customer', encodeURIComponent(first), signal);
    const items = await transport.list('inventoryItem', { limit: 1, offset: 0 }, signal);
    return `read customers (${customers.totalResults ?? 0}) and inventory items (${items.totalResults ?? 0})`;
  });
  return { ok: checks.every((c) => c.ok), checks };
}
