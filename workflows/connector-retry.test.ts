import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, retryPolicyOf } from '../connectors/sdk/types';
import { connectorActivityOptions } from './connector-retry';

describe('connector retry policy → activity options', () => {
  it("carries the connector's configured attempts and backoff into Temporal's retry options", () => {
    const policy = retryPolicyOf({ retry: { maximumAttempts: 9, initialIntervalMs: 250 } });
    expect(connectorActivityOptions(policy, 5_000)).toEqual({
      startToCloseTimeout: 5_000,
      retry: {
        maximumAttempts: 9,
        initialInterval: 250,
        backoffCoefficient: DEFAULT_RETRY_POLICY.backoffCoefficient,
        maximumInterval: DEFAULT_RETRY_POLICY.maximumIntervalMs,
      },
    });
  });

  it('never asks Temporal for a maximum interval below the initial one', () => {
    const policy = retryPolicyOf({ retry: { initialIntervalMs: 120_000, maximumIntervalMs: 1_000 } });
    expect(connectorActivityOptions(policy).retry?.maximumInterval).toBe(120_000);
  });
});
