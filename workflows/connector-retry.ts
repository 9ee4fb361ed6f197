/**
 * A connector's retry policy (the "retry" property of its config, see connectors/sdk/types.ts) as the activity
 * options a workflow proxies that connector's operations with. Which failures are retried at all is decided by the
 * error taxonomy (activities/failure.ts); this decides how often and how far apart.
 */
import type { ActivityOptions } from '@temporalio/workflow';

/** The retry policy as a connector's config resolves it (structurally the SDK's RetryPolicy, in milliseconds). */
export interface ConnectorRetryPolicy {
  maximumAttempts: number;
  initialIntervalMs: number;
  backoffCoefficient: number;
  maximumIntervalMs: number;
}

/** Activity options for calls to one connector: its policy, and a per-attempt time limit. */
export function connectorActivityOptions(
  policy: ConnectorRetryPolicy,
  startToCloseTimeoutMs = 60_000,
): ActivityOptions {
  return {
    startToCloseTimeout: startToCloseTimeoutMs,
    retry: {
      maximumAttempts: policy.maximumAttempts,
      initialInterval: policy.initialIntervalMs,
      backoffCoefficient: policy.backoffCoefficient,
      // Temporal refuses a maximum interval below the initial one; a config may set only one of the two.
      maximumInterval: Math.max(policy.maximumIntervalMs, policy.initialIntervalMs),
    },
  };
}
