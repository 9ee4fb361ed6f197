/**
 * The Business Central transport: client-credentials tokens from Microsoft Entra ID (cached, refreshed before
 * expiry and once after a 401), the company-scoped API v2.0 root, OData paging through `@odata.nextLink`, and the
 * SDK HTTP client's mapping of failures to error kinds.
 */
import { HubError, isHubError } from '../../platform/errors';
import { createHttpClient } from '../sdk/http';
import type { HttpClient, HttpRequest, HttpResponse } from '../sdk/http';
import type { BusinessCentralConfig } from './config-schema';

/** The system name used in every message. */
export const SYSTEM = 'Business Central';

/** Refresh a token this long before Entra ID says it expires. */
const EXPIRY_SKEW_MS = 60_000;

/** One OData collection answer. */
export interface ODataCollection<T> {
  value: T[];
  '@odata.nextLink'?: string;
}

/** A page read from a collection, with the cursor of the next one. */
export interface BcPage<T> {
  value: T[];
  nextCursor?: string;
}

/** What operations use: requests relative to the company, paging, and the token (for check()). */
export interface BcTransport {
  /** A request whose path is relative to `companies({companyId})`. */
  request<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>>;
  /** A request whose path is relative to the API root (e.g. "/companies"). */
  requestRoot<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>>;
  /**
   * A request to a custom API page installed by an extension (`/api/{publisher}/{group}/{version}`, given as
   * `apiPath`), its path relative to `companies({companyId})` there; same token and failure mapping.
   */
  requestApi<T = unknown>(apiPath: string, request: HttpRequest): Promise<HttpResponse<T>>;
  /** One page of a collection; `cursor` continues where a previous page's nextCursor left off. */
  page<T>(path: string, query: Record<string, string | undefined>, options: PageOptions): Promise<BcPage<T>>;
  /** Every record of a (filtered) collection, following nextLink. */
  all<T>(path: string, query: Record<string, string | undefined>, signal?: AbortSignal): Promise<T[]>;
  /** A valid access token, from the cache or freshly requested. */
  token(signal?: AbortSignal): Promise<string>;
  /** The API root URL, for messages. */
  readonly apiRoot: string;
}

/** Paging options of one collection read. */
export interface PageOptions {
  limit?: number;
  cursor?: string;
  signal?: AbortSignal;
}

/** Test seams of the transport. */
export interface TransportOptions {
  fetch?: typeof fetch;
  /** Clock in ms since epoch (tests move it past the token's expiry). */
  now?: () => number;
}

/** Quotes a value for an OData string literal (single quotes doubled). */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** The API root: {baseUrl}/v2.0/{tenantId}/{environment}/api/v2.0. */
export function apiRootOf(config: BusinessCentralConfig): string {
  return `${config.baseUrl.replace(/\/+$/, '')}/v2.0/${encodeURIComponent(config.tenantId)}/${encodeURIComponent(config.environment)}/api/v2.0`;
}

/** The root of a custom API: {baseUrl}/v2.0/{tenantId}/{environment}/api/{publisher}/{group}/{version}. */
export function customApiRootOf(config: BusinessCentralConfig, apiPath: string): string {
  return apiRootOf(config).replace(/\/api\/v2\.0$/, `/api/${apiPath.replace(/^\/+|\/+$/g, '')}`);
}

/** Why a fetch failed, by its system error code when there is one. */
export function networkReason(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown; errors?: { code?: unknown }[] } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  const first = cause?.errors?.find((e) => typeof e.code === 'string')?.code;
  if (typeof first === 'string') return first;
  return err instanceof Error ? err.message : String(err);
}

/** Requests a client-credentials token; failures are config (credentials) or transient (reachability). */
async function requestToken(
  config: BusinessCentralConfig,
  doFetch: typeof fetch,
  signal: AbortSignal | undefined,
): Promise<{ accessToken: string; expiresInMs: number }> {
  const url = `${config.authorityUrl.replace(/\/+$/, '')}/${encodeURIComponent(config.tenantId)}/oauth2/v2.0/token`;
  const host = new URL(url).host;
  const timeout = AbortSignal.timeout(config.timeoutMs);
  let res: Response;
  let text: string;
  try {
    res = await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: config.clientId,
        client_secret: config.clientSecret,
        scope: config.scope,
      }).toString(),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    text = await res.text();
  } catch (err) {
    if (signal?.aborted) throw err;
    const reason = timeout.aborted
      ? `did not answer within ${config.timeoutMs} ms`
      : `is unreachable (${networkReason(err)})`;
    throw new HubError('transient', `${SYSTEM} sign-in at ${host} ${reason}`, { cause: err });
  }
  let body: { access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown } =
    {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // handled below: no token in the body
  }
  if (!res.ok || typeof body.access_token !== 'string') {
    const detail = typeof body.error_description === 'string' ? body.error_description.split(/\r?\n/)[0] : '';
    const upstream = { status: res.status, bodyExcerpt: text.slice(0, 500) };
    if (res.status === 429)
      throw new HubError('rate-limited', `${SYSTEM} sign-in is rate limited`, { upstream });
    if (res.status >= 500 || (res.ok && typeof body.access_token !== 'string')) {
      throw new HubError('transient', `${SYSTEM} sign-in at ${host} answered ${res.status} without a token`, {
        upstream,
      });
    }
    throw new HubError(
      'config',
      `${SYSTEM} sign-in refused client ${config.clientId} of tenant ${config.tenantId}: ` +
        `${typeof body.error === 'string' ? body.error : res.status}${detail ? ` (${detail})` : ''}; check the client id and secret`,
      { upstream },
    );
  }
  const seconds = typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in ?? 3600);
  return { accessToken: body.access_token, expiresInMs: (Number.isFinite(seconds) ? seconds : 3600) * 1000 };
}

/** Builds the transport of one connector instance; no I/O until the first request. */
export function createBcTransport(
  config: BusinessCentralConfig,
  options: TransportOptions = {},
): BcTransport {
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const apiRoot = apiRootOf(config);
  const companyPath = `/companies(${config.companyId})`;
  let cached: { token: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;

  const token = async (signal?: AbortSignal): Promise<string> => {
    if (cached && now() < cached.expiresAt - EXPIRY_SKEW_MS) return cached.token;
    pending ??= requestToken(config, doFetch, signal)
      .then(({ accessToken, expiresInMs }) => {
        cached = { token: accessToken, expiresAt: now() + expiresInMs };
        return accessToken;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };

  const clientFor = (baseUrl: string) =>
    createHttpClient({
      baseUrl,
      system: SYSTEM,
      timeoutMs: config.timeoutMs,
      fetch: doFetch,
      headers: async (request) => ({ authorization: `Bearer ${await token(request.signal)}` }),
    });
  const http = clientFor(apiRoot);
  const customClients = new Map<string, HttpClient>();

  const sendWith = async <T>(client: HttpClient, request: HttpRequest): Promise<HttpResponse<T>> => {
    try {
      return await client.request<T>(request);
    } catch (err) {
      // An expired or revoked token: sign in again once, then let a second 401 stand (wrong permissions).
      if (!isHubError(err) || err.upstream?.status !== 401) throw err;
      cached = undefined;
      return client.request<T>(request);
    }
  };
  const send = <T>(request: HttpRequest) => sendWith<T>(http, request);

  const fromCursor = (cursor: string): { path: string; query: Record<string, string> } => {
    const url = new URL(Buffer.from(cursor, 'base64url').toString('utf8'));
    const root = new URL(apiRoot);
    if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname)) {
      throw new HubError('data', `${SYSTEM} paging cursor does not belong to ${root.host}`);
    }
    return { path: url.pathname.slice(root.pathname.length), query: Object.fromEntries(url.searchParams) };
  };

  const transport: BcTransport = {
    apiRoot,
    token,
    request: (request) => send({ ...request, path: `${companyPath}${request.path}` }),
    requestRoot: (request) => send(request),
    requestApi: (apiPath, request) => {
      let client = customClients.get(apiPath);
      if (!client) {
        client = clientFor(customApiRootOf(config, apiPath));
        customClients.set(apiPath, client);
      }
      return sendWith(client, { ...request, path: `${companyPath}${request.path}` });
    },
    async page<T>(path: string, query: Record<string, string | undefined>, options: PageOptions) {
      const limit = Math.max(1, Math.min(options.limit ?? 100, 1000));
      const target = options.cursor ? fromCursor(options.cursor) : { path: `${companyPath}${path}`, query };
      const res = await send<ODataCollection<T>>({
        method: 'GET',
        path: target.path,
        query: target.query,
        headers: { prefer: `odata.maxpagesize=${limit}` },
        ...(options.signal ? { signal: options.signal } : {}),
      });
      const next = res.body['@odata.nextLink'];
      return {
        value: res.body.value,
        ...(next ? { nextCursor: Buffer.from(next, 'utf8').toString('base64url') } : {}),
      };
    },
    async all<T>(path: string, query: Record<string, string | undefined>, signal?: AbortSignal) {
      const out: T[] = [];
      let cursor: string | undefined;
      do {
        const page: BcPage<T> = await transport.page<T>(path, query, {
          limit: 1000,
          ...(cursor ? { cursor } : {}),
          ...(signal ? { signal } : {}),
        });
        out.push(...page.value);
        cursor = page.nextCursor;
      } while (cursor);
      return out;
    },
  };
  return transport;
}
