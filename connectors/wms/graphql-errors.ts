/**
 * ShipHero answers GraphQL errors with HTTP 200 and `errors[]`: running out of API credits is throttling (retry
 * after the time it names), anything else is a problem with the request — `data`, never retried.
 */
import { BODY_EXCERPT_CHARS } from '../sdk/http';
import { HubError } from '../../platform/errors';

/** One entry of a GraphQL `errors` array, with ShipHero's extra fields. */
export interface GraphqlError {
  message?: unknown;
  code?: unknown;
  extensions?: { code?: unknown; retryAfterSeconds?: unknown };
  time_remaining?: unknown;
}

const THROTTLE_CODES = new Set<unknown>([30, '30', 'THROTTLED', 'RATE_LIMITED']);

/** How long a throttling error asks to wait, in ms: "In 2 seconds…", `time_remaining`, or an extension. */
function retryAfterMsOf(error: GraphqlError): number {
  const fromExtension = Number(error.extensions?.retryAfterSeconds);
  if (Number.isFinite(fromExtension) && fromExtension > 0) return Math.ceil(fromExtension * 1000);
  for (const text of [error.time_remaining, error.message]) {
    const match = typeof text === 'string' ? /(\d+(?:\.\d+)?)\s*seconds?/i.exec(text) : null;
    if (match) return Math.ceil(Number(match[1]) * 1000);
  }
  return 1_000;
}

function isThrottling(error: GraphqlError): boolean {
  return (
    THROTTLE_CODES.has(error.code) ||
    THROTTLE_CODES.has(error.extensions?.code) ||
    (typeof error.message === 'string' && /not enough credits/i.test(error.message))
  );
}

/** The HubError for a GraphQL answer with errors. */
export function graphqlError(operation: string, errors: GraphqlError[], body: string): HubError {
  const upstream = { status: 200, bodyExcerpt: body.slice(0, BODY_EXCERPT_CHARS) };
  const throttled = errors.find(isThrottling);
  if (throttled) {
    const retryAfterMs = retryAfterMsOf(throttled);
    return new HubError(
      'rate-limited',
      `ShipHero throttled ${operation}: not enough API credits (retry after ${Math.ceil(retryAfterMs / 1000)} s)`,
      { retryAfterMs, upstream },
    );
  }
  const messages = errors.map((e) => (typeof e.message === 'string' ? e.message : 'unknown error'));
  return new HubError('data', `ShipHero refused ${operation}: ${messages.join('; ').slice(0, 500)}`, {
    upstream,
  });
}
