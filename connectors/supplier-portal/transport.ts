/**
 * The supplier portal's HTTP transport: Bearer API-key auth on every request, the SDK's error kinds, the portal's
 * field errors ("lines[0].unit") turned into JSON pointers, and one cursor-paged list reader.
 */
import { HubError, isHubError } from '../../platform/errors';
import { createHttpClient } from '../sdk/http';
import type { HttpClient, HttpRequest, HttpResponse } from '../sdk/http';
import type { ListOptions, Page } from '../sdk/ports/common';
import type { SupplierPortalConfig } from './config-schema';

/** The name used in messages. */
export const SYSTEM = 'Supplier portal';
/** The value of `source.system` on canonical documents read from the portal. */
export const SOURCE_SYSTEM = 'supplier-portal';
/** Largest page the portal serves. */
export const MAX_PAGE_SIZE = 100;

/** The portal's list answer. */
export interface PortalList {
  data?: unknown;
  next_cursor?: unknown;
}

/** A configured portal client. */
export interface PortalTransport {
  request<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>>;
  /** One page of a list endpoint, each record mapped; a record that does not map fails the page with `data`. */
  listPage<T>(path: string, options: ListOptions, map: (record: unknown) => T): Promise<Page<T>>;
}

/** "lines[0].unit_price" → "/lines/0/unit_price". */
export function fieldPointer(field: string): string {
  return `/${field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .join('/')}`;
}

function withFieldErrors(err: unknown): unknown {
  if (!isHubError(err) || err.kind !== 'data' || !err.upstream?.bodyExcerpt || err.fieldErrors) return err;
  try {
    const body = JSON.parse(err.upstream.bodyExcerpt) as {
      error?: { fields?: { field?: unknown; message?: unknown }[] };
    };
    const fields = (body.error?.fields ?? []).filter(
      (f): f is { field: string; message: string } =>
        typeof f.field === 'string' && typeof f.message === 'string',
    );
    if (!fields.length) return err;
    return new HubError('data', err.message, {
      upstream: err.upstream,
      fieldErrors: fields.map((f) => ({ path: fieldPointer(f.field), message: f.message })),
      cause: err,
    });
  } catch {
    return err;
  }
}

/** Builds the transport of one connector instance; the API key is added per request and never logged. */
export function createPortalTransport(
  config: SupplierPortalConfig,
  fetchImpl?: typeof fetch,
): PortalTransport {
  const http: HttpClient = createHttpClient({
    baseUrl: config.baseUrl,
    system: SYSTEM,
    timeoutMs: config.timeoutMs,
    headers: () => ({ authorization: `Bearer ${config.apiKey}` }),
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
  const request = async <T>(req: HttpRequest): Promise<HttpResponse<T>> => {
    try {
      return await http.request<T>(req);
    } catch (err) {
      throw withFieldErrors(err);
    }
  };
  return {
    request,
    async listPage(path, options, map) {
      const limit = Math.min(Math.max(1, options.limit ?? 50), MAX_PAGE_SIZE);
      const res = await request<PortalList>({
        method: 'GET',
        path,
        query: { updated_since: options.modifiedSince, cursor: options.cursor, limit },
        ...(options.signal ? { signal: options.signal } : {}),
      });
      const data = res.body?.data;
      if (!Array.isArray(data)) {
        throw new HubError('transient', `${SYSTEM} answered GET ${path} without a "data" list`, {
          upstream: { status: res.status },
        });
      }
      const next = res.body?.next_cursor;
      return {
        items: data.map(map),
        ...(typeof next === 'string' && next ? { nextCursor: next } : {}),
      };
    },
  };
}
