/**
 * The NetSuite REST transport: every request signed with token-based authentication, record reads by internal id
 * or `eid:`, paged lists with `q` filters, upserts by external id, and `!transform`s. Failures become HubErrors
 * through the SDK's HTTP client (429 rate-limited, 5xx transient, 401/403 config, other 4xx data).
 */
import { HubError } from '../../platform/errors';
import { createHttpClient } from '../sdk/http';
import type { HttpClient } from '../sdk/http';
import { restRoot } from './config-schema';
import type { NetSuiteConfig } from './config-schema';
import { oauthHeader } from './oauth';
import type { NsListPage } from './types';

/** Largest page the REST Record API serves. */
export const MAX_PAGE_SIZE = 1000;

/** Record reads at once when a page of ids is expanded (NetSuite limits concurrent requests per account). */
const READ_CONCURRENCY = 4;

/** The NetSuite calls operations are written with. */
export interface NetSuiteTransport {
  readonly root: string;
  readonly http: HttpClient;
  /** One record by internal id or `eid:<externalId>`; undefined when NetSuite has none. */
  get<T>(type: string, key: string, signal?: AbortSignal): Promise<T | undefined>;
  /** One page of record ids. */
  list(
    type: string,
    page: { limit: number; offset: number; q?: string },
    signal?: AbortSignal,
  ): Promise<NsListPage>;
  /** The full records of a page of ids, read a few at a time. */
  readAll<T>(type: string, ids: string[], signal?: AbortSignal): Promise<T[]>;
  /** Creates a record (`POST /record/v1/{type}`); returns its internal id. */
  create(type: string, body: unknown, signal?: AbortSignal): Promise<string>;
  /** Creates or replaces the record with this external id; returns its internal id. */
  upsert(type: string, externalId: string, body: unknown, signal?: AbortSignal): Promise<string>;
  /** Changes fields (and sublist lines, by their `line`) of a record by internal id (`PATCH /record/v1/{type}/{id}`). */
  patch(type: string, id: string, body: unknown, signal?: AbortSignal): Promise<void>;
  /** Transforms a record into a new one (receipt, fulfilment, invoice, bill, credit memo); returns the new internal id. */
  transform(type: string, id: string, target: string, body: unknown, signal?: AbortSignal): Promise<string>;
}

/** `eid:<externalId>` as a path segment. */
export function byExternalId(externalId: string): string {
  return `eid:${encodeURIComponent(externalId)}`;
}

/** A `q` value in double quotes; a quote inside would change the query, so it is refused. */
export function quoted(value: string, field: string): string {
  if (/["\\]/.test(value))
    throw new HubError('data', `${field} ${JSON.stringify(value)} cannot be searched in NetSuite`);
  return `"${value}"`;
}

function idFromLocation(location: string | null, what: string): string {
  const id = location ? /\/([^/?#]+)\/?(?:[?#].*)?$/.exec(location)?.[1] : undefined;
  if (!id)
    throw new HubError('transient', `NetSuite answered ${what} without the Location of the record it made`);
  return decodeURIComponent(id);
}

/** Builds the transport of one connector instance (no I/O until a call). */
export function createNetSuiteTransport(config: NetSuiteConfig, fetchImpl?: typeof fetch): NetSuiteTransport {
  const root = restRoot(config);
  const http = createHttpClient({
    baseUrl: root,
    system: 'NetSuite',
    timeoutMs: config.timeoutMs,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
    headers: (request) => {
      const url = new URL(root + request.path);
      for (const [key, value] of Object.entries(request.query ?? {})) {
        if (value !== undefined) url.searchParams.set(key, String(value));
      }
      return { authorization: oauthHeader(request.method, url.toString(), config) };
    },
  });
  const recordPath = (type: string, key?: string) =>
    `/record/v1/${type}${key === undefined ? '' : `/${key}`}`;

  const transport: NetSuiteTransport = {
    root,
    http,
    async get<T>(type: string, key: string, signal?: AbortSignal) {
      const res = await http.request<T>({
        method: 'GET',
        path: recordPath(type, key),
        accept: [404],
        signal,
      });
      return res.status === 404 ? undefined : res.body;
    },
    async list(type, page, signal) {
      const res = await http.request<NsListPage>({
        method: 'GET',
        path: recordPath(type),
        query: { limit: page.limit, offset: page.offset, q: page.q },
        signal,
      });
      return res.body ?? {};
    },
    async readAll<T>(type: string, ids: string[], signal?: AbortSignal) {
      const out: T[] = new Array<T>(ids.length);
      let next = 0;
      const worker = async () => {
        while (next < ids.length) {
          const index = next++;
          const record = await transport.get<T>(type, ids[index]!, signal);
          // A record deleted between the list and the read is simply no longer there.
          if (record !== undefined) out[index] = record;
        }
      };
      await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, ids.length) }, worker));
      return out.filter((r) => r !== undefined);
    },
    async create(type, body, signal) {
      const res = await http.request({ method: 'POST', path: recordPath(type), body, signal });
      return idFromLocation(res.headers.get('location'), `POST ${type}`);
    },
    async upsert(type, externalId, body, signal) {
      const res = await http.request({
        method: 'PUT',
        path: recordPath(type, byExternalId(externalId)),
        body,
        signal,
      });
      return idFromLocation(res.headers.get('location'), `PUT ${type}`);
    },
    async patch(type, id, body, signal) {
      await http.request({ method: 'PATCH', path: recordPath(type, encodeURIComponent(id)), body, signal });
    },
    async transform(type, id, target, body, signal) {
      const res = await http.request({
        method: 'POST',
        path: `${recordPath(type, encodeURIComponent(id))}/!transform/${target}`,
        body,
        signal,
      });
      return idFromLocation(res.headers.get('location'), `!transform ${type} → ${target}`);
    },
  };
  return transport;
}
