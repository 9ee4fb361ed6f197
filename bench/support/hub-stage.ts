/**
 * The hub's path of the inventory benchmark: movements published to a movement topic of the run's own
 * (inventory/publish.ts), applied by the ledger intake (consumers/inventory-movements.ts under runConsumer) to a
 * real stock ledger wrapped in the availability watch, whose notes go to the channel propagation; its pusher sends
 * the figures to the Shopify simulator. Every movement adds units, so a key's figure rises with its ledger seq, and
 * a movement is delivered by the first figure the shop accepted that is at least the key's figure after it.
 */
import { randomUUID } from 'node:crypto';
import type { InventoryMovement } from '../../canonical-model/generated/index';
import { createCanonicalValidator } from '../../canonical-model/validate';
import { handleInventoryMovements } from '../../consumers/inventory-movements';
import { watchAvailability } from '../../inventory/availability-watch';
import { movementKey } from '../../inventory/movement-key';
import { sellableUnits } from '../../inventory/positions';
import { publishMovement } from '../../inventory/publish';
import type { HubLogger } from '../../monitoring/logger';
import type { HubConfig } from '../../platform/config';
import { connectProducer, ensureTopics, runConsumer } from '../../platform/kafka';
import { TOPICS } from '../../platform/kafka-topics';
import type { StockLedger, StockPosition } from '../../platform/orders/stock-types';
import type { InventoryWorld } from './inventory-world';
import { deleteTopics } from './kafka-bench';
import { figures, paced, quantile, until } from './latency';
import type { StageFigures } from './latency';
import { sampler } from './x12-load';

/** What one movement went through: published, stored in the ledger (with the key's figure after it), pushed. */
interface Trace {
  sku: string;
  locationId: string;
  occurredAt: number;
  /** When the intake called the ledger with it. */
  startedAt?: number;
  storedAt?: number;
  /** When the watch had noted the key's figure for the channels (the point the intake's eventLag observes). */
  notedAt?: number;
  figure?: number;
  pushedAt?: number;
}

const CONNECTOR = 'bench-wms';

/** An adjustment in of `units` to `sku` at `locationId`, happening now. */
function movementOf(id: string, sku: string, locationId: string, units: number): InventoryMovement {
  const itemId = `${CONNECTOR}:item:${sku}`;
  return {
    schemaVersion: '1',
    documentType: 'inventory-movement',
    id: `${CONNECTOR}:inventory-movement:${id}`,
    legalEntityId: 'le_acme_us',
    source: { connectorId: CONNECTOR, system: 'shiphero', externalId: id },
    type: 'adjustment',
    direction: 'in',
    itemId,
    item: { itemId, identifiers: [{ qualifier: 'SKU', value: sku }] },
    locationId,
    quantity: { value: String(units), uom: 'EA' },
    occurredAt: new Date().toISOString(),
  };
}

/** The ledger, calling `mark` with each movement's trace and result once its applyMovement resolved. */
function timedLedger(
  ledger: StockLedger,
  traces: Map<string, Trace>,
  mark: (trace: Trace, result: StockPosition) => void,
): StockLedger {
  return {
    ...ledger,
    async applyMovement(input) {
      const result = await ledger.applyMovement(input);
      const trace = traces.get(input.opId);
      if (trace) mark(trace, result);
      return result;
    },
  };
}

/** Matches each key's movements (rising figures) to the first accepted figure at least as high. */
function matchPushes(world: InventoryWorld, traces: Iterable<Trace>): void {
  const arrivals = new Map<string, { at: number; quantity: number }[]>();
  for (const a of world.arrivals()) {
    const key = movementKey(a);
    const list = arrivals.get(key);
    if (list) list.push(a);
    else arrivals.set(key, [a]);
  }
  for (const t of traces) {
    if (t.pushedAt !== undefined || t.figure === undefined) continue;
    const push = arrivals.get(movementKey(t))?.find((p) => p.quantity >= t.figure!);
    if (push) t.pushedAt = push.at;
  }
}

/** Answers the ledger, ledger + note and channel rows of `n` movements over `skus` × `locations`. */
export async function runHubStage(
  kafka: HubConfig['kafka'],
  world: InventoryWorld,
  options: {
    n: number;
    skus: readonly string[];
    locations: readonly string[];
    perSecond: number;
    timeoutMs: number;
    logger: HubLogger;
  },
): Promise<{ ledger: StageFigures; noted: StageFigures; channel: StageFigures; breakdown: string }> {
  const suffix = randomUUID().slice(0, 8);
  const topic = `bench.inventory-movements.${suffix}`;
  const dlqTopic = `bench.inventory-movements.dlq.${suffix}`;
  await ensureTopics(kafka, [
    { ...TOPICS.inventoryMovements, name: topic },
    { ...TOPICS.inventoryMovementsDlq, name: dlqTopic },
  ]);
  const producer = await connectProducer(kafka, `bench-hub-${suffix}`);
  const traces = new Map<string, Trace>();
  // Inside the watch: the entry is stored (and the key's figure after it known); outside: noted as well.
  const stored = timedLedger(world.ledger, traces, (trace, result) => {
    trace.storedAt ??= Date.now();
    trace.figure ??= Number(sellableUnits(result));
  });
  const watched = watchAvailability(stored, (change) => world.propagation.noteChange(change));
  const ledger: StockLedger = {
    ...watched,
    async applyMovement(input) {
      const trace = traces.get(input.opId);
      if (trace) trace.startedAt ??= Date.now();
      const result = await watched.applyMovement(input);
      if (trace) trace.notedAt ??= Date.now();
      return result;
    },
  };
  const handle = handleInventoryMovements({
    ledger,
    validator: createCanonicalValidator(),
    deadLetters: world.deadLetters,
    producer,
    dlqTopic,
    logger: options.logger,
  });
  const consumer = await runConsumer({
    kafka,
    groupId: `bench-inventory-movements.${suffix}`,
    topics: [topic],
    handle,
    logger: options.logger,
  });
  const pusher = world.propagation.start();
  const keys = options.skus.flatMap((sku) => options.locations.map((locationId) => ({ sku, locationId })));
  const publish = async (id: string, sku: string, locationId: string, units: number) => {
    const movement = movementOf(`${suffix}-${id}`, sku, locationId, units);
    const trace: Trace = { sku, locationId, occurredAt: Date.parse(movement.occurredAt) };
    traces.set(`movement/${movement.id}`, trace);
    await publishMovement(
      producer,
      { movement, sku, key: movementKey({ sku, locationId }) },
      undefined,
      topic,
    );
    return trace;
  };
  const delivered = (list: Trace[]) => {
    matchPushes(world, list);
    return list.every((t) => t.pushedAt !== undefined);
  };
  const memory = sampler();
  try {
    // One movement per key first: the group is assigned, the shop's SKUs are looked up, every key has a figure.
    const warm = await Promise.all(keys.map((k, i) => publish(`warm-${i}`, k.sku, k.locationId, 1)));
    await until('the warm-up movements pushed to the shop', () => delivered(warm), options.timeoutMs, 200);
    const measured: Trace[] = [];
    const started = Date.now();
    await paced(options.n, options.perSecond, async (i) => {
      const k = keys[(i * 7919) % keys.length]!;
      const trace = publish(String(i), k.sku, k.locationId, 1 + (i % 3));
      measured.push(await trace);
    });
    await until(
      `${options.n} movements stored`,
      () => measured.length === options.n && measured.every((t) => t.notedAt !== undefined),
      options.timeoutMs,
    );
    await until(
      `${options.n} movements pushed to the shop`,
      () => delivered(measured),
      options.timeoutMs,
      200,
    );
    const { rss } = memory.stop();
    const peak = Math.max(...rss);
    const since = (at: (t: Trace) => number | undefined) => measured.map((t) => at(t)! - t.occurredAt);
    const last = (at: (t: Trace) => number | undefined) => Math.max(...measured.map((t) => at(t)!));
    const ms = (from: (t: Trace) => number | undefined, to: (t: Trace) => number | undefined) =>
      quantile(
        measured.map((t) => to(t)! - from(t)!),
        0.5,
      ).toFixed(1);
    const first = Math.min(...measured.map((t) => t.startedAt!));
    // The same split for the first and the last tenth in ledger order: does a movement cost more as stores grow?
    const byStart = [...measured].sort((a, b) => a.startedAt! - b.startedAt!);
    const tenth = Math.max(1, Math.floor(byStart.length / 10));
    const cost = (list: Trace[]) =>
      quantile(
        list.map((t) => t.notedAt! - t.startedAt!),
        0.5,
      ).toFixed(0);
    const breakdown =
      `intake per movement (p50): ledger write ${ms(
        (t) => t.startedAt,
        (t) => t.storedAt,
      )} ms, ` +
      `availability note ${ms(
        (t) => t.storedAt,
        (t) => t.notedAt,
      )} ms; ` +
      `waiting in Kafka + consumer ${ms(
        (t) => t.occurredAt,
        (t) => t.startedAt,
      )} ms; the intake handled ` +
      `${(options.n / ((last((t) => t.notedAt) - first) / 1000)).toFixed(0)}/s once it started; ` +
      `write + note p50 ${cost(byStart.slice(0, tenth))} ms in the first tenth, ` +
      `${cost(byStart.slice(-tenth))} ms in the last`;
    return {
      breakdown,
      ledger: figures(
        'hub event → position stored',
        since((t) => t.storedAt),
        (last((t) => t.storedAt) - started) / 1000,
        peak,
      ),
      noted: figures(
        'hub event → stored + noted',
        since((t) => t.notedAt),
        (last((t) => t.notedAt) - started) / 1000,
        peak,
      ),
      channel: figures(
        'hub event → channel',
        since((t) => t.pushedAt),
        (last((t) => t.pushedAt) - started) / 1000,
        peak,
      ),
    };
  } finally {
    memory.stop();
    await pusher.stop();
    await consumer.stop();
    await producer.close();
    await deleteTopics(kafka, [topic, dlqTopic]);
  }
}
