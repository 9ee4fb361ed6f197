/**
 * Kafka pieces the inventory benchmark shares: topics of the run's own (created with the hub's specs, deleted
 * afterwards) and a plain node-rdkafka consumer for the raw produce → consume baseline — the consumer settings of
 * platform/kafka.ts runConsumer, without its one-at-a-time handler and per-message synchronous commit.
 */
import Kafka from 'node-rdkafka';
import type { Message } from 'node-rdkafka';
import type { HubConfig } from '../../platform/config';

/** Deletes `topics`; a topic that is already gone is no error. */
export function deleteTopics(kafka: HubConfig['kafka'], topics: string[]): Promise<void> {
  const admin = Kafka.AdminClient.create({
    'client.id': `${kafka.clientId}-bench-admin`,
    'metadata.broker.list': kafka.brokers,
  });
  return Promise.all(
    topics.map((t) => new Promise<void>((resolve) => admin.deleteTopic(t, 10_000, () => resolve()))),
  ).then(() => admin.disconnect());
}

/** A running raw consumer. */
export interface RawConsumer {
  stop(): Promise<void>;
}

/**
 * Consumes `topic` in group `groupId` from the earliest offset in node-rdkafka's flowing mode (each message as soon
 * as it is fetched), calling `onMessage` for each message received.
 */
export async function startRawConsumer(
  kafka: HubConfig['kafka'],
  groupId: string,
  topic: string,
  onMessage: (message: Message, receivedAt: number) => void,
): Promise<RawConsumer> {
  const consumer = new Kafka.KafkaConsumer(
    {
      'client.id': `${kafka.clientId}-${groupId}`,
      'group.id': groupId,
      'metadata.broker.list': kafka.brokers,
      'enable.auto.commit': true,
    },
    { 'auto.offset.reset': 'earliest' },
  );
  await new Promise<void>((resolve, reject) => {
    consumer.connect({ timeout: 10_000 }, (err) => (err ? reject(new Error(err.message)) : resolve()));
  });
  consumer.subscribe([topic]);
  // Block up to 100 ms per read and read again at once (the default sleeps 500 ms after a read that timed out).
  consumer.setDefaultConsumeTimeout(100);
  consumer.setDefaultConsumeLoopTimeoutDelay(0);
  consumer.on('data', (m) => onMessage(m, Date.now()));
  consumer.consume();
  return {
    async stop() {
      consumer.unsubscribe();
      await new Promise<void>((resolve) => consumer.disconnect(() => resolve()));
    },
  };
}
