/**
 * The Shopify Admin GraphQL transport: one POST endpoint per API version, the access token per request, exact
 * JSON (via the SDK's HTTP client), and Shopify's own failure shapes translated into the hub's error kinds —
 * HTTP 200 with a THROTTLED error becomes `rate-limited` with the wait the cost bucket needs, ACCESS_DENIED
 * becomes `config`; HTTP statuses follow the SDK (429 → rate-limited, 5xx → transient, 401/403 → config).
 */
import { HubError } from '../../platform/errors';
import { createHttpClient } from '../sdk/http';
import type { HttpClient } from '../sdk/http';
import type { ShopifyConfig } from './config-schema';

/** One GraphQL error as Shopify reports it. */
interface GraphqlError {
  message?: string;
  path?: (string | number)[];
  extensions?: { code?: string };
}

/** What the GraphQL endpoint answers. */
interface GraphqlResponse<T> {
  data?: T | null;
  errors?: GraphqlError[] | string;
  extensions?: {
    cost?: {
      requestedQueryCost?: number;
      throttleStatus?: { maximumAvailable?: number; currentlyAvailable?: number; restoreRate?: number };
    };
  };
}

/** Runs Admin API GraphQL operations for one shop. */
export interface ShopifyTransport {
  /** Runs `query` with `variables`; any GraphQL error is thrown as a HubError of its kind. */
  graphql<T>(query: string, variables?: Record<string, unknown>, signal?: AbortSignal): Promise<T>;
}

/** The API root: the override (simulator, proxy) or https://{shopDomain}. */
export function shopBaseUrl(config: ShopifyConfig): string {
  return config.baseUrl ?? `https://${config.shopDomain}`;
}

function operationName(query: string): string {
  return /\b(query|mutation)\s+([A-Za-z_]\w*)/.exec(query)?.[2] ?? 'query';
}

/** The wait the cost bucket needs before `requested` points are available again, in ms (at least 1 s when unknown). */
export function throttleWaitMs(cost: GraphqlResponse<unknown>['extensions']): number {
  const status = cost?.cost?.throttleStatus;
  const requested = cost?.cost?.requestedQueryCost;
  if (!status?.restoreRate || requested === undefined || status.currentlyAvailable === undefined) return 1000;
  const missing = Math.max(requested - status.currentlyAvailable, 1);
  return Math.ceil((missing / status.restoreRate) * 1000);
}

function graphqlError(what: string, body: GraphqlResponse<unknown>): HubError | undefined {
  if (typeof body.errors === 'string')
    return new HubError('data', `Shopify refused ${what}: ${body.errors.slice(0, 300)}`);
  const errors = body.errors ?? [];
  if (!errors.length) return undefined;
  const codes = errors.map((e) => e.extensions?.code);
  const first = errors[0]?.message?.slice(0, 300) ?? 'unknown error';
  if (codes.includes('THROTTLED')) {
    const retryAfterMs = throttleWaitMs(body.extensions);
    return new HubError(
      'rate-limited',
      `Shopify throttled ${what}: the query cost bucket is empty (retry after ${retryAfterMs} ms)`,
      {
        retryAfterMs,
      },
    );
  }
  if (codes.includes('ACCESS_DENIED')) {
    return new HubError(
      'config',
      `Shopify denied ${what}: ${first} (grant the missing access scope to the app)`,
    );
  }
  if (codes.includes('INTERNAL_SERVER_ERROR'))
    return new HubError('transient', `Shopify failed ${what}: ${first}`);
  return new HubError('data', `Shopify rejected ${what}: ${first}`);
}

/** Builds the transport of one connector instance; no I/O until the first operation. */
export function createShopifyTransport(
  config: ShopifyConfig,
  options: { fetch?: typeof fetch } = {},
): ShopifyTransport {
  const http: HttpClient = createHttpClient({
    baseUrl: shopBaseUrl(config),
    system: 'Shopify',
    timeoutMs: config.timeoutMs,
    headers: () => ({ 'X-Shopify-Access-Token': config.accessToken }),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const path = `/admin/api/${config.apiVersion}/graphql.json`;
  return {
    async graphql<T>(
      query: string,
      variables: Record<string, unknown> = {},
      signal?: AbortSignal,
    ): Promise<T> {
      const what = `GraphQL ${operationName(query)}`;
      const res = await http.request<GraphqlResponse<T> | undefined>({
        method: 'POST',
        path,
        body: { query, variables },
        ...(signal ? { signal } : {}),
      });
      const body = res.body ?? {};
      const error = graphqlError(what, body);
      if (error) throw error;
      if (body.data === undefined || body.data === null) {
        throw new HubError('transient', `Shopify answered ${what} without data`);
      }
      return body.data;
    },
  };
}
