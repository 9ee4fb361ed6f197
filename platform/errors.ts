/**
 * The hub's one error taxonomy. Connectors and activities throw HubError with a kind; exactly one module
 * (activities/failure.ts) turns it into Temporal retry behaviour, and the API turns it into problem+json.
 * Errors are recognised by their `name` and `kind` strings, never by `instanceof` across package boundaries.
 */

/** What went wrong, which decides whether retrying can help. */
export type HubErrorKind =
  | 'transient' // network failure, 5xx, timeout: retry with backoff
  | 'rate-limited' // 429: retry after the upstream's Retry-After
  | 'data' // the document is wrong: never retried, dead-lettered with the payload
  | 'config' // credentials, permissions, missing setup: never retried until a person fixes it
  | 'duplicate' // already done: not an error for the caller, never retried
  | 'bug'; // a defect in the hub: not retried blindly, dead-lettered for a developer

/** Kinds that a retry can fix. */
export const RETRYABLE_KINDS: readonly HubErrorKind[] = ['transient', 'rate-limited'];

/** A field-level defect: where in the document, and what is wrong. */
export interface FieldError {
  path: string;
  message: string;
}

/** What an upstream system answered, kept (shortened) for the dead-letter record. */
export interface UpstreamResponse {
  status?: number;
  bodyExcerpt?: string;
}

/** Options of a HubError beyond kind and message. */
export interface HubErrorOptions {
  retryAfterMs?: number;
  upstream?: UpstreamResponse;
  fieldErrors?: FieldError[];
  cause?: unknown;
}

/** An error of a known kind, thrown by connectors, activities and the hub's own code. */
export class HubError extends Error {
  override readonly name = 'HubError';
  readonly retryAfterMs?: number;
  readonly upstream?: UpstreamResponse;
  readonly fieldErrors?: FieldError[];

  constructor(
    readonly kind: HubErrorKind,
    message: string,
    options: HubErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.upstream !== undefined) this.upstream = options.upstream;
    if (options.fieldErrors !== undefined) this.fieldErrors = options.fieldErrors;
  }
}

/** True for anything shaped like a HubError, wherever it was constructed. */
export function isHubError(err: unknown): err is HubError {
  return (
    typeof err === 'object' &&
    err !== null &&
    (err as { name?: unknown }).name === 'HubError' &&
    typeof (err as { kind?: unknown }).kind === 'string'
  );
}

const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/** The database driver's names for a lost or unreachable server: retrying is what fixes them. */
const MONGO_TRANSIENT_NAMES = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
]);
const MONGO_RETRYABLE_LABELS = ['RetryableWriteError', 'TransientTransactionError', 'ResetPool'];
/**
 * Server answers that mean "busy right now, ask again": MongoDB's shutdown / step-down / time-limit codes, and
 * FerretDB's SQLite backend reporting its single writer lock taken (`database is locked (5) (SQLITE_BUSY)`).
 */
const MONGO_TRANSIENT_CODES = new Set([6, 7, 50, 89, 91, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436]);
const STORAGE_BUSY = /SQLITE_BUSY|database is locked/;

/**
 * Classifies any thrown value: HubErrors keep their kind; network failures and the database driver's transient
 * errors are transient; anything else is a bug.
 */
export function classifyError(err: unknown): HubError {
  if (isHubError(err)) return err;
  const name = (err as { name?: unknown } | null)?.name;
  const labels = (err as { errorLabels?: unknown } | null)?.errorLabels;
  if (
    (typeof name === 'string' && MONGO_TRANSIENT_NAMES.has(name)) ||
    (labels instanceof Set && MONGO_RETRYABLE_LABELS.some((l) => labels.has(l))) ||
    (name === 'MongoServerError' && isBusyServer(err))
  ) {
    return new HubError('transient', `${String(name)}: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
  const code =
    (err as { code?: unknown; cause?: { code?: unknown } } | null)?.code ??
    (err as { cause?: { code?: unknown } } | null)?.cause?.code;
  const message = err instanceof Error ? err.message : String(err);
  if (typeof code === 'string' && TRANSIENT_CODES.has(code)) {
    return new HubError('transient', `${code}: ${message}`, { cause: err });
  }
  return new HubError('bug', message, { cause: err });
}

function isBusyServer(err: unknown): boolean {
  const { code, message } = err as { code?: unknown; message?: unknown };
  return (
    (typeof code === 'number' && MONGO_TRANSIENT_CODES.has(code)) ||
    (typeof message === 'string' && STORAGE_BUSY.test(message))
  );
}

/** Classifies an upstream HTTP status the way every connector transport must. */
export function kindForHttpStatus(status: number): HubErrorKind {
  if (status === 429) return 'rate-limited';
  if (status === 401 || status === 403) return 'config';
  if (status === 409) return 'duplicate';
  if (status === 408 || status >= 500) return 'transient';
  return 'data';
}

/** Parses a Retry-After header (seconds or an HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
