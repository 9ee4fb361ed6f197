/**
 * Verifies NetSuite token-based authentication the way NetSuite does: an OAuth 1.0a `Authorization` header signed
 * with HMAC-SHA256 (RFC 5849 §3.4), the realm naming the account, a fresh timestamp and a nonce never seen before.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';

/** The credentials a simulated account accepts. */
export interface SimCredentials {
  accountId: string;
  consumerKey: string;
  consumerSecret: string;
  tokenId: string;
  tokenSecret: string;
}

const MAX_CLOCK_SKEW_S = 300;

/** RFC 3986 percent-encoding, as OAuth 1.0a requires. */
function encode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function headerParams(header: string): Map<string, string> | undefined {
  if (!/^OAuth\s/i.test(header)) return undefined;
  const params = new Map<string, string>();
  for (const match of header.slice(6).matchAll(/([A-Za-z0-9_]+)="([^"]*)"/g)) {
    params.set(match[1]!, decodeURIComponent(match[2]!));
  }
  return params;
}

/** Why the request's signature is not acceptable, or undefined when it is. */
export function oauthProblem(
  req: Request,
  credentials: SimCredentials,
  seenNonces: Set<string>,
): string | undefined {
  const params = headerParams(req.get('authorization') ?? '');
  if (!params) return 'no OAuth Authorization header';
  if (params.get('realm') !== credentials.accountId) return 'wrong realm';
  if (params.get('oauth_signature_method') !== 'HMAC-SHA256') return 'unsupported signature method';
  if (params.get('oauth_version') !== '1.0') return 'unsupported OAuth version';
  if (params.get('oauth_consumer_key') !== credentials.consumerKey) return 'unknown consumer key';
  if (params.get('oauth_token') !== credentials.tokenId) return 'unknown token';
  const timestamp = Number(params.get('oauth_timestamp'));
  if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > MAX_CLOCK_SKEW_S) {
    return 'stale timestamp';
  }
  const nonce = params.get('oauth_nonce') ?? '';
  if (!nonce || seenNonces.has(nonce)) return 'nonce missing or used before';

  const rawUrl = req.originalUrl;
  const queryAt = rawUrl.indexOf('?');
  const path = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt);
  const pairs: [string, string][] = [];
  for (const [key, value] of params) {
    if (key !== 'realm' && key !== 'oauth_signature') pairs.push([encode(key), encode(value)]);
  }
  for (const [key, value] of new URLSearchParams(queryAt < 0 ? '' : rawUrl.slice(queryAt + 1))) {
    pairs.push([encode(key), encode(value)]);
  }
  pairs.sort(([ak, av], [bk, bv]) => (ak === bk ? (av < bv ? -1 : 1) : ak < bk ? -1 : 1));
  const baseUrl = `${req.protocol}://${(req.get('host') ?? '').toLowerCase()}${path}`;
  const base = [
    req.method.toUpperCase(),
    encode(baseUrl),
    encode(pairs.map(([k, v]) => `${k}=${v}`).join('&')),
  ].join('&');
  const key = `${encode(credentials.consumerSecret)}&${encode(credentials.tokenSecret)}`;
  const expected = createHmac('sha256', key).update(base).digest();
  const given = Buffer.from(params.get('oauth_signature') ?? '', 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'signature mismatch';
  seenNonces.add(nonce);
  return undefined;
}
