/**
 * The consumer loop against the real broker: a key's messages stay in order, keys are handled side by side, and
 * only handled messages are committed (a new member of the group gets what was not handled, and of the partitions
 * that were not stuck nothing that was).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../monitoring/logger';
import { eventually } from '../test/support/processes';
import { loadConfig } from './config';
import { connectProducer, ensureTopics, runConsumer } from './kafka';
import type { EventProducer, RunningConsumer } from './kafka';

const config = loadConfig();
const logger = createLogger('test', 'silent');
const suffix = randomUUID().slice(0, 8);
const topic = `test.consumer-loop.${suffix}`;
const onePartition = `test.consumer-loop-one.${suffix}`;
const KEYS = Array.from({ length: 12 }, (_, i) => `key-${i}`);
const PER_KEY = 25;

describe('runConsumer on Kafka', () => {
  let producer: EventProducer;
  const running: RunningConsumer[] = [];

  beforeAll(async () => {
    await ensureTopics(config.kafka, [
      { name: topic, partitions: 6, config: {} },
      { name: onePartition, partitions: 1, config: {} },
    ]);
    producer = await connectProducer(config.kafka, `test-consumer-loop-${suffix}`);
    // Interleaved across keys, numbered per key: key-3 #0, key-4 #0, … key-3 #1, …
    for (let n = 0; n < PER_KEY; n += 1)
      for (const key of KEYS) {
        await producer.send(topic, key, Buffer.from(JSON.stringify({ key, n })));
        await producer.send(onePartition, key, Buffer.from(JSON.stringify({ key, n })));
      }
  });

  afterAll(async () => {
    for (const c of running) await c.stop();
    await producer?.close();
  });

  it('keeps each key in order, handles keys side by side, and commits only what was handled', async () => {
    const group = `test-consumer-loop.${suffix}`;
    const seen = new Map<string, number[]>();
    const partitionOf = new Map<string, number>();
    const stuckKey = KEYS[0]!;
    let stuckTries = 0;
    const first = await runConsumer({
      kafka: config.kafka,
      groupId: group,
      topics: [topic],
      retryDelayMs: 50,
      logger,
      handle: async (m) => {
        const { key, n } = JSON.parse(m.value!.toString('utf8')) as { key: string; n: number };
        partitionOf.set(key, m.partition);
        // The stuck key fails at #10 (its downstream system is down): its partition waits there.
        if (key === stuckKey && n === 10) {
          stuckTries += 1;
          throw new Error('the downstream system is down');
        }
        await new Promise((r) => setTimeout(r, 2));
        seen.set(key, [...(seen.get(key) ?? []), n]);
      },
    });
    running.push(first);
    await eventually('the stuck message retried', () => (stuckTries >= 3 ? true : undefined), 60_000);
    expect(seen.get(stuckKey)).toEqual(Array.from({ length: 10 }, (_, i) => i));
    // Every key so far is an unbroken run from #0, in order.
    for (const [k, ns] of seen) expect(ns, k).toEqual(Array.from({ length: ns.length }, (_, i) => i));

    // Stopped while stuck: what it handled is committed, the stuck message is not.
    await first.stop();
    running.splice(running.indexOf(first), 1);
    const redelivered = new Map<string, number[]>();
    running.push(
      await runConsumer({
        kafka: config.kafka,
        groupId: group,
        topics: [topic],
        logger,
        handle: (m) => {
          const { key, n } = JSON.parse(m.value!.toString('utf8')) as { key: string; n: number };
          partitionOf.set(key, m.partition);
          redelivered.set(key, [...(redelivered.get(key) ?? []), n]);
          return Promise.resolve();
        },
      }),
    );
    const total = (k: string) => (seen.get(k)?.length ?? 0) + (redelivered.get(k)?.length ?? 0);
    await eventually(
      'every message handled by one member or the other',
      () => (KEYS.every((k) => total(k) >= PER_KEY) ? true : undefined),
      60_000,
    );
    await new Promise((r) => setTimeout(r, 1_500)); // and nothing more arriving
    expect(redelivered.get(stuckKey)).toEqual(Array.from({ length: PER_KEY - 10 }, (_, i) => i + 10));
    const stuckPartition = partitionOf.get(stuckKey);
    for (const k of KEYS) {
      // Nothing skipped, and what comes again comes in order: the second member starts at the first's commit.
      const again = redelivered.get(k) ?? [];
      expect(new Set([...(seen.get(k) ?? []), ...again]), k).toEqual(
        new Set(Array.from({ length: PER_KEY }, (_, i) => i)),
      );
      expect(again, k).toEqual([...again].sort((a, b) => a - b));
      // Only the stuck partition's commit stayed behind: what the first member handled on other partitions never
      // comes twice. (Keys that share the stuck partition may see messages handled after the stuck one again;
      // handlers are idempotent.)
      if (partitionOf.get(k) !== stuckPartition) {
        const twice = again.filter((n) => seen.get(k)?.includes(n));
        expect(twice, `${k} (another partition) handled twice`).toEqual([]);
      }
    }
    expect(KEYS.filter((k) => partitionOf.get(k) !== stuckPartition).length).toBeGreaterThan(0);
  });

  it('handles the keys of one partition side by side, each key still in order', async () => {
    const seen = new Map<string, number[]>();
    let inFlight = 0;
    let maxInFlight = 0;
    running.push(
      await runConsumer({
        kafka: config.kafka,
        groupId: `test-consumer-loop-one.${suffix}`,
        topics: [onePartition],
        logger,
        handle: async (m) => {
          const { key, n } = JSON.parse(m.value!.toString('utf8')) as { key: string; n: number };
          inFlight += 1;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await new Promise((r) => setTimeout(r, 5));
          inFlight -= 1;
          seen.set(key, [...(seen.get(key) ?? []), n]);
        },
      }),
    );
    await eventually(
      'every message handled',
      () => (KEYS.every((k) => (seen.get(k)?.length ?? 0) >= PER_KEY) ? true : undefined),
      60_000,
    );
    expect(maxInFlight, 'messages of different keys handled at the same time').toBeGreaterThan(1);
    for (const k of KEYS) expect(seen.get(k), k).toEqual(Array.from({ length: PER_KEY }, (_, i) => i));
  });
});
