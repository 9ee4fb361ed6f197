/**
 * Keyset pagination of the portal's list endpoints: records ordered by (updated_at, id), `updated_since` inclusive,
 * and an opaque cursor naming the last record of the previous page — stable while records are added.
 */
import type { Request } from 'express';

/** A record that can be listed. */
export interface Listable {
  id: string;
  updated_at: string;
}

/** One page as the portal answers it. */
export interface ListPage<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  next_cursor: string | null;
}

/** A query parameter the portal refused, as its error names it. */
export class QueryError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function encodeCursor(record: Listable): string {
  return Buffer.from(JSON.stringify({ u: record.updated_at, i: record.id })).toString('base64url');
}

function decodeCursor(cursor: string): { u: string; i: string } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      u?: unknown;
      i?: unknown;
    };
    if (typeof parsed.u === 'string' && typeof parsed.i === 'string') return { u: parsed.u, i: parsed.i };
  } catch {
    // fall through to the error below
  }
  throw new QueryError('cursor', 'The cursor is not one this portal issued');
}

const after = (a: Listable, u: string, i: string) => a.updated_at > u || (a.updated_at === u && a.id > i);

/** The page of `records` the request asks for; throws QueryError for a bad `updated_since`, `cursor` or `limit`. */
export function listPage<T extends Listable>(records: T[], req: Request, maxPageSize: number): ListPage<T> {
  const q = req.query as Record<string, unknown>;
  const limitText = typeof q.limit === 'string' ? q.limit : '50';
  const limit = /^\d+$/.test(limitText) ? Number(limitText) : NaN;
  if (!(limit >= 1 && limit <= maxPageSize)) {
    throw new QueryError('limit', `limit must be a whole number from 1 to ${maxPageSize}`);
  }
  let rows = [...records].sort((a, b) =>
    a.updated_at === b.updated_at ? (a.id < b.id ? -1 : 1) : a.updated_at < b.updated_at ? -1 : 1,
  );
  if (typeof q.updated_since === 'string' && q.updated_since) {
    const since = Date.parse(q.updated_since);
    if (Number.isNaN(since))
      throw new QueryError('updated_since', 'updated_since must be an ISO 8601 instant');
    rows = rows.filter((r) => Date.parse(r.updated_at) >= since);
  }
  if (typeof q.cursor === 'string' && q.cursor) {
    const { u, i } = decodeCursor(q.cursor);
    rows = rows.filter((r) => after(r, u, i));
  }
  const data = rows.slice(0, limit);
  const hasMore = rows.length > limit;
  const last = data.at(-1);
  return {
    object: 'list',
    data,
    has_more: hasMore,
    next_cursor: hasMore && last ? encodeCursor(last) : null,
  };
}
