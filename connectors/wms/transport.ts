/**
 * The ShipHero transport: access tokens obtained from the configured refresh token (cached until shortly before
 * they expire, refreshed once more on a 401), GraphQL requests over the SDK's HTTP client (whose status mapping
 * it keeps), and GraphQL `errors[]` turned into hub error kinds. The refresh token never appears in an error.
 */
import { HubError, isHubError } from '../../platform/errors';
import { createHttpClient } from '../sdk/http';
import type { HttpClient } from '../sdk/http';
import { stringifyJson } from '../sdk/json';
import type { WmsConfig } from './config-schema';
import { graphqlError } from './graphql-errors';
import type { GraphqlError } from './graphql-errors';

/** Refresh this long before the access token's stated expiry. */
const EXPIRY_MARGIN_MS = 60_000;

/** Runs ShipHero GraphQL operations. */
export interface WmsTransport {
  /** Runs `query` and returns its `data`; throws a HubError of the right kind otherwise. */
  graphql<T>(
    operation: string,
    query: string,
    variables?: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<T>;
}

/** Options of the transport (tests replace fetch). */
export interface WmsTransportOptions {
  fetch?: typeof fetch;
}

/** Builds the transport of one connector instance; nothing is fetched until the first operation. */
export function createWmsTransport(config: WmsConfig, options: WmsTransportOptions = {}): WmsTransport {
  let token: { value: string; expiresAt: number } | undefined;
  const base = {
    baseUrl: config.baseUrl,
    system: 'ShipHero',
    timeoutMs: config.timeoutMs,
    fetch: options.fetch,
  };
  const auth: HttpClient = createHttpClient(base);
  const api: HttpClient = createHttpClient({
    ...base,
    headers: (): Record<string, string> => (token ? { authorization: `Bearer ${token.value}` } : {}),
  });

  const refresh = async (signal?: AbortSignal): Promise<void> => {
    try {
      const res = await auth.request<{ access_token?: unknown; expires_in?: unknown }>({
        method: 'POST',
        path: '/auth/refresh',
        body: { refresh_token: config.refreshToken },
        ...(signal ? { signal } : {}),
      });
      const value = res.body?.access_token;
      if (typeof value !== 'string' || !value) {
        throw new HubError('transient', 'ShipHero answered POST /auth/refresh without an access token');
      }
      const expiresIn = typeof res.body?.expires_in === 'number' ? res.body.expires_in * 1000 : 3_600_000;
      token = { value, expiresAt: Date.now() + Math.max(0, expiresIn - EXPIRY_MARGIN_MS) };
    } catch (err) {
      if (isHubError(err) && err.kind === 'config') {
        throw new HubError(
          'config',
          `ShipHero refused the configured refresh token (HTTP ${err.upstream?.status ?? '?'} from POST /auth/refresh); ` +
            'create a new one for the API user and update the connector',
          { ...(err.upstream ? { upstream: err.upstream } : {}), cause: err },
        );
      }
      throw err;
    }
  };

  const post = async <T>(query: string, variables: Record<string, unknown>, signal?: AbortSignal) =>
    api.request<{ data?: T | null; errors?: GraphqlError[] }>({
      method: 'POST',
      path: '/graphql',
      body: { query, variables },
      ...(signal ? { signal } : {}),
    });

  return {
    async graphql<T>(
      operation: string,
      query: string,
      variables: Record<string, unknown> = {},
      signal?: AbortSignal,
    ) {
      if (!token || token.expiresAt <= Date.now()) await refresh(signal);
      let res;
      try {
        res = await post<T>(query, variables, signal);
      } catch (err) {
        // An access token revoked or expired early: refresh once and try again.
        if (!isHubError(err) || err.upstream?.status !== 401) throw err;
        token = undefined;
        await refresh(signal);
        res = await post<T>(query, variables, signal);
      }
      const body = res.body ?? {};
      if (Array.isArray(body.errors) && body.errors.length) {
        throw graphqlError(operation, body.errors, stringifyJson(body));
      }
      if (body.data === undefined || body.data === null) {
        throw new HubError('transient', `ShipHero answered ${operation} without data`);
      }
      return body.data;
    },
  };
}
