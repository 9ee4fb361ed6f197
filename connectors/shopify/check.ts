import { classifyError } from '../../platform/errors';
import type { HubError } from '../../platform/errors';
import type { CheckResult, CheckStep, ConnectorDeps } from '../sdk/types';
import type { ShopifyConfig } from './config-schema';
import { createShopifyTransport, shopBaseUrl } from './transport';

const SHOP = `query CheckShop { shop { name myshopifyDomain } }`;
const PERMISSIONS = `query CheckPermissions {
  orders(first: 1) { nodes { id } }
  productVariants(first: 1) { nodes { id inventoryItem { id } } }
  locations(first: 1) { nodes { id } }
}`;

/**
 * A live probe of a Shopify connector: reach the Admin API, authenticate with the access token (the shop query),
 * and read orders, variants with their inventory items, and locations (the scopes the operations need). Every step
 * is reported by name; expected failures become failed steps, and the token never appears in a message.
 */
export async function checkShopify(
  config: ShopifyConfig,
  _deps: ConnectorDeps,
  signal?: AbortSignal,
): Promise<CheckResult> {
  const transport = createShopifyTransport(config);
  const checks: CheckStep[] = [];
  const timed = async <T>(
    fn: () => Promise<T>,
  ): Promise<{ value?: T; error?: HubError; latencyMs: number }> => {
    const started = performance.now();
    try {
      const value = await fn();
      return { value, latencyMs: Math.round(performance.now() - started) };
    } catch (err) {
      return { error: classifyError(err), latencyMs: Math.round(performance.now() - started) };
    }
  };
  const fail = (name: string, error: HubError, latencyMs: number) =>
    checks.push({ name, ok: false, message: error.message, latencyMs, errorKind: error.kind });
  const skip = (name: string, because: string) =>
    checks.push({ name, ok: false, message: `skipped: ${because}`, latencyMs: 0 });

  const where = shopBaseUrl(config);
  const shop = await timed(() =>
    transport.graphql<{ shop: { name: string; myshopifyDomain: string } }>(SHOP, {}, signal),
  );
  if (shop.error && shop.error.kind !== 'config') {
    fail('reach', shop.error, shop.latencyMs);
    skip('authenticate', 'the Admin API was not reached');
    skip('permissions', 'the Admin API was not reached');
    return { ok: false, checks };
  }
  checks.push({
    name: 'reach',
    ok: true,
    message: `reached the Admin API ${config.apiVersion} at ${where}`,
    latencyMs: shop.latencyMs,
  });
  if (shop.error || !shop.value) {
    fail('authenticate', shop.error ?? classifyError(new Error('no shop')), shop.latencyMs);
    skip('permissions', 'authentication failed');
    return { ok: false, checks };
  }
  checks.push({
    name: 'authenticate',
    ok: true,
    message: `authenticated to shop ${JSON.stringify(shop.value.shop.name)} (${shop.value.shop.myshopifyDomain})`,
    latencyMs: 0,
  });
  const permissions = await timed(() => transport.graphql(PERMISSIONS, {}, signal));
  if (permissions.error) fail('permissions', permissions.error, permissions.latencyMs);
  else
    checks.push({
      name: 'permissions',
      ok: true,
      message: 'can read orders, product variants with inventory items, and locations',
      latencyMs: permissions.latencyMs,
    });
  return { ok: checks.every((c) => c.ok), checks };
}
