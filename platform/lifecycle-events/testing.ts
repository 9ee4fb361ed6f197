/**
 * For tests: a lifecycle topic of the test's own on the real broker, the hub's producer, a publisher over a test
 * database, and a reader that collects what arrives on the topic (from its start) for the test to wait on.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import type { Message } from 'node-rdkafka';
import type { LifecycleEvent } from '../../canonical-model/generated/index';
import { createCanonicalValidator } from '../../canonical-model/validate';
import type { HubLogger } from '../../monitoring/logger';
import { loadConfig } from '../config';
import { connectProducer, ensureTopics, headerValue, runConsumer } from '../kafka';
import type { EventProducer } from '../kafka';
import { TOPICS } from '../kafka-topics';
import { createLifecyclePublisher } from './publisher';
import type { LifecyclePublisher } from './publisher';

/** One message read back: its key, headers of interest and the event. */
export interface ReadEvent {
  key: string;
  eventId: string | undefined;
  schema: string | undefined;
  correlationId: string | undefined;
  event: LifecycleEvent;
}

/** The test's topic, producer, publisher and reader. */
export interface LifecycleTopic {
  topic: string;
  producer: EventProducer;
  publisher: LifecyclePublisher;
  /** Counts of events the publisher refused as invalid, by event type. */
  invalid: Map<string, number>;
  /** Everything read so far, in arrival order. */
  read: ReadEvent[];
  /** Waits until `done(read)` holds (or `timeoutMs` passes: then it throws naming `what`). */
  waitFor(what: string, done: (read: ReadEvent[]) => boolean, timeoutMs?: number): Promise<ReadEvent[]>;
  close(): Promise<void>;
}

/** Creates a topic like `hub.lifecycle-events.v1` for `prefix`, and starts reading it. */
export async function openLifecycleTopic(prefix: string, db: Db, logger: HubLogger): Promise<LifecycleTopic> {
  const { kafka } = loadConfig();
  const suffix = randomUUID().slice(0, 8);
  const topic = `test.${prefix}.lifecycle.${suffix}`;
  await ensureTopics(kafka, [{ ...TOPICS.lifecycleEvents, name: topic }]);
  const producer = await connectProducer(kafka, `test-${prefix}-${suffix}`);
  const invalid = new Map<string, number>();
  const publisher = createLifecyclePublisher({
    db,
    producer,
    logger,
    validator: createCanonicalValidator(),
    invalid: { inc: ({ event_type }) => void invalid.set(event_type, (invalid.get(event_type) ?? 0) + 1) },
    topic,
  });
  const read: ReadEvent[] = [];
  const consumer = await runConsumer({
    kafka,
    groupId: `test-${prefix}-reader.${suffix}`,
    topics: [topic],
    logger,
    handle: (message: Message) => {
      read.push({
        key: Buffer.isBuffer(message.key) ? message.key.toString('utf8') : String(message.key),
        eventId: headerValue(message, 'event-id'),
        schema: headerValue(message, 'schema'),
        correlationId: headerValue(message, 'correlation-id'),
        event: JSON.parse(message.value?.toString('utf8') ?? 'null') as LifecycleEvent,
      });
      return Promise.resolve();
    },
  });
  return {
    topic,
    producer,
    publisher,
    invalid,
    read,
    async waitFor(what, done, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!done(read)) {
        if (Date.now() > deadline)
          throw new Error(
            `${what}: not read within ${timeoutMs} ms; read ${JSON.stringify(read.map((r) => r.event.eventType))}`,
          );
        await new Promise((r) => setTimeout(r, 50));
      }
      return read;
    },
    async close() {
      await consumer.stop();
      await producer.close();
    },
  };
}
