/** Resolving canonical references of a write to Business Central ids, with `data` errors naming the field. */
import type { ItemReference } from '../../../canonical-model/generated/index';
import { HubError } from '../../../platform/errors';
import type { ReferenceResolver } from '../../sdk/ports/common';
import type { BcRecord } from '../mappers/common';
import type { BcTransport } from '../transport';
import { odataString } from '../transport';

/** The BC id of a canonical reference, or a `data` HubError naming `path`. */
export async function requireReference(
  references: ReferenceResolver,
  objectType: string,
  canonicalId: string | undefined,
  path: string,
  what: string,
): Promise<string> {
  const externalId = canonicalId ? await references.externalId(objectType, canonicalId) : undefined;
  if (!externalId) {
    throw new HubError(
      'data',
      `Business Central ${what}: ${path} ${JSON.stringify(canonicalId ?? null)} has no Business Central ${objectType}`,
      {
        fieldErrors: [
          {
            path,
            message: canonicalId
              ? `no Business Central ${objectType} is linked to ${canonicalId}`
              : 'is missing',
          },
        ],
      },
    );
  }
  return externalId;
}

/** One record of a collection by a field value, or undefined. */
export async function findOne(
  transport: BcTransport,
  set: string,
  filter: string,
  signal?: AbortSignal,
  expand?: string,
): Promise<BcRecord | undefined> {
  const res = await transport.request<{ value: BcRecord[] }>({
    method: 'GET',
    path: `/${set}`,
    query: { $filter: filter, $top: 1, ...(expand ? { $expand: expand } : {}) },
    ...(signal ? { signal } : {}),
  });
  return res.body.value[0];
}

/**
 * The BC item ids of the lines' item references: the linked item of `itemId`, else the item whose number is the
 * SKU (or VENDOR_PART) or whose GTIN matches. Every unresolved line is reported at once.
 */
export async function resolveItems(
  transport: BcTransport,
  references: ReferenceResolver,
  items: ItemReference[],
  pathOf: (index: number) => string,
  what: string,
  signal?: AbortSignal,
): Promise<string[]> {
  const errors: { path: string; message: string }[] = [];
  const ids: string[] = [];
  for (const [i, ref] of items.entries()) {
    let id = ref.itemId ? await references.externalId('item', ref.itemId) : undefined;
    for (const qualifier of ['SKU', 'VENDOR_PART', 'GTIN', 'UPC', 'EAN'] as const) {
      if (id) break;
      const value = ref.identifiers.find((x) => x.qualifier === qualifier)?.value;
      if (!value) continue;
      const field = qualifier === 'SKU' || qualifier === 'VENDOR_PART' ? 'number' : 'gtin';
      const found = await findOne(transport, 'items', `${field} eq ${odataString(value)}`, signal);
      if (typeof found?.id === 'string') id = found.id;
    }
    if (id) ids.push(id);
    else {
      ids.push('');
      errors.push({
        path: pathOf(i),
        message: 'names no item Business Central knows (by itemId, SKU or GTIN)',
      });
    }
  }
  if (errors.length) {
    throw new HubError(
      'data',
      `Business Central ${what}: ${errors[0]!.path} ${errors[0]!.message}` +
        (errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''),
      {
        fieldErrors: errors,
      },
    );
  }
  return ids;
}
