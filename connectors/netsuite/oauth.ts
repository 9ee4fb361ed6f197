/**
 * NetSuite token-based authentication: an OAuth 1.0a `Authorization` header signed with HMAC-SHA256 over the
 * RFC 5849 §3.4.1 signature base string (method, URL without query, sorted oauth_* and query parameters), with the
 * key consumerSecret&tokenSecret and the account id as realm.
 */
import { createHmac, randomBytes } from 'node:crypto';

/** What signs a request. */
export interface TokenCredentials {
  accountId: string;
  consumerKey: string;
  consumerSecret: string;
  tokenId: string;
  tokenSecret: string;
}

/** RFC 3986 percent-encoding (unreserved characters only stay as they are). */
export function oauthEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The realm NetSuite expects: the account id in upper case with "_" before a sandbox suffix. */
export function realmOf(accountId: string): string {
  return accountId.toUpperCase().replace(/-/g, '_');
}

/** The Authorization header for one request to `url` (query parameters are part of the signature). */
export function oauthHeader(
  method: string,
  url: string,
  credentials: TokenCredentials,
  now: () => number = Date.now,
  nonce: () => string = () => randomBytes(16).toString('hex'),
): string {
  const parsed = new URL(url);
  const oauth: Record<string, string> = {
    oauth_consumer_key: credentials.consumerKey,
    oauth_token: credentials.tokenId,
    oauth_signature_method: 'HMAC-SHA256',
    oauth_timestamp: String(Math.floor(now() / 1000)),
    oauth_nonce: nonce(),
    oauth_version: '1.0',
  };
  const pairs: [string, string][] = [
    ...Object.entries(oauth).map(([k, v]): [string, string] => [oauthEncode(k), oauthEncode(v)]),
    ...[...parsed.searchParams].map(([k, v]): [string, string] => [oauthEncode(k), oauthEncode(v)]),
  ];
  pairs.sort(([ak, av], [bk, bv]) => (ak === bk ? (av < bv ? -1 : 1) : ak < bk ? -1 : 1));
  const baseUrl = `${parsed.protocol}//${parsed.host.toLowerCase()}${parsed.pathname}`;
  const base = [
    method.toUpperCase(),
    oauthEncode(baseUrl),
    oauthEncode(pairs.map(([k, v]) => `${k}=${v}`).join('&')),
  ].join('&');
  const key = `${oauthEncode(credentials.consumerSecret)}&${oauthEncode(credentials.tokenSecret)}`;
  const signature = createHmac('sha256', key).update(base).digest('base64');
  const fields = { realm: realmOf(credentials.accountId), ...oauth, oauth_signature: signature };
  return `OAuth ${Object.entries(fields)
    .map(([k, v]) => `${k}="${oauthEncode(v)}"`)
    .join(', ')}`;
}
