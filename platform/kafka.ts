import Kafka from 'node-rdkafka';
import type { LibrdKafkaError } from 'node-rdkafka';
import type { HubConfig } from './config';
import type { TopicSpec } from './kafka-topics';

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
    // Delivery reports wait for the next poll: at 50 ms every acknowledged send (a webhook answer) waited ~25 ms more.
    producer.setPollInterval(5);
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

export { CORRELATION_HEADER, headerValue } from './kafka-headers';
export { runConsumer } from './kafka-consumer';
export type { MessageHandler, RunningConsumer } from './kafka-consumer';
