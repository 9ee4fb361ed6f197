import type { ReadOptions } from '../../sdk/ports/common';
import type { BcContext } from '../context';
import type { BcRecord } from '../mappers/common';
import { odataString } from '../transport';
import { findOne } from './resolve';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A customer or vendor by its BC id (GUID) or, failing that shape, by its number; undefined when absent. */
export async function getRecord(
  ctx: BcContext,
  set: string,
  externalId: string,
  options: ReadOptions = {},
  expand?: string,
): Promise<BcRecord | undefined> {
  if (!GUID.test(externalId))
    return findOne(ctx.transport, set, `number eq ${odataString(externalId)}`, options.signal, expand);
  const res = await ctx.transport.request<BcRecord>({
    method: 'GET',
    path: `/${set}(${externalId})`,
    query: expand ? { $expand: expand } : {},
    accept: [404],
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return res.status === 404 ? undefined : res.body;
}
