/**
 * Paging by `_id` for list routes: an opaque cursor (base64url of a prefix and the last id of the page) and the
 * read of one page (ascending `_id`, one document more than the page to tell whether another follows).
 */
import type { Collection, Document, Filter, WithId } from 'mongodb';
import { HubError } from './errors';

/** A cursor codec for ids of one kind; a cursor it did not issue is a `data` HubError naming `path`. */
export function idCursor(
  prefix: string,
  path: string,
  isValidId: (id: string) => boolean = (id) => id.length > 0,
) {
  return {
    encode: (lastId: string): string => Buffer.from(`${prefix}${lastId}`).toString('base64url'),
    decode(cursor: string): string {
      const text = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
      const id = text.startsWith(prefix) ? text.slice(prefix.length) : '';
      if (!isValidId(id)) {
        throw new HubError('data', 'cursor is not one this API returned', {
          fieldErrors: [{ path, message: 'is not a valid cursor' }],
        });
      }
      return id;
    },
  };
}

/** One page of `collection` matching `filter`, after the cursor's id, presented by `present`. */
export async function pageById<D extends Document & { _id: string }, T>(
  collection: Collection<D>,
  filter: Filter<D>,
  options: { cursor?: string; limit: number; codec: ReturnType<typeof idCursor> },
  present: (doc: WithId<D>) => T,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const query =
    options.cursor === undefined ? filter : { ...filter, _id: { $gt: options.codec.decode(options.cursor) } };
  const docs = await collection
    .find(query)
    .sort({ _id: 1 })
    .limit(options.limit + 1)
    .toArray();
  const page = docs.slice(0, options.limit);
  const last = page.at(-1);
  return {
    items: page.map(present),
    nextCursor: docs.length > options.limit && last ? options.codec.encode(last._id) : null,
  };
}
