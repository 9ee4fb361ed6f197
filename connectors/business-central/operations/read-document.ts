/** Reading one Business Central document with its lines, for a write that refers to it. */
import { HubError } from '../../../platform/errors';
import type { BcContext } from '../context';
import type { BcRecord } from '../mappers/common';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The document `id` of `set` with its `lines` expanded; a `data` HubError naming `path` when BC has none. */
export async function readDocument(
  ctx: BcContext,
  set: string,
  lines: string,
  id: string,
  path: string,
  signal?: AbortSignal,
): Promise<BcRecord> {
  const missing = () =>
    new HubError('data', `Business Central has no ${set} record ${id} (${path})`, {
      fieldErrors: [{ path, message: `Business Central has no ${set} record ${id}` }],
    });
  if (!GUID.test(id)) throw missing();
  const res = await ctx.transport.request<BcRecord>({
    method: 'GET',
    path: `/${set}(${id})`,
    query: { $expand: lines },
    accept: [404],
    ...(signal ? { signal } : {}),
  });
  if (res.status === 404) throw missing();
  return res.body;
}

/** The expanded lines of a document as read (none when it has none). */
export function linesOf(document: BcRecord | undefined, lines: string): BcRecord[] {
  const value = document?.[lines];
  return Array.isArray(value) ? (value as BcRecord[]) : [];
}
