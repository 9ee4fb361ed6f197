import type { Db } from 'mongodb';
import type { Message } from 'node-rdkafka';
import { COLLECTIONS } from '../platform/collections';
import type { InboundDedup } from '../platform/inbound-dedup';
import type { HubLogger } from '../monitoring/logger';
import type { HubMetrics } from '../monitoring/metrics';
import type { SmokeRunDocument } from '../activities/smoke-types';

/** Source name of smoke events in the inbound de-duplication store. */
export const SMOKE_EVENT_SOURCE = 'hub.smoke';

/**
 * Marks the smoke run consumed, once: the first delivery of a run's event claims it in the inbound
 * de-duplication store and applies it; a redelivery is counted as a duplicate and changes nothing.
 */
export function handleSmokeEvent(deps: {
  db: Db;
  dedup: InboundDedup;
  logger: HubLogger;
  metrics: HubMetrics;
}) {
  return async (message: Message): Promise<void> => {
    const event = JSON.parse(message.value?.toString('utf8') ?? 'null') as {
      runId?: unknown;
      type?: unknown;
    } | null;
    if (!event || typeof event.runId !== 'string') {
      deps.logger.warn({ topic: message.topic, offset: message.offset }, 'smoke event without runId skipped');
      return;
    }
    // One smoke event per run is the business fact; its type names the version of that fact.
    const key = {
      sourceConnectorId: SMOKE_EVENT_SOURCE,
      externalId: event.runId,
      version: typeof event.type === 'string' ? event.type : 'hub.smoke.recorded',
    };
    if ((await deps.dedup.claim(key)) === 'duplicate') {
      deps.metrics.inboundDuplicates.inc({ source: SMOKE_EVENT_SOURCE });
      deps.logger.info(
        { runId: event.runId, partition: message.partition, offset: message.offset },
        'duplicate smoke event skipped',
      );
      return;
    }
    try {
      await deps.db.collection<SmokeRunDocument>(COLLECTIONS.smokeRuns).updateOne(
        { _id: event.runId, consumedAt: null },
        {
          $set: {
            consumedAt: new Date().toISOString(),
            consumedFrom: { topic: message.topic, partition: message.partition, offset: message.offset },
          },
        },
      );
    } catch (err) {
      // Give the claim back so the redelivery that follows this failure is applied rather than skipped.
      await deps.dedup.release(key).catch((releaseErr: unknown) => {
        deps.logger.error({ err: releaseErr, runId: event.runId }, 'could not release the inbound claim');
      });
      throw err;
    }
    deps.metrics.smokeEventsConsumed.inc({ topic: message.topic });
    deps.logger.info(
      { runId: event.runId, partition: message.partition, offset: message.offset },
      'smoke event consumed',
    );
  };
}
