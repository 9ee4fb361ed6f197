/** PATCH with If-Match: a stale ETag (412) re-reads the record and tries once more, then fails clearly. */
import { HubError, isHubError } from '../../../platform/errors';
import type { BcRecord } from '../mappers/common';
import type { BcTransport } from '../transport';

/** True for Business Central's 412 Request_EntityChanged. */
export function isEntityChanged(err: unknown): boolean {
  return isHubError(err) && err.upstream?.status === 412;
}

/**
 * PATCHes `path` with `body` guarded by `etag`; on 412 re-reads the record, re-applies the change on its new ETag
 * once, and throws a transient HubError when it changed under us again.
 */
export async function patchWithEtag(
  transport: BcTransport,
  path: string,
  etag: string,
  body: BcRecord,
  what: string,
  signal?: AbortSignal,
): Promise<BcRecord> {
  const patch = (ifMatch: string) =>
    transport.request<BcRecord>({
      method: 'PATCH',
      path,
      body,
      headers: { 'if-match': ifMatch },
      ...(signal ? { signal } : {}),
    });
  try {
    return (await patch(etag)).body;
  } catch (err) {
    if (!isEntityChanged(err)) throw err;
  }
  const fresh = await transport.request<BcRecord>({ method: 'GET', path, ...(signal ? { signal } : {}) });
  try {
    return (await patch(String(fresh.body['@odata.etag']))).body;
  } catch (err) {
    if (!isEntityChanged(err)) throw err;
    throw new HubError(
      'transient',
      `Business Central ${what} was changed by another user twice while the hub updated it (412 Request_EntityChanged); retry later`,
      { cause: err, upstream: { status: 412 } },
    );
  }
}
