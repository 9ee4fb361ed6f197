import type { Db } from 'mongodb';
import type { Message } from 'node-rdkafka';
import { COLLECTIONS } from '../platform/collections';
import type { HubLogger } from '../monitoring/logger';
import type { HubMetrics } from '../monitoring/metrics';
import type { SmokeRunDocument } from '../activities/smoke-types';

/** Marks the smoke run consumed; a redelivered message finds it already marked and changes nothing. */
export function handleSmokeEvent(deps: { db: Db; logger: HubLogger; metrics: HubMetrics }) {
  return async (message: Message): Promise<void> => {
    const event = JSON.parse(message.value?.toString('utf8') ?? 'null') as { runId?: unknown } | null;
    if (!event || typeof event.runId !== 'string') {
      deps.logger.warn({ topic: message.topic, offset: message.offset }, 'smoke event without runId skipped');
      return;
    }
    await deps.db.collection<SmokeRunDocument>(COLLECTIONS.smokeRuns).updateOne(
      { _id: event.runId, consumedAt: null },
      {
        $set: {
          consumedAt: new Date().toISOString(),
          consumedFrom: { topic: message.topic, partition: message.partition, offset: message.offset },
        },
      },
    );
    deps.metrics.smokeEventsConsumed.inc({ topic: message.topic });
    deps.logger.info(
      { runId: event.runId, partition: message.partition, offset: message.offset },
      'smoke event consumed',
    );
  };
}
