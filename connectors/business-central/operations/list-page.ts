import type { ListOptions, Page } from '../../sdk/ports/common';
import type { BcContext } from '../context';
import type { BcRecord } from '../mappers/common';

/** One page of an entity set, changed since `modifiedSince` when given, each record mapped to canonical. */
export async function listPage<T>(
  ctx: BcContext,
  set: string,
  map: (record: BcRecord) => T,
  options: ListOptions,
  expand?: string,
): Promise<Page<T>> {
  const since = options.modifiedSince ? new Date(options.modifiedSince) : undefined;
  if (since && Number.isNaN(since.getTime()))
    throw new RangeError(`modifiedSince ${options.modifiedSince} is not an instant`);
  const page = await ctx.transport.page<BcRecord>(
    `/${set}`,
    {
      ...(since ? { $filter: `lastModifiedDateTime ge ${since.toISOString()}` } : {}),
      ...(expand ? { $expand: expand } : {}),
    },
    {
      ...(options.limit === undefined ? {} : { limit: options.limit }),
      ...(options.cursor ? { cursor: options.cursor } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    },
  );
  return { items: page.value.map(map), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}
