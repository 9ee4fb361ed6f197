import { classifyError } from '../platform/errors';
import type { HubMetrics } from './metrics';

/**
 * Runs one call of a connector to its external system and records `hub_connector_calls_total` and
 * `hub_connector_call_seconds` with outcome `ok` or the kind of the error, which is rethrown unchanged. Calls that
 * report failure in their result rather than by throwing (a connector check) name their outcome with `outcomeOf`.
 */
export async function instrumentConnectorCall<T>(
  metrics: Pick<HubMetrics, 'connectorCalls' | 'connectorCallSeconds'>,
  labels: { connector: string; operation: string },
  fn: () => Promise<T>,
  outcomeOf: (value: T) => string = () => 'ok',
): Promise<T> {
  const started = process.hrtime.bigint();
  const observe = (outcome: string) => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    metrics.connectorCalls.inc({ ...labels, outcome });
    metrics.connectorCallSeconds.observe({ ...labels, outcome }, seconds);
  };
  try {
    const value = await fn();
    observe(outcomeOf(value));
    return value;
  } catch (err) {
    observe(classifyError(err).kind);
    throw err;
  }
}
