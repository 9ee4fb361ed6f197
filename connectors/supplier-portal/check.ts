import { HubError, classifyError } from '../../platform/errors';
import type { CheckResult, CheckStep, ConnectorDeps } from '../sdk/types';
import type { SupplierPortalConfig } from './config-schema';
import { createPortalTransport, SYSTEM } from './transport';

/** The scopes the hub's API key needs: publish POs and read acknowledgements, ASNs and invoices. */
export const REQUIRED_SCOPES = [
  'purchase_orders:write',
  'acknowledgements:read',
  'asns:read',
  'invoices:read',
];

/**
 * A live probe of a supplier-portal connector: reach the portal (unauthenticated status), authenticate the API key
 * (GET /api/v1/me, which must belong to the configured buyer), and verify the key's scopes with a one-record read.
 * Expected failures become failed steps with an error kind; the API key never appears in a message.
 */
export async function checkSupplierPortal(
  config: SupplierPortalConfig,
  _deps: ConnectorDeps,
  signal?: AbortSignal,
): Promise<CheckResult> {
  const transport = createPortalTransport(config);
  const checks: CheckStep[] = [];
  const run = async (name: string, step: () => Promise<string>): Promise<boolean> => {
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    try {
      checks.push({ name, ok: true, message: await step(), latencyMs: latency() });
      return true;
    } catch (err) {
      const error = classifyError(err);
      const message = error.message.split(config.apiKey).join('***');
      checks.push({ name, ok: false, message, latencyMs: latency(), errorKind: error.kind });
      return false;
    }
  };
  const skip = (name: string, because: string) =>
    checks.push({ name, ok: false, message: `skipped: ${because}`, latencyMs: 0 });
  const s = signal ? { signal } : {};

  const reached = await run('reach', async () => {
    await transport.request({ method: 'GET', path: '/api/v1/status', ...s });
    return `${SYSTEM} at ${config.baseUrl} answers`;
  });
  let scopes: string[] = [];
  const authenticated =
    reached &&
    (await run('authenticate', async () => {
      const me = await transport.request<{ buyer?: { code?: unknown; name?: unknown }; scopes?: unknown }>({
        method: 'GET',
        path: '/api/v1/me',
        ...s,
      });
      const code = me.body?.buyer?.code;
      if (code !== config.buyerCode) {
        throw new HubError(
          'config',
          `the API key belongs to buyer account ${JSON.stringify(code)}, not ${JSON.stringify(config.buyerCode)}`,
        );
      }
      scopes = Array.isArray(me.body?.scopes) ? me.body.scopes.map(String) : [];
      return `the API key is valid for buyer account ${config.buyerCode}`;
    }));
  if (!reached) skip('authenticate', 'the portal is not reachable');
  if (authenticated) {
    await run('permissions', async () => {
      const missing = REQUIRED_SCOPES.filter((scope) => !scopes.includes(scope));
      if (missing.length) {
        throw new HubError(
          'config',
          `the API key lacks the scope(s) ${missing.join(', ')}; ask the portal admin`,
        );
      }
      await transport.request({ method: 'GET', path: '/api/v1/acknowledgements', query: { limit: 1 }, ...s });
      return `the API key holds ${REQUIRED_SCOPES.join(', ')} and can read acknowledgements`;
    });
  } else {
    skip('permissions', reached ? 'authentication failed' : 'the portal is not reachable');
  }
  return { ok: checks.every((c) => c.ok), checks };
}
