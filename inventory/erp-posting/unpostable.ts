/**
 * The ERP intake's split of failures: a refusal no retry can change parks the message (Unpostable); a failure a
 * retry or a person's fix of the connector can cure (transient, rate-limited, config) is thrown, so the consumer
 * retries the same message and nothing later overtakes it.
 */
import { RETRYABLE_KINDS, classifyError } from '../../platform/errors';
import type { Refusal } from '../parked';

/** A refusal no retry can change: the message is parked. */
export class Unpostable extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

/** Runs an ERP or store call: retryable and `config` failures are thrown for runConsumer, the rest park. */
export async function orPark<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    const hub = classifyError(err);
    if (RETRYABLE_KINDS.includes(hub.kind) || hub.kind === 'config') throw err;
    throw new Unpostable({
      kind: hub.kind,
      message: `${what}: ${hub.message}`,
      ...(hub.fieldErrors?.length ? { fieldErrors: hub.fieldErrors } : {}),
    });
  }
}
