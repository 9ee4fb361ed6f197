/**
 * Event → channel latency of the inventory sync next to the broker's own produce → consume latency, measured in
 * the same run on the real stack (Kafka + FerretDB): N movements go through the movement topic, the ledger intake,
 * the availability watch and the channel pusher to an in-process Shopify simulator; the same N movement-sized
 * messages go through the hub's producer and a plain consumer. Prints p50/p99, throughput and peak RSS per stage.
 * Needs the stack: `eval "$(bash stack/stack.sh env)"`, then
 * `npx tsx bench/inventory-latency.ts [--movements 1000] [--keys 60] [--locations 3] [--scale 1,10] [--rate 0,50]`
 * (`--rate` is movements per second, 0 = all at once; each scale × rate is one round with a fresh database).
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createLogger } from '../monitoring/logger';
import { loadConfig } from '../platform/config';
import { openInventoryWorld } from './support/inventory-world';
import { runHubStage } from './support/hub-stage';
import { table } from './support/latency';
import type { StageFigures } from './support/latency';
import { runRawStage } from './support/raw-stage';

const { values } = parseArgs({
  options: {
    movements: { type: 'string', default: '1000' },
    keys: { type: 'string', default: '60' },
    locations: { type: 'string', default: '3' },
    scale: { type: 'string', default: '1' },
    rate: { type: 'string', default: '0' },
    'timeout-seconds': { type: 'string', default: '600' },
  },
});

/** The option as a positive whole number (or list of them), or an error naming it. */
function whole(name: string, text: string, min = 1): number[] {
  const out = text.split(',').map(Number);
  if (!out.length || out.some((v) => !Number.isInteger(v) || v < min))
    throw new Error(`--${name} must be a whole number ≥ ${min} (or a comma-separated list), got "${text}"`);
  return out;
}

const MOVEMENTS = whole('movements', values.movements)[0]!;
const KEYS = whole('keys', values.keys)[0]!;
const LOCATIONS = whole('locations', values.locations)[0]!;
const SCALES = whole('scale', values.scale);
const RATES = whole('rate', values.rate, 0);
const TIMEOUT_MS = whole('timeout-seconds', values['timeout-seconds'])[0]! * 1000;
/** About the size of a movement document as published. */
const MESSAGE_BYTES = 560;

async function round(scale: number, perSecond: number): Promise<StageFigures[]> {
  const config = loadConfig();
  const logger = createLogger('cli', process.env.BENCH_DEBUG ? 'debug' : 'silent');
  const n = MOVEMENTS * scale;
  const run = randomUUID().slice(0, 6);
  const locations = Array.from({ length: LOCATIONS }, (_, l) => `loc_bench_${run}_${l}`);
  const skus = Array.from({ length: Math.ceil(KEYS / LOCATIONS) }, (_, s) => `BENCH-${run}-${s}`);
  const keys = skus.flatMap((sku) => locations.map((l) => `${sku}@${l}`));
  const pace = perSecond ? `${perSecond}/s` : 'all at once';
  console.log(
    `\n${n} movements over ${keys.length} keys (${skus.length} SKUs × ${LOCATIONS} locations), ${pace}`,
  );
  const rawOf = (consumer: 'plain' | 'runConsumer') =>
    runRawStage(config.kafka, {
      n,
      keys,
      bytes: MESSAGE_BYTES,
      perSecond,
      timeoutMs: TIMEOUT_MS,
      consumer,
      logger,
    });
  const raw = await rawOf('plain');
  const rawLoop = await rawOf('runConsumer');
  const world = await openInventoryWorld(skus, locations, logger);
  try {
    const hub = await runHubStage(config.kafka, world, {
      n,
      skus,
      locations,
      perSecond,
      timeoutMs: TIMEOUT_MS,
      logger,
    });
    const pushes = world.pushCalls();
    console.log(
      `channel: ${pushes} inventorySetQuantities calls carried ${world.arrivals().length} figures ` +
        `(${keys.length} of them the warm-up's), ${world.throttled()} answered 429`,
    );
    const rows = [raw, rawLoop, hub.ledger, hub.noted, hub.channel].map((r) =>
      r === raw ? r : { ...r, baseline: raw },
    );
    console.log(hub.breakdown);
    console.log(table(rows));
    return rows;
  } finally {
    await world.close();
  }
}

async function main(): Promise<void> {
  const all: { scale: number; rate: number; rows: StageFigures[] }[] = [];
  for (const scale of SCALES)
    for (const rate of RATES) all.push({ scale, rate, rows: await round(scale, rate) });
  if (all.length > 1) {
    console.log('\nGrowth (event → channel per round):');
    for (const { scale, rate, rows } of all) {
      const c = rows.at(-1)!;
      console.log(
        `  ${scale}× ${rate ? `${rate}/s` : 'burst'}: N ${c.n}, p50 ${c.p50Ms.toFixed(0)} ms, ` +
          `p99 ${c.p99Ms.toFixed(0)} ms, ${c.perSecond.toFixed(0)}/s, ` +
          `${(c.n / c.perSecond).toFixed(1)} s, peak RSS ${(c.peakRssBytes / 1024 / 1024).toFixed(0)} MB`,
      );
    }
  }
}

await main();
