/**
 * The slice of OData v4 the Business Central API uses that the simulator answers: `$filter` with `eq ne gt ge lt
 * le` joined by `and`, server-driven paging (`Prefer: odata.maxpagesize`, `$skiptoken`, `@odata.nextLink`) and
 * the `{ "error": { "code", "message" } }` error body.
 */

/** A Business Central error body. */
export function bcError(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

/** The BC error code the simulator uses for an HTTP status. */
export function errorCodeFor(status: number): string {
  if (status === 401) return 'Authentication_InvalidCredentials';
  if (status === 404) return 'BadRequest_NotFound';
  if (status === 412) return 'Request_EntityChanged';
  if (status === 429) return 'Application_TooManyRequests';
  if (status >= 500) return 'InternalServerError';
  return 'BadRequest';
}

/** Thrown by a route to answer with a BC error. */
export class BcHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code = errorCodeFor(status),
  ) {
    super(message);
  }
}

type Op = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
interface Clause {
  field: string;
  op: Op;
  value: string | number | boolean | null;
}

function splitAnd(filter: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < filter.length; i += 1) {
    if (filter[i] === "'") quoted = !quoted;
    if (!quoted && filter.slice(i, i + 5).toLowerCase() === ' and ') {
      parts.push(filter.slice(start, i));
      start = i + 5;
      i += 4;
    }
  }
  parts.push(filter.slice(start));
  return parts.map((p) => p.trim());
}

function literal(text: string): Clause['value'] {
  if (text.startsWith("'")) return text.slice(1, -1).replace(/''/g, "'");
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null') return null;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text; // GUIDs, dates and date-times are unquoted in OData v4
}

/** Parses a `$filter`; anything outside the supported slice is a 400 like BC's. */
export function parseFilter(filter: string | undefined): Clause[] {
  if (!filter?.trim()) return [];
  return splitAnd(filter).map((part) => {
    const m = /^(\w+)\s+(eq|ne|gt|ge|lt|le)\s+('(?:[^']|'')*'|\S+)$/.exec(part);
    if (!m) throw new BcHttpError(400, `The filter expression '${part}' is not supported.`);
    return { field: m[1]!, op: m[2] as Op, value: literal(m[3]!) };
  });
}

function compare(a: unknown, b: Clause['value']): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = typeof a === 'string' || typeof a === 'number' || typeof a === 'boolean' ? String(a) : '';
  const sb = String(b ?? '');
  const da = Date.parse(sa);
  const db = Date.parse(sb);
  if (/^\d{4}-\d{2}-\d{2}/.test(sb) && !Number.isNaN(da) && !Number.isNaN(db)) return da - db;
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** True when `record` satisfies every clause. */
export function matches(record: Record<string, unknown>, clauses: Clause[]): boolean {
  return clauses.every(({ field, op, value }) => {
    if (!(field in record)) throw new BcHttpError(400, `Could not find a property named '${field}'.`);
    const c = compare(record[field], value);
    if (op === 'eq') return c === 0;
    if (op === 'ne') return c !== 0;
    if (op === 'gt') return c > 0;
    if (op === 'ge') return c >= 0;
    if (op === 'lt') return c < 0;
    return c <= 0;
  });
}

/** The page size a request asks for with `Prefer: odata.maxpagesize=N`, capped by the server's. */
export function pageSizeOf(prefer: string | undefined, serverPageSize: number): number {
  const m = /odata\.maxpagesize=(\d+)/.exec(prefer ?? '');
  const wanted = m ? Number(m[1]) : serverPageSize;
  return Math.max(1, Math.min(wanted, serverPageSize));
}
