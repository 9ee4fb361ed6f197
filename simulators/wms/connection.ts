/** Relay-style pages over an in-memory list, with opaque cursors as ShipHero's API returns them. */

const MAX_PAGE = 100;

/** One page of `items` after the cursor `after`, at most `first` (default 25, capped at 100) long. */
export function connection<T>(items: T[], first: number | undefined, after: string | undefined) {
  const start = after ? Number(Buffer.from(after, 'base64').toString().split(':')[1] ?? '-1') + 1 : 0;
  const size = Math.min(Math.max(first ?? 25, 1), MAX_PAGE);
  const slice = items.slice(start, start + size);
  const cursor = (i: number) => Buffer.from(`arrayconnection:${start + i}`).toString('base64');
  return {
    pageInfo: {
      hasNextPage: start + size < items.length,
      hasPreviousPage: start > 0,
      startCursor: slice.length ? cursor(0) : null,
      endCursor: slice.length ? cursor(slice.length - 1) : null,
    },
    edges: slice.map((node, i) => ({ node, cursor: cursor(i) })),
  };
}
