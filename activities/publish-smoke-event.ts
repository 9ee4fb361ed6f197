import type { Db } from 'mongodb';
import { COLLECTIONS } from '../platform/collections';
import { HubError } from '../platform/errors';
import { TOPICS } from '../platform/kafka-topics';
import { CORRELATION_HEADER } from '../platform/kafka';
import type { EventProducer } from '../platform/kafka';
import { throwInjectedFault } from './smoke-faults';
import type { SmokeRunDocument, SmokeRunInput } from './smoke-types';

/** Publishes the smoke event to Kafka, keyed by run id, and notes when the broker acknowledged it. */
export function publishSmokeEvent(deps: { db: Db; producer: EventProducer }) {
  return async (input: SmokeRunInput): Promise<string> => {
    await throwInjectedFault(deps.db, input.runId, 'publishSmokeEvent');
    const event = {
      type: 'hub.smoke.recorded',
      runId: input.runId,
      note: input.note,
      at: new Date().toISOString(),
    };
    try {
      await deps.producer.send(TOPICS.smoke.name, input.runId, Buffer.from(JSON.stringify(event)), {
        [CORRELATION_HEADER]: input.correlationId,
      });
    } catch (err) {
      // The idempotent producer already retried inside its delivery timeout; another attempt later may succeed.
      throw new HubError('transient', err instanceof Error ? err.message : String(err), { cause: err });
    }
    await deps.db
      .collection<SmokeRunDocument>(COLLECTIONS.smokeRuns)
      .updateOne({ _id: input.runId }, { $set: { publishedAt: event.at } });
    return TOPICS.smoke.name;
  };
}
