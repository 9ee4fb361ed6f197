/**
 * The one place the hub's error taxonomy (platform/errors.ts) becomes Temporal behaviour. Activities and connectors
 * throw HubErrors (or anything else); the worker wraps every activity with `withFailureTranslation`, so what reaches
 * Temporal is always an ApplicationFailure whose `type` is `hub.<kind>` and whose first detail is HubFailureDetails.
 */
import { Context } from '@temporalio/activity';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { RETRYABLE_KINDS, classifyError } from '../platform/errors';
import { truncateUtf8 } from '../platform/utf8';
import type { FieldError, HubErrorKind } from '../platform/errors';
import type { HubMetrics } from '../monitoring/metrics';

/** Largest upstream body excerpt carried in a failure (and kept in a dead-letter record), in UTF-8 bytes. */
export const UPSTREAM_EXCERPT_BYTES = 2048;

/** Prefix of every failure type the hub produces: `hub.transient`, `hub.data`, … */
export const FAILURE_TYPE_PREFIX = 'hub.';

/** What the first detail of a hub ApplicationFailure carries; workflows read it to dead-letter a step. */
export interface HubFailureDetails {
  kind: HubErrorKind;
  /** The attempt (1-based) that failed, when the failure was raised inside an activity. */
  attempt?: number;
  retryAfterMs?: number;
  upstreamStatus?: number;
  upstreamBodyExcerpt?: string;
  fieldErrors?: FieldError[];
}

/** The stable ApplicationFailure type of a kind. */
export const failureType = (kind: HubErrorKind): string => `${FAILURE_TYPE_PREFIX}${kind}`;

/**
 * Turns anything an activity threw into the ApplicationFailure Temporal acts on: retryable for `transient` and
 * `rate-limited` (with `nextRetryDelay` from `retryAfterMs`), non-retryable for every other kind. Failures that are
 * already Temporal's own (an ApplicationFailure, a cancellation) pass through untouched.
 */
export function toTemporalFailure(err: unknown, context: { attempt?: number } = {}): ApplicationFailure {
  if (err instanceof ApplicationFailure) return err;
  const hub = classifyError(err);
  const retryable = RETRYABLE_KINDS.includes(hub.kind);
  const details: HubFailureDetails = { kind: hub.kind };
  if (context.attempt !== undefined) details.attempt = context.attempt;
  if (hub.retryAfterMs !== undefined) details.retryAfterMs = hub.retryAfterMs;
  if (hub.upstream?.status !== undefined) details.upstreamStatus = hub.upstream.status;
  if (hub.upstream?.bodyExcerpt !== undefined) {
    details.upstreamBodyExcerpt = truncateUtf8(hub.upstream.bodyExcerpt, UPSTREAM_EXCERPT_BYTES);
  }
  if (hub.fieldErrors?.length) details.fieldErrors = hub.fieldErrors;
  return ApplicationFailure.create({
    message: hub.message,
    type: failureType(hub.kind),
    nonRetryable: !retryable,
    details: [details],
    nextRetryDelay: retryable && hub.retryAfterMs !== undefined ? hub.retryAfterMs : undefined,
    cause: err instanceof Error ? err : undefined,
  });
}

/** The kind a hub failure carries, or undefined for failures the hub did not produce. */
export function kindOfFailure(failure: ApplicationFailure): HubErrorKind | undefined {
  const detail = failure.details?.[0] as Partial<HubFailureDetails> | undefined;
  if (typeof detail?.kind === 'string') return detail.kind;
  return failure.type?.startsWith(FAILURE_TYPE_PREFIX)
    ? (failure.type.slice(FAILURE_TYPE_PREFIX.length) as HubErrorKind)
    : undefined;
}

type AnyActivity = (...args: never[]) => Promise<unknown>;

/** How many failed executions the retry counter remembers between attempts, per worker process. */
const REMEMBERED_FAILURES = 10_000;

/**
 * Wraps every activity so whatever it throws goes through toTemporalFailure, and counts
 * `hub_retries_total{activity,kind}` on every attempt after the first. The kind is the one the previous attempt
 * failed with when this process saw it, `unknown` when it did not (the attempt timed out, or ran on another worker).
 */
export function withFailureTranslation<T extends Record<string, AnyActivity>>(
  activities: T,
  metrics: Pick<HubMetrics, 'retries'>,
): T {
  const lastKind = new Map<string, HubErrorKind>();
  const wrapped = {} as Record<string, AnyActivity>;
  for (const [name, fn] of Object.entries(activities)) {
    wrapped[name] = async (...args: never[]) => {
      const { attempt, activityId, workflowExecution } = Context.current().info;
      const key = `${workflowExecution?.workflowId ?? ''}/${workflowExecution?.runId ?? ''}/${activityId}`;
      if (attempt > 1) {
        metrics.retries.inc({ activity: name, kind: lastKind.get(key) ?? 'unknown' });
        lastKind.delete(key);
      }
      try {
        return await fn(...args);
      } catch (err) {
        if (err instanceof CancelledFailure) throw err;
        const failure = toTemporalFailure(err, { attempt });
        const kind = kindOfFailure(failure);
        if (kind && RETRYABLE_KINDS.includes(kind) && !failure.nonRetryable) {
          if (lastKind.size >= REMEMBERED_FAILURES) {
            const oldest = lastKind.keys().next();
            if (!oldest.done) lastKind.delete(oldest.value);
          }
          lastKind.set(key, kind);
        }
        throw failure;
      }
    };
  }
  return wrapped as T;
}
