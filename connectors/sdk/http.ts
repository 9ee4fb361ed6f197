/**
 * The HTTP transport every REST/GraphQL connector builds on: one place that owns timeouts, JSON that keeps large
 * integers and long decimals exact, and the translation of what an upstream answers into the hub's error kinds —
 * 429 → rate-limited (with the server's Retry-After), 5xx/timeouts/network → transient, 401/403 → config,
 * 409 → duplicate, other 4xx → data. Credentials are added per request and never appear in an error or a log line.
 */
import { HubError, kindForHttpStatus, parseRetryAfter } from '../../platform/errors';
import { parseJson, stringifyJson } from './json';

/** One request to the upstream API. `path` is appended to the base URL; `query` values are URL-encoded. */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Statuses that are answers rather than errors for this call (e.g. 404 for a lookup). 2xx always are. */
  accept?: number[];
}

/** The upstream's answer: status, headers, and the body parsed as JSON (or undefined when there is none). */
export interface HttpResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** What a connector's transport configures once. */
export interface HttpClientOptions {
  /** The API root, e.g. "https://123456.suitetalk.api.netsuite.com/services/rest". */
  baseUrl: string;
  /** Human name of the system for messages, e.g. "NetSuite". */
  system: string;
  /** Headers added to every request (authentication); computed per request so tokens can rotate. */
  headers?: (request: HttpRequest) => Record<string, string> | Promise<Record<string, string>>;
  /** Per-request time limit; default 30 s. */
  timeoutMs?: number;
  /** Replaces global fetch (tests). */
  fetch?: typeof fetch;
}

/** A configured client: `request` throws a HubError of the right kind for anything but an accepted answer. */
export interface HttpClient {
  request<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>>;
}

/** Largest excerpt of an upstream body kept on an error, in characters. */
export const BODY_EXCERPT_CHARS = 2_000;

const DEFAULT_TIMEOUT_MS = 30_000;

function urlOf(baseUrl: string, request: HttpRequest): string {
  const url = new URL(baseUrl.replace(/\/+$/, '') + request.path);
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.toString();
}

/** Builds the client for one connector instance. */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  return {
    async request<T>(request: HttpRequest): Promise<HttpResponse<T>> {
      const what = `${request.method} ${request.path}`;
      const url = urlOf(options.baseUrl, request);
      const headers: Record<string, string> = {
        accept: 'application/json',
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(await options.headers?.(request)),
        ...request.headers,
      };
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
      let res: Response;
      let text: string;
      try {
        res = await doFetch(url, {
          method: request.method,
          headers,
          signal,
          ...(request.body === undefined ? {} : { body: stringifyJson(request.body) }),
        });
        text = await res.text();
      } catch (err) {
        if (request.signal?.aborted) throw err;
        const reason = timeout.aborted
          ? `no answer within ${timeoutMs} ms`
          : `unreachable (${networkReason(err)})`;
        throw new HubError('transient', `${options.system} ${reason} for ${what}`, { cause: err });
      }
      const accepted =
        (res.status >= 200 && res.status < 300) || request.accept?.includes(res.status) === true;
      if (!accepted) throw upstreamError(options.system, what, res, text);
      if (!text.trim()) return { status: res.status, headers: res.headers, body: undefined as T };
      try {
        return { status: res.status, headers: res.headers, body: parseJson(text) as T };
      } catch {
        // A proxy's HTML error page on a 200 is an outage in disguise, not a defect of the document we sent.
        throw new HubError('transient', `${options.system} answered ${what} with a body that is not JSON`, {
          upstream: { status: res.status, bodyExcerpt: text.slice(0, BODY_EXCERPT_CHARS) },
        });
      }
    },
  };
}

function networkReason(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown; errors?: { code?: unknown }[] } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  const first = cause?.errors?.find((e) => typeof e.code === 'string')?.code;
  if (typeof first === 'string') return first;
  return err instanceof Error ? err.message : String(err);
}

/** The HubError for an upstream answer that is not accepted: kind by status, Retry-After honoured. */
export function upstreamError(system: string, what: string, res: Response, text: string): HubError {
  const kind = kindForHttpStatus(res.status);
  const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
  const detail = upstreamMessage(text);
  const advice =
    kind === 'config'
      ? ' (check the credentials and the permissions of the integration user)'
      : kind === 'rate-limited'
        ? ` (retry after ${Math.ceil((retryAfterMs ?? 1000) / 1000)} s)`
        : '';
  return new HubError(
    kind,
    `${system} answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''} for ${what}${detail ? `: ${detail}` : ''}${advice}`,
    {
      ...(retryAfterMs === undefined || (kind !== 'rate-limited' && kind !== 'transient')
        ? {}
        : { retryAfterMs }),
      upstream: { status: res.status, bodyExcerpt: text.slice(0, BODY_EXCERPT_CHARS) },
    },
  );
}

/** The upstream's own error message from common shapes (RFC 9457 detail, OData error, NetSuite o:errorDetails). */
function upstreamMessage(text: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  const b = body as Record<string, unknown> | null;
  if (!b || typeof b !== 'object') return undefined;
  const candidates = [
    (b['o:errorDetails'] as { detail?: unknown }[] | undefined)?.[0]?.detail,
    (b.error as { message?: unknown } | undefined)?.message,
    b.detail,
    b.message,
    b.title,
    typeof b.errors === 'string' ? b.errors : undefined,
  ];
  const found = candidates.find((c): c is string => typeof c === 'string' && c.length > 0);
  return found?.slice(0, 300);
}
