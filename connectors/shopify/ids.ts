/**
 * Shopify ids: GraphQL uses gids ("gid://shopify/Order/820982911946154508"), REST and webhooks the bare int64.
 * The hub keeps the numeric part as a string end to end — it often exceeds 2^53.
 */
import { HubError } from '../../platform/errors';

/** "gid://shopify/{type}/{id}" from a numeric id (as text) or a gid of that type. */
export function toGid(type: string, id: string, field = '/id'): string {
  const numeric = fromGid(type, id);
  if (numeric === undefined) {
    throw new HubError('data', `${JSON.stringify(id)} is not a Shopify ${type} id`, {
      fieldErrors: [{ path: field, message: `must be a numeric Shopify ${type} id or its gid` }],
    });
  }
  return `gid://shopify/${type}/${numeric}`;
}

/** The numeric id of a gid of `type` (or of a bare numeric id); undefined for anything else. */
export function fromGid(type: string, value: string): string | undefined {
  const match = new RegExp(`^(?:gid://shopify/${type}/)?(\\d{1,20})$`).exec(value.trim());
  return match?.[1];
}

/** The numeric tail of any gid (its type unchecked), or the value itself. */
export function legacyId(gid: string): string {
  return gid.slice(gid.lastIndexOf('/') + 1);
}
