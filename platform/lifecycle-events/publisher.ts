/**
 * Publishing lifecycle events to `hub.lifecycle-events.v1`: each event is checked against the canonical schema,
 * sent keyed by its sales order's or PO's id (one document's events stay in one partition, in order) with
 * `event-id`, `schema` and `correlation-id` headers, and then marked as published in the database, so the next save
 * of the same document sends only what is new. At least once: a crash between the send and the mark sends the
 * event again on the retry, under the same id (subscribers de-duplicate by it). An event that fails the schema is a
 * bug: it is logged and counted and not sent, and the business step goes on.
 */
import type { Collection, Db } from 'mongodb';
import type { LifecycleEvent } from '../../canonical-model/generated/index';
import { createCanonicalValidator } from '../../canonical-model/validate';
import type { CanonicalValidator } from '../../canonical-model/validate';
import type { HubLogger } from '../../monitoring/logger';
import { CORRELATION_HEADER } from '../kafka';
import type { EventProducer } from '../kafka';
import { TOPICS } from '../kafka-topics';

/** Collection of what each document has published: `{ _id: <salesOrderId | purchaseOrderId>, eventIds }`. */
export const LIFECYCLE_MARKS_COLLECTION = 'lifecycle_event_marks';

/** Header with the event's id (the subscribers' de-duplication key). */
export const EVENT_ID_HEADER = 'event-id';
/** Header with the document type and schema version of the value: `lifecycle-event/1`. */
export const SCHEMA_HEADER = 'schema';

/** Publishes a document's lifecycle events once each. */
export interface LifecyclePublisher {
  /**
   * Sends the events of `events` not sent before, in order. Rejects when the broker does not take one (the
   * calling activity is retried and sends it then); never rejects for an event that fails the schema.
   */
  publish(events: readonly LifecycleEvent[]): Promise<void>;
}

/** What the publisher is built from. */
export interface LifecyclePublisherOptions {
  db: Db;
  producer: Pick<EventProducer, 'send'>;
  logger: HubLogger;
  /** The worker's canonical validator (one is compiled when absent). */
  validator?: CanonicalValidator;
  /** Counts events that failed the schema (hub_lifecycle_events_invalid_total{event_type}). */
  invalid?: { inc(labels: { event_type: string }): void };
  /** The topic (tests use one of their own). */
  topic?: string;
}

interface Marks {
  _id: string;
  eventIds: string[];
}

/** The Kafka key of an event: the document it is about. */
export function lifecycleEventKey(event: LifecycleEvent): string {
  return event.salesOrderId ?? event.purchaseOrderId ?? event.workflowId;
}

/** Builds the publisher over the marks collection and the hub's idempotent producer. */
export function createLifecyclePublisher(options: LifecyclePublisherOptions): LifecyclePublisher {
  const { producer, logger, invalid, topic = TOPICS.lifecycleEvents.name } = options;
  const validator = options.validator ?? createCanonicalValidator();
  const marks: Collection<Marks> = options.db.collection<Marks>(LIFECYCLE_MARKS_COLLECTION);

  const valid = (event: LifecycleEvent): boolean => {
    const result = validator.validate('lifecycle-event', event);
    if (result.valid) return true;
    invalid?.inc({ event_type: String(event.eventType) });
    logger.error(
      { eventId: event.id, eventType: event.eventType, workflowId: event.workflowId, errors: result.errors },
      'lifecycle event does not match its schema; not published (a bug in platform/lifecycle-events)',
    );
    return false;
  };

  const publishFor = async (key: string, events: LifecycleEvent[]): Promise<void> => {
    const done = new Set((await marks.findOne({ _id: key }))?.eventIds ?? []);
    const sent: string[] = [];
    try {
      for (const event of events) {
        if (done.has(event.id) || sent.includes(event.id) || !valid(event)) continue;
        await producer.send(topic, key, Buffer.from(JSON.stringify(event)), {
          [EVENT_ID_HEADER]: event.id,
          [SCHEMA_HEADER]: `${event.documentType}/${event.schemaVersion}`,
          [CORRELATION_HEADER]: event.correlationId,
        });
        sent.push(event.id);
      }
    } finally {
      // What went out is marked even when a later send failed, so the retry sends only the rest.
      if (sent.length)
        await marks.updateOne({ _id: key }, { $addToSet: { eventIds: { $each: sent } } }, { upsert: true });
    }
  };

  return {
    async publish(events) {
      const byKey = new Map<string, LifecycleEvent[]>();
      for (const event of events) {
        const key = lifecycleEventKey(event);
        byKey.set(key, [...(byKey.get(key) ?? []), event]);
      }
      for (const [key, list] of byKey) await publishFor(key, list);
    },
  };
}
