/**
 * Paged, incremental reads of one record type: `limit`/`offset` pages of ids filtered by lastModifiedDate, each
 * expanded to its full record and mapped. The cursor carries offset and page size, since NetSuite requires the
 * offset to be a multiple of the limit.
 */
import { HubError } from '../../../platform/errors';
import type { ListOptions, Page } from '../../sdk/ports/common';
import type { NetSuiteContext } from '../context';
import type { ReadMapContext } from '../mappers/common';
import { MAX_PAGE_SIZE, quoted } from '../transport';

/** Page size when the caller does not ask for one. */
export const DEFAULT_PAGE_SIZE = 100;

function parseCursor(cursor: string): { offset: number; limit: number } {
  const match = /^(\d+)\/(\d+)$/.exec(cursor);
  const offset = Number(match?.[1]);
  const limit = Number(match?.[2]);
  if (!match || limit < 1 || limit > MAX_PAGE_SIZE || offset % limit !== 0) {
    throw new HubError('data', `${JSON.stringify(cursor)} is not a cursor of the NetSuite connector`, {
      fieldErrors: [{ path: '/cursor', message: 'is not a cursor this connector returned' }],
    });
  }
  return { offset, limit };
}

/** The read-mapping context of an instance. */
export function readContext(ctx: NetSuiteContext): ReadMapContext {
  return {
    connectorId: ctx.connectorId,
    legalEntityId: ctx.config.legalEntityId,
    currency: ctx.config.currency,
  };
}

/** Reads one page of `type` and maps each record with `map`. */
export async function listRecords<Raw, Doc>(
  ctx: NetSuiteContext,
  type: string,
  options: ListOptions,
  map: (raw: Raw, mapContext: ReadMapContext) => Doc,
): Promise<Page<Doc>> {
  const { offset, limit } = options.cursor
    ? parseCursor(options.cursor)
    : {
        offset: 0,
        limit: Math.min(Math.max(1, Math.floor(options.limit ?? DEFAULT_PAGE_SIZE)), MAX_PAGE_SIZE),
      };
  const q = options.modifiedSince
    ? `lastModifiedDate ON_OR_AFTER ${quoted(options.modifiedSince, 'modifiedSince')}`
    : undefined;
  const page = await ctx.transport.list(type, { limit, offset, ...(q ? { q } : {}) }, options.signal);
  const ids = (page.items ?? []).map((i) => i.id).filter((id): id is string => typeof id === 'string');
  const records = await ctx.transport.readAll<Raw>(type, ids.map(encodeURIComponent), options.signal);
  const mapContext = readContext(ctx);
  return {
    items: records.map((r) => map(r, mapContext)),
    ...(page.hasMore ? { nextCursor: `${offset + limit}/${limit}` } : {}),
  };
}
