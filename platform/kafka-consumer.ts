/**
 * The hub's Kafka consumer loop. Messages of one key are handled one after another, in offset order, so the
 * per-key order producers rely on holds (the hub keys every topic by the entity whose order matters); different
 * keys and partitions of a batch are handled side by side. A partition's offset is committed once everything
 * before it is handled — after the effects are stored — so a crash redelivers rather than loses. Committing per
 * message (a synchronous broker round trip each) held a no-op consumer to 122 messages/s (bench/inventory-latency.ts).
 */
import Kafka from 'node-rdkafka';
import type { LibrdKafkaError, Message } from 'node-rdkafka';
import type { Gauge } from 'prom-client';
import type { HubConfig } from './config';
import type { HubLogger } from '../monitoring/logger';
import { withLogContext } from '../monitoring/context';
import { CORRELATION_HEADER, headerValue } from './kafka-headers';

/** What a consumer does with one message; the offset is committed only after it resolves. */
export type MessageHandler = (message: Message) => Promise<void>;

/** A running consumer loop. */
export interface RunningConsumer {
  stop(): Promise<void>;
}

/** Messages per consume call: up to this many are handled before the next offsets are committed. */
const BATCH_SIZE = 100;

/**
 * Keys of one partition handled at the same time (each key's messages still one after another). On FerretDB's SQLite
 * backend, which writes one at a time, 4 and 16 gave the same intake rate and 16 quadrupled each write's latency.
 */
const KEY_CONCURRENCY = 4;

/** A partition's messages by key, each list in offset order (messages without a key form one list). */
function byKey(messages: readonly Message[]): Message[][] {
  const groups = new Map<string, Message[]>();
  for (const m of messages) {
    const key = m.key === undefined || m.key === null ? '' : String(m.key);
    const list = groups.get(key);
    if (list) list.push(m);
    else groups.set(key, [m]);
  }
  return [...groups.values()];
}

/** The batch's messages by topic and partition, each list in offset order. */
function byPartition(messages: readonly Message[]): Message[][] {
  const groups = new Map<string, Message[]>();
  for (const m of messages) {
    const key = `${m.topic}\u0000${m.partition}`;
    const list = groups.get(key);
    if (list) list.push(m);
    else groups.set(key, [m]);
  }
  return [...groups.values()];
}

/**
 * Consumes `topics` in a group: keys side by side, each key's messages in order, committing a partition's offset
 * only after `handle` resolved for every message before it. A handler that throws holds its key (and the batch):
 * the message is retried after `retryDelayMs` (poison messages are the handler's job to park and resolve).
 */
export async function runConsumer(options: {
  kafka: HubConfig['kafka'];
  groupId: string;
  topics: string[];
  handle: MessageHandler;
  logger: HubLogger;
  retryDelayMs?: number;
  /** Sets the group's lag per assigned partition (high watermark − committed offset) every `lagEveryMs`. */
  lag?: Pick<Gauge<'group' | 'topic' | 'partition'>, 'set'>;
  lagEveryMs?: number;
}): Promise<RunningConsumer> {
  const { kafka, groupId, topics, handle, logger, retryDelayMs = 1_000 } = options;
  const consumer = new Kafka.KafkaConsumer(
    {
      'client.id': `${kafka.clientId}-${groupId}`,
      'group.id': groupId,
      'metadata.broker.list': kafka.brokers,
      'enable.auto.commit': false,
      'enable.auto.offset.store': false,
      // A batch ends at the end of the partition instead of waiting out the timeout for a full batch: at 20
      // messages a second each one waited ~1.4 s before its handler ran (bench/inventory-latency.ts).
      'enable.partition.eof': true,
    },
    { 'auto.offset.reset': 'earliest' },
  );
  await new Promise<void>((resolve, reject) => {
    consumer.connect({ timeout: 10_000 }, (err) => (err ? reject(new Error(err.message)) : resolve()));
  });
  consumer.subscribe(topics);
  consumer.setDefaultConsumeTimeout(500);

  let stopping = false;
  const batch = (): Promise<Message[]> =>
    new Promise((resolve, reject) =>
      consumer.consume(BATCH_SIZE, (err, messages) =>
        err ? reject(new Error(err.message)) : resolve(messages),
      ),
    );

  /** Handles one message until its handler resolves; false when the consumer stopped first. */
  const handleOne = async (message: Message): Promise<boolean> => {
    for (;;) {
      try {
        const correlationId =
          headerValue(message, CORRELATION_HEADER) ??
          `${message.topic}/${message.partition}/${message.offset}`;
        await withLogContext({ correlationId }, () => handle(message));
        return true;
      } catch (err) {
        logger.error(
          { err, topic: message.topic, offset: message.offset },
          'message handler failed; retrying',
        );
        if (stopping) return false;
        await new Promise((r) => setTimeout(r, retryDelayMs));
      }
    }
  };

  /**
   * Handles a partition's messages of the batch: each key's in offset order, different keys side by side (at most
   * KEY_CONCURRENCY at once); then commits past the last message before which everything was handled.
   */
  const handlePartition = async (messages: readonly Message[]): Promise<void> => {
    const handled = new Set<Message>();
    const chains = [...byKey(messages)];
    const next = async (): Promise<void> => {
      for (let chain = chains.shift(); chain; chain = chains.shift()) {
        for (const message of chain) {
          if (!(await handleOne(message))) return;
          handled.add(message);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(KEY_CONCURRENCY, chains.length) }, next));
    const firstOpen = messages.findIndex((m) => !handled.has(m));
    const done = firstOpen === -1 ? messages.at(-1) : messages[firstOpen - 1];
    if (!done) return;
    try {
      consumer.commitSync({ topic: done.topic, partition: done.partition, offset: done.offset + 1 });
    } catch (err) {
      // E.g. the partition was revoked meanwhile: its next owner redelivers, and handlers are idempotent.
      logger.warn({ err, groupId, topic: done.topic, partition: done.partition }, 'offset not committed');
    }
  };

  const loop = (async () => {
    while (!stopping) {
      let messages: Message[];
      try {
        messages = await batch();
      } catch (err) {
        logger.warn({ err, groupId }, 'kafka consume failed; retrying');
        await new Promise((r) => setTimeout(r, retryDelayMs));
        continue;
      }
      await Promise.all(byPartition(messages).map(handlePartition));
    }
  })();

  const lagTimer = options.lag
    ? setInterval(() => {
        measureLag(consumer, groupId, options.lag!).catch((err: unknown) =>
          logger.debug({ err, groupId }, 'consumer lag not measured'),
        );
      }, options.lagEveryMs ?? 10_000)
    : undefined;
  lagTimer?.unref();

  return {
    async stop() {
      stopping = true;
      if (lagTimer) clearInterval(lagTimer);
      await loop;
      await new Promise<void>((resolve) => consumer.disconnect(() => resolve()));
    },
  };
}

/** Sets the lag of each partition assigned to `consumer`: high watermark − committed (low watermark if none). */
async function measureLag(
  consumer: Kafka.KafkaConsumer,
  groupId: string,
  gauge: Pick<Gauge<'group' | 'topic' | 'partition'>, 'set'>,
): Promise<void> {
  const assigned = consumer.assignments();
  if (!assigned.length) return;
  const committed = await new Promise<Kafka.TopicPartitionOffset[]>((resolve, reject) =>
    consumer.committed(assigned, 5_000, (err: LibrdKafkaError | null, offsets) =>
      err ? reject(new Error(err.message)) : resolve(offsets),
    ),
  );
  for (const tp of committed) {
    const marks = await new Promise<Kafka.WatermarkOffsets>((resolve, reject) => {
      consumer.queryWatermarkOffsets(
        tp.topic,
        tp.partition,
        5_000,
        (err: LibrdKafkaError | null, offsets: Kafka.WatermarkOffsets) =>
          err ? reject(new Error(err.message)) : resolve(offsets),
      );
    });
    const done = tp.offset >= 0 ? tp.offset : marks.lowOffset;
    gauge.set(
      { group: groupId, topic: tp.topic, partition: String(tp.partition) },
      Math.max(0, marks.highOffset - done),
    );
  }
}
