import Kafka from 'node-rdkafka';
import type { LibrdKafkaError, Message } from 'node-rdkafka';
import type { Gauge } from 'prom-client';
import type { HubConfig } from './config';
import type { TopicSpec } from './kafka-topics';
import type { HubLogger } from '../monitoring/logger';
import { withLogContext } from '../monitoring/context';

/** A connected idempotent producer whose `send` resolves once the broker has acknowledged the message. */
export interface EventProducer {
  send(topic: string, key: string, value: Buffer, headers?: Record<string, string>): Promise<void>;
  /** Lists the cluster's brokers; rejects when none answers within `timeoutMs`. */
  ping(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const TOPIC_ALREADY_EXISTS = 36;

/** Creates an idempotent producer (acks=all, per-key order kept across retries) and waits until it is connected. */
export async function connectProducer(kafka: HubConfig['kafka'], role: string): Promise<EventProducer> {
  const producer = startProducer(kafka, role);
  await producer.connected;
  return producer;
}

/**
 * Creates an idempotent producer that connects in the background, retrying until the broker answers, so a process
 * can start (and report "not ready") while Kafka is down. `send` waits for the connection; `ping` fails until then.
 */
export function startProducer(
  kafka: HubConfig['kafka'],
  role: string,
  retryDelayMs = 2_000,
): EventProducer & { connected: Promise<void> } {
  const producer = new Kafka.HighLevelProducer(
    {
      'client.id': `${kafka.clientId}-${role}`,
      'metadata.broker.list': kafka.brokers,
      'enable.idempotence': true,
      'socket.connection.setup.timeout.ms': 5_000,
    },
    { 'message.timeout.ms': 30_000 },
  );
  let closed = false;
  let isConnected = false;
  const connected = (async () => {
    for (;;) {
      try {
        await new Promise<void>((resolve, reject) => {
          producer.connect({ timeout: 10_000 }, (err) => (err ? reject(new Error(err.message)) : resolve()));
        });
        break;
      } catch (err) {
        if (closed) throw err;
        await new Promise((r) => setTimeout(r, retryDelayMs));
      }
    }
    producer.setPollInterval(50);
    isConnected = true;
  })();
  connected.catch(() => undefined);
  return {
    connected,
    send: async (topic, key, value, headers) => {
      await connected;
      const kafkaHeaders = Object.entries(headers ?? {}).map(([k, v]) => ({ [k]: v }));
      await new Promise<void>((resolve, reject) => {
        producer.produce(topic, null, value, key, Date.now(), kafkaHeaders, (err: LibrdKafkaError | null) =>
          err ? reject(new Error(`Kafka delivery to ${topic}: ${err.message}`)) : resolve(),
        );
      });
    },
    ping: (timeoutMs = 2_000) =>
      isConnected
        ? new Promise((resolve, reject) => {
            producer.getMetadata({ timeout: timeoutMs }, (err: LibrdKafkaError | null) =>
              err ? reject(new Error(`Kafka metadata: ${err.message}`)) : resolve(),
            );
          })
        : Promise.reject(new Error(`not connected to Kafka at ${kafka.brokers} yet`)),
    close: () => {
      closed = true;
      return isConnected
        ? new Promise((resolve) => producer.disconnect(5_000, () => resolve()))
        : Promise.resolve();
    },
  };
}

/** Creates the declared topics that do not exist yet; existing ones are left as they are. */
export async function ensureTopics(kafka: HubConfig['kafka'], topics: readonly TopicSpec[]): Promise<void> {
  const admin = Kafka.AdminClient.create({
    'client.id': `${kafka.clientId}-admin`,
    'metadata.broker.list': kafka.brokers,
  });
  try {
    for (const t of topics) {
      await new Promise<void>((resolve, reject) => {
        admin.createTopic(
          { topic: t.name, num_partitions: t.partitions, replication_factor: 1, config: t.config },
          10_000,
          (err) => (!err || err.code === TOPIC_ALREADY_EXISTS ? resolve() : reject(new Error(err.message))),
        );
      });
    }
  } finally {
    admin.disconnect();
  }
}

/** Header that carries the correlation id of the request that caused an event, so consumers log under it too. */
export const CORRELATION_HEADER = 'correlation-id';

/** The text of header `name` of `message`, if present. */
export function headerValue(message: Message, name: string): string | undefined {
  for (const header of message.headers ?? []) {
    const value = header[name];
    if (value !== undefined) return Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
  }
  return undefined;
}

/** What a consumer does with one message; the offset is committed only after it resolves. */
export type MessageHandler = (message: Message) => Promise<void>;

/** A running consumer loop. */
export interface RunningConsumer {
  stop(): Promise<void>;
}

/**
 * Consumes `topics` in a group, one message at a time per process, committing each offset only after `handle`
 * resolved — so a crash redelivers rather than loses. A handler that throws stops the loop for that message: the
 * message is retried after `retryDelayMs` (poison messages are the handler's job to park and resolve).
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
      // A batch ends at the end of the partition instead of waiting out the timeout for 50 messages: at 20
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
      consumer.consume(50, (err, messages) => (err ? reject(new Error(err.message)) : resolve(messages))),
    );

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
      for (const message of messages) {
        for (;;) {
          try {
            const correlationId =
              headerValue(message, CORRELATION_HEADER) ??
              `${message.topic}/${message.partition}/${message.offset}`;
            await withLogContext({ correlationId }, () => handle(message));
            consumer.commitMessageSync(message);
            break;
          } catch (err) {
            logger.error(
              { err, topic: message.topic, offset: message.offset },
              'message handler failed; retrying',
            );
            if (stopping) return;
            await new Promise((r) => setTimeout(r, retryDelayMs));
          }
        }
      }
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
