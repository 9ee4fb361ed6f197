import type { Db } from 'mongodb';
import { COLLECTIONS } from '../platform/collections';
import { TOPICS } from '../platform/kafka-topics';
import { CORRELATION_HEADER } from '../platform/kafka';
import type { EventProducer } from '../platform/kafka';
import type { SmokeRunDocument, SmokeRunInput } from './smoke-types';

/** Publishes the smoke event to Kafka, keyed by run id, and notes when the broker acknowledged it. */
export function publishSmokeEvent(deps: { db: Db; producer: EventProducer }) {
  return async (input: SmokeRunInput): Promise<string> => {
    const event = {
      type: 'hub.smoke.recorded',
      runId: input.runId,
      note: input.note,
      at: new Date().toISOString(),
    };
    await deps.producer.send(TOPICS.smoke.name, input.runId, Buffer.from(JSON.stringify(event)), {
      [CORRELATION_HEADER]: input.correlationId,
    });
    await deps.db
      .collection<SmokeRunDocument>(COLLECTIONS.smokeRuns)
      .updateOne({ _id: input.runId }, { $set: { publishedAt: event.at } });
    return TOPICS.smoke.name;
  };
}
