/**
 * The baseline of the inventory benchmark: the broker's own produce → consume latency, with the hub's idempotent
 * producer (platform/kafka.ts connectProducer) and either a plain flowing consumer or the hub's consumer loop
 * (runConsumer: batches of 50, a synchronous commit per message) with a handler that does nothing, on a topic of
 * the run's own with the movement topic's partitions. The messages are movement-sized, keyed like movements, sent
 * at the same pace as the hub's.
 */
import { randomUUID } from 'node:crypto';
import type { Message } from 'node-rdkafka';
import type { HubConfig } from '../../platform/config';
import { connectProducer, ensureTopics, headerValue, runConsumer } from '../../platform/kafka';
import type { HubLogger } from '../../monitoring/logger';
import { TOPICS } from '../../platform/kafka-topics';
import { deleteTopics, startRawConsumer } from './kafka-bench';
import { figures, paced, until } from './latency';
import type { StageFigures } from './latency';
import { sampler } from './x12-load';

const SEQ_HEADER = 'bench-seq';

/** Sends `n` messages of `bytes` bytes over `keys` keys at `perSecond` (0: all at once); answers the figures. */
export async function runRawStage(
  kafka: HubConfig['kafka'],
  options: {
    n: number;
    keys: readonly string[];
    bytes: number;
    perSecond: number;
    timeoutMs: number;
    /** `runConsumer`: the hub's consumer loop with a no-op handler; `plain`: node-rdkafka's flowing mode. */
    consumer: 'plain' | 'runConsumer';
    logger: HubLogger;
  },
): Promise<StageFigures> {
  const suffix = randomUUID().slice(0, 8);
  const topic = `bench.raw-produce-consume.${suffix}`;
  await ensureTopics(kafka, [{ ...TOPICS.inventoryMovements, name: topic }]);
  const producer = await connectProducer(kafka, `bench-raw-${suffix}`);
  const sentAt: number[] = [];
  const latencies: number[] = [];
  let warm = false;
  let lastAt = 0;
  const received = (message: Message, receivedAt: number) => {
    const seq = Number(headerValue(message, SEQ_HEADER));
    if (seq < 0) warm = true;
    else if (sentAt[seq] !== undefined) {
      latencies.push(receivedAt - sentAt[seq]);
      lastAt = receivedAt;
    }
  };
  const groupId = `bench-raw.${suffix}`;
  const consumer =
    options.consumer === 'plain'
      ? await startRawConsumer(kafka, groupId, topic, received)
      : await runConsumer({
          kafka,
          groupId,
          topics: [topic],
          logger: options.logger,
          handle: (message) => Promise.resolve(received(message, Date.now())),
        });
  const memory = sampler();
  const value = Buffer.alloc(options.bytes, 'x');
  try {
    // The group is assigned its partitions before the clock starts.
    await producer.send(topic, 'warm-up', value, { [SEQ_HEADER]: '-1' });
    await until('the raw consumer to receive the warm-up message', () => warm, options.timeoutMs);
    const started = Date.now();
    await paced(options.n, options.perSecond, (i) => {
      sentAt[i] = Date.now();
      return producer.send(topic, options.keys[i % options.keys.length]!, value, { [SEQ_HEADER]: String(i) });
    });
    await until(`${options.n} raw messages consumed`, () => latencies.length >= options.n, options.timeoutMs);
    const { rss } = memory.stop();
    const stage = options.consumer === 'plain' ? 'raw produce → consume' : 'raw, runConsumer no-op';
    return figures(stage, latencies, (lastAt - started) / 1000, Math.max(...rss));
  } finally {
    memory.stop();
    await consumer.stop();
    await producer.close();
    await deleteTopics(kafka, [topic]);
  }
}
