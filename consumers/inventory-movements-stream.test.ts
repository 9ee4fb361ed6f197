/**
 * The movement stream end to end on the real stack (Kafka + FerretDB): inbound WMS inventory events go through the
 * bridge (normalise + publish) onto a movement topic, with duplicates, out of order and three poison messages in
 * the same partitions; the movement intake under runConsumer applies them to the stock ledger. The positions must
 * equal an expectation computed here from the schema's rules, each movement must be applied once, the poison must
 * be parked with its bytes in the dead-letter store and on the DLQ topic, and a second full redelivery (a new
 * consumer group reading the topic from the start) must change nothing.
 *
 * The topics are private to the run (same specs as the hub's, names suffixed) and deleted afterwards, so no other
 * hub on the broker reads this run's poison; the database is fresh too.
 */
import { randomUUID } from 'node:crypto';
import Kafka from 'node-rdkafka';
import type { Message } from 'node-rdkafka';
import type { Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InventoryMovement } from '../canonical-model/generated/index';
import { createCanonicalValidator } from '../canonical-model/validate';
import { createLogger } from '../monitoring/logger';
import { loadConfig } from '../platform/config';
import { COLLECTIONS } from '../platform/collections';
import { createDeadLetterStore } from '../platform/dead-letters';
import type { DeadLetterStore } from '../platform/dead-letters';
import { connectProducer, ensureTopics, runConsumer } from '../platform/kafka';
import type { EventProducer, RunningConsumer } from '../platform/kafka';
import { TOPICS } from '../platform/kafka-topics';
import { createStockLedger } from '../platform/orders/stock-ledger';
import type { LedgerEntry } from '../platform/orders/stock-ledger-entries';
import type { StockKey, StockLedger } from '../platform/orders/stock-types';
import { openTestDatabase } from '../test/support/database';
import { eventually } from '../test/support/processes';
import { publishInventoryEvent } from '../inventory/inbound-bridge';
import { headersOf } from '../inventory/parked';
import { handleInventoryMovements } from './inventory-movements';

const config = loadConfig();
const logger = createLogger('test', 'silent');
const suffix = randomUUID().slice(0, 8);
const connectorId = `wms-inv-${suffix}`;
const movementTopic = `test.inventory-movements.${suffix}`;
const dlqTopic = `test.inventory-movements.dlq.${suffix}`;
const SKUS = [0, 1, 2, 3].map((k) => `INV-${suffix}-${k}`);
const LOCATIONS = [0, 1, 2].map((l) => `loc_${suffix}_${l}`);
const UNIQUE = 170;
const DUPLICATES = 30;

/** A small seeded PRNG, so a failing run can be repeated (the seed is in the test name). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const seed = Number.parseInt(suffix.slice(0, 6), 16);
const random = prng(seed);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const TYPES: [InventoryMovement['type'], InventoryMovement['direction'][]][] = [
  ['receipt', ['in']],
  ['pick', ['out']],
  ['adjustment', ['in', 'out']],
  ['transfer', ['in', 'out']],
  ['count', ['in', 'out']],
  ['return', ['in']],
  ['hold', ['in']],
  ['release', ['out']],
];

function movementAt(i: number): InventoryMovement {
  const [type, directions] = pick(TYPES);
  const sku = pick(SKUS);
  const locationId = pick(LOCATIONS);
  const whole = Math.floor(random() * 40);
  const value = random() < 0.3 ? `${whole}.${pick(['25', '5', '75'])}` : String(whole);
  const itemId = `${connectorId}:item:${sku}`;
  return {
    schemaVersion: '1',
    documentType: 'inventory-movement',
    id: `${connectorId}:inventory-movement:chg-${i}`,
    legalEntityId: 'le_acme_us',
    source: { connectorId, system: 'shiphero', externalId: `chg-${i}` },
    type,
    direction: pick(directions),
    itemId,
    item: { itemId, identifiers: [{ qualifier: 'SKU', value: sku }] },
    locationId,
    quantity: { value, uom: 'EA' },
    occurredAt: new Date(Date.UTC(2025, 5, 1, 8, 0, 0) + i * 60_000).toISOString(),
    ...(type === 'transfer' ? { counterpartLocationId: LOCATIONS.find((l) => l !== locationId)! } : {}),
  };
}

/** Hundredths of a unit, exactly (every quantity here has at most two decimals). */
function hundredths(decimal: string): bigint {
  const [whole, frac = ''] = decimal.replace('-', '').split('.');
  const magnitude = BigInt(whole!) * 100n + BigInt((frac + '00').slice(0, 2));
  return decimal.startsWith('-') ? -magnitude : magnitude;
}

type Expected = { onHand: bigint; held: bigint; inTransit: bigint };

/**
 * The expected ledger, from the schema's doc comment: direction gives the sign; hold and release move units into
 * and out of held (which is part of on hand); every other type changes on hand. A transfer out puts its units in
 * transit to the counterpart location; a transfer in takes them out of transit where it lands.
 */
function expectedPositions(movements: readonly InventoryMovement[]): Map<string, Expected> {
  const out = new Map<string, Expected>();
  const at = (sku: string, locationId: string) => {
    const key = `${sku}@${locationId}`;
    const position = out.get(key) ?? { onHand: 0n, held: 0n, inTransit: 0n };
    out.set(key, position);
    return position;
  };
  for (const m of movements) {
    const sku = m.item.identifiers[0]!.value;
    const position = at(sku, m.locationId);
    const q = hundredths(m.quantity.value) * (m.direction === 'in' ? 1n : -1n);
    if (m.type === 'hold' || m.type === 'release') position.held += q;
    else position.onHand += q;
    if (m.type === 'transfer' && m.direction === 'in') position.inTransit -= q;
    if (m.type === 'transfer' && m.direction === 'out') at(sku, m.counterpartLocationId!).inTransit -= q;
  }
  return out;
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** An inbound event as the webhook ingress publishes it, wrapped as the message the bridge reads. */
function inboundMessage(movement: InventoryMovement, n: number): Message {
  const value = Buffer.from(
    JSON.stringify({
      inboundEventId: `evt_${suffix}_${n}`,
      event: 'inventory.changed',
      connectorId,
      deliveryId: `d-${n}`,
      document: movement,
    }),
  );
  return {
    topic: TOPICS.inboundEvents.name,
    partition: 0,
    offset: n,
    key: movement.id,
    value,
    size: value.length,
    headers: [{ 'correlation-id': Buffer.from(`corr-${suffix}-${n}`) }],
  };
}

function deleteTopics(topics: string[]): Promise<void> {
  const admin = Kafka.AdminClient.create({
    'client.id': `${config.kafka.clientId}-test-admin`,
    'metadata.broker.list': config.kafka.brokers,
  });
  return Promise.all(
    topics.map((t) => new Promise<void>((resolve) => admin.deleteTopic(t, 10_000, () => resolve()))),
  ).then(() => admin.disconnect());
}

function topicPartitions(): Promise<Map<string, number>> {
  const client = new Kafka.Producer({ 'metadata.broker.list': config.kafka.brokers });
  return new Promise((resolve, reject) => {
    client.connect({ timeout: 10_000 }, (err, metadata) => {
      client.disconnect();
      if (err) reject(new Error(err.message));
      else resolve(new Map(metadata.topics.map((t) => [t.name, t.partitions.length])));
    });
  });
}

describe(`inventory movement stream on Kafka into the stock ledger (seed ${seed})`, () => {
  let client: MongoClient;
  let db: Db;
  let producer: EventProducer;
  let ledger: StockLedger;
  let deadLetters: DeadLetterStore;
  const consumers: RunningConsumer[] = [];
  const validator = createCanonicalValidator();

  beforeAll(async () => {
    ({ client, db } = await openTestDatabase('hub_inv_stream'));
    ledger = createStockLedger(db);
    deadLetters = createDeadLetterStore(db);
    await Promise.all([ledger.ensureIndexes(), deadLetters.ensureIndexes()]);
    await ensureTopics(config.kafka, [
      { ...TOPICS.inventoryMovements, name: movementTopic },
      { ...TOPICS.inventoryMovementsDlq, name: dlqTopic },
    ]);
    producer = await connectProducer(config.kafka, `test-inventory-${suffix}`);
  });

  afterAll(async () => {
    for (const c of consumers) await c.stop();
    await producer?.close();
    await deleteTopics([movementTopic, dlqTopic]);
    await db?.dropDatabase();
    await client?.close();
  });

  /** Runs the movement intake in group `group`, counting the messages it has finished. */
  async function startIntake(group: string) {
    const done = { count: 0 };
    const handle = handleInventoryMovements({
      ledger,
      validator,
      deadLetters,
      producer,
      knowsConnector: (id) => Promise.resolve(id === connectorId),
      dlqTopic,
      logger,
    });
    consumers.push(
      await runConsumer({
        kafka: config.kafka,
        groupId: group,
        topics: [movementTopic],
        handle: async (m) => {
          await handle(m);
          done.count += 1;
        },
        logger,
      }),
    );
    return done;
  }

  /** Every message on the DLQ topic so far. */
  async function dlqMessages(expectAtLeast: number): Promise<Message[]> {
    const seen: Message[] = [];
    const reader = await runConsumer({
      kafka: config.kafka,
      groupId: `test-dlq-reader.${suffix}.${randomUUID().slice(0, 4)}`,
      topics: [dlqTopic],
      handle: (m) => {
        seen.push(m);
        return Promise.resolve();
      },
      logger,
    });
    try {
      await eventually(`${expectAtLeast} DLQ messages`, () =>
        seen.length >= expectAtLeast ? true : undefined,
      );
      await new Promise((r) => setTimeout(r, 1_000)); // and nothing more arriving
      return [...seen];
    } finally {
      await reader.stop();
    }
  }

  async function positionsOf(): Promise<Map<string, Expected>> {
    const out = new Map<string, Expected>();
    for (const sku of SKUS)
      for (const locationId of LOCATIONS) {
        const p = await ledger.position({ sku, locationId } satisfies StockKey);
        if (p)
          out.set(`${sku}@${locationId}`, {
            onHand: hundredths(p.onHand),
            held: hundredths(p.held),
            inTransit: hundredths(p.inTransit),
          });
      }
    return out;
  }

  it('the hub declares the movement topics and creates them at start-up with their partitions', async () => {
    await ensureTopics(config.kafka, Object.values(TOPICS));
    // A topic just created reaches the broker's metadata a moment later.
    const partitions = await eventually('the movement topics in the metadata', async () => {
      const found = await topicPartitions();
      return found.has('hub.inventory-movements.v1') && found.has('hub.inventory-movements.dlq.v1')
        ? found
        : undefined;
    });
    expect(partitions.get('hub.inventory-movements.v1')).toBe(6);
    expect(partitions.get('hub.inventory-movements.dlq.v1')).toBe(TOPICS.inventoryMovementsDlq.partitions);
    expect(TOPICS.inventoryMovements.config['retention.ms']).toBe(String(14 * 24 * 3600 * 1000));
    expect(TOPICS.inventoryMovementsDlq.config['retention.ms']).toBe(String(30 * 24 * 3600 * 1000));
  });

  it('200 movements with duplicates, out of order, and 3 poison messages end in the expected ledger', async () => {
    const unique = Array.from({ length: UNIQUE }, (_, i) => movementAt(i));
    const duplicated = Array.from({ length: DUPLICATES }, () => pick(unique));
    const deliveries = shuffle([...unique, ...duplicated]);
    expect(deliveries).toHaveLength(200);

    // Poison in the same partitions as real movements (their keys), so a stuck partition would show.
    const poison: { key: string; value: Buffer }[] = [
      { key: `${SKUS[0]}@${LOCATIONS[0]}`, value: Buffer.from([0xff, 0xfe, 0x7b, 0x22]) },
      {
        key: `${SKUS[1]}@${LOCATIONS[1]}`,
        value: Buffer.from(
          JSON.stringify({ ...unique[0], id: `${connectorId}:bad-qty`, quantity: { value: 5, uom: 'EA' } }),
        ),
      },
      {
        key: `${SKUS[2]}@${LOCATIONS[2]}`,
        value: Buffer.from(JSON.stringify({ ...unique[1], id: `${connectorId}:bad-type`, type: 'teleport' })),
      },
    ];
    const published: string[] = [];
    for (const [n, movement] of deliveries.entries()) {
      if (n % 60 === 30) {
        const p = poison[(n - 30) / 60]!;
        await producer.send(movementTopic, p.key, p.value, { 'correlation-id': `poison-${suffix}` });
      }
      published.push(
        await publishInventoryEvent(
          {
            producer,
            validator,
            deadLetters,
            knowsConnector: (id) => Promise.resolve(id === connectorId),
            movementTopic,
            logger,
          },
          inboundMessage(movement, n),
        ),
      );
    }
    expect(published.every((o) => o === 'published')).toBe(true);

    const done = await startIntake(`hub-inventory-movements.${db.databaseName}`);
    await eventually(
      'every movement and poison message handled',
      () => (done.count >= 203 ? true : undefined),
      90_000,
    );

    // Positions: exactly the independent expectation (duplicates counted once).
    const expected = expectedPositions(unique);
    expect(await positionsOf()).toEqual(expected);
    const entries = await db
      .collection<LedgerEntry>(COLLECTIONS.stockLedger)
      .find({ op: 'movement' }, { projection: { _id: 1 } })
      .toArray();
    const transfersOut = unique.filter((m) => m.type === 'transfer' && m.direction === 'out');
    expect(entries.map((e) => e._id).sort()).toEqual(
      [
        ...unique.map((m) => `movement/${m.id}`),
        ...transfersOut.map((m) => `movement/${m.id}/in-transit`),
      ].sort(),
    );

    // The dead-letter store: the three poison messages, each with its bytes and what is wrong.
    const { items } = await deadLetters.list({ flow: 'inventory-sync' });
    expect(items).toHaveLength(3);
    for (const p of poison) {
      const record = items.find(
        (d) => (d.payload as { valueBase64: string }).valueBase64 === p.value.toString('base64'),
      );
      expect(record, `dead letter of ${p.key}`).toBeDefined();
      expect(record).toMatchObject({ step: 'movement-intake', status: 'open', error: { kind: 'data' } });
      expect(record?.error.fieldErrors?.length).toBeGreaterThan(0);
      expect((record?.payload as { key: string }).key).toBe(p.key);
      expect(record?.correlationId).toBe(`poison-${suffix}`);
    }
    const byPath = items.flatMap((d) => d.error.fieldErrors?.map((f) => f.path) ?? []);
    expect(byPath).toEqual(expect.arrayContaining(['', '/quantity/value', '/type']));

    // The DLQ topic: the same three, original key and bytes, reason headers.
    const dlq = await dlqMessages(3);
    expect(dlq).toHaveLength(3);
    for (const p of poison) {
      const m = dlq.find((d) => d.value?.equals(p.value));
      expect(m, `DLQ message of ${p.key}`).toBeDefined();
      expect(String(m?.key)).toBe(p.key);
      const headers = headersOf(m!);
      expect(headers).toMatchObject({
        'dlq-error-kind': 'data',
        'dlq-step': 'movement-intake',
        'correlation-id': `poison-${suffix}`,
      });
      expect(headers['dlq-reason']?.length).toBeGreaterThan(0);
      expect(items.map((d) => d._id)).toContain(headers['dlq-dead-letter-id']);
    }
  });

  it('a full redelivery of the topic (a new consumer group from the start) changes nothing', async () => {
    const before = await positionsOf();
    const entriesBefore = await db.collection(COLLECTIONS.stockLedger).countDocuments({});
    const done = await startIntake(`hub-inventory-movements.${db.databaseName}.replay`);
    await eventually('the redelivery handled', () => (done.count >= 203 ? true : undefined), 90_000);
    expect(await positionsOf()).toEqual(before);
    expect(await db.collection(COLLECTIONS.stockLedger).countDocuments({})).toBe(entriesBefore);
    expect((await deadLetters.list({ flow: 'inventory-sync' })).items).toHaveLength(3);
    // The DLQ is at-least-once: a redelivered poison message is produced again, under the same dlq-source.
    const dlq = await dlqMessages(6);
    expect(new Set(dlq.map((m) => headersOf(m)['dlq-source'])).size).toBe(3);
  });
});
