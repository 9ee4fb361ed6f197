/**
 * What the channel-push tests run on: a database of their own on the real FerretDB, the hub's connector store,
 * cross-references, dead letters and connector runtime over it, a Shopify connector pointed at an in-process
 * Shopify simulator, and two of the simulator's locations linked to hub locations (a third hub location is not).
 */
import { randomBytes } from 'node:crypto';
import type { MongoClient, Db } from 'mongodb';
import { Registry } from 'prom-client';
import { createCrossReferenceStore } from '../../canonical-model/cross-reference';
import { getConnectorType, listConnectorTypes } from '../../connectors/registry';
import { createLogger } from '../../monitoring/logger';
import { createConnectorRuntime } from '../../platform/connector-runtime';
import { createConnectorStore } from '../../platform/connector-store';
import { createDeadLetterStore } from '../../platform/dead-letters';
import { createSecretBox } from '../../platform/secrets';
import { SIMULATED_CONNECTORS } from '../../simulators/connector-configs';
import { SEEDED_LOCATIONS, SEEDED_VARIANTS } from '../../simulators/shopify';
import type { ShopifySimulator } from '../../simulators/shopify';
import { openTestDatabase } from '../../test/support/database';
import { createChannelPropagation } from '.';
import type { ChannelPropagation, PropagationTuning } from '.';
import type { ChannelPropagationDeps } from './types';

/** Hub locations the shop sells from, and one it does not. */
export const LOC = { chicago: 'loc_chicago', reno: 'loc_reno', dallas: 'loc_dallas' } as const;

/** Fast timings, so a test takes seconds. */
export const TEST_TUNING: Partial<PropagationTuning> = {
  coalesceMs: 50,
  minPushIntervalMs: 300,
  pollMs: 20,
  initialBackoffMs: 200,
  topologyTtlMs: 60_000,
};

/** One setQuantities figure the simulator received (status 200, no user errors), in arrival order. */
export interface ReceivedQuantity {
  at: number;
  sku: string;
  shopLocation: string;
  quantity: number;
}

/** The hub pieces of one test. */
export interface PushWorld {
  client: MongoClient;
  db: Db;
  connectorId: string;
  connectors: ReturnType<typeof createConnectorStore>;
  deadLetters: ReturnType<typeof createDeadLetterStore>;
  /** A propagation as one replica builds it, with its own metrics registry (and deps a test adds). */
  replica(extra?: Partial<Pick<ChannelPropagationDeps, 'currentFigures' | 'tuning'>>): {
    propagation: ChannelPropagation;
    registry: Registry;
  };
  close(): Promise<void>;
}

/** Builds the world against a started simulator. */
export async function openPushWorld(sim: ShopifySimulator): Promise<PushWorld> {
  const { client, db } = await openTestDatabase('channel_push');
  const logger = createLogger('test', process.env.HUB_TEST_LOG_LEVEL === 'debug' ? 'debug' : 'silent');
  const connectors = createConnectorStore(db, createSecretBox(randomBytes(32)));
  const crossReferences = createCrossReferenceStore(db);
  const deadLetters = createDeadLetterStore(db);
  await Promise.all([
    connectors.ensureIndexes(),
    crossReferences.ensureIndexes(),
    deadLetters.ensureIndexes(),
  ]);
  const shopify = SIMULATED_CONNECTORS.find((c) => c.type === 'shopify-commerce')!;
  const { id: connectorId } = await connectors.create({
    name: 'Test shop',
    type: shopify.type,
    config: shopify.config(sim.url, 'shpss_test_secret_123', 'le_acme_us'),
  });
  await crossReferences.link(
    { connectorId, objectType: 'location', externalId: String(SEEDED_LOCATIONS[0]!.id) },
    LOC.chicago,
  );
  await crossReferences.link(
    { connectorId, objectType: 'location', externalId: String(SEEDED_LOCATIONS[1]!.id) },
    LOC.reno,
  );
  const registry = { getConnectorType, listConnectorTypes };
  const runtime = createConnectorRuntime({ connectors, registry, crossReferences, logger });
  return {
    client,
    db,
    connectorId,
    connectors,
    deadLetters,
    replica(extra = {}) {
      const metrics = new Registry();
      const propagation = createChannelPropagation({
        db,
        runtime,
        connectors,
        deadLetters,
        logger,
        registry: metrics,
        ...extra,
        tuning: { ...TEST_TUNING, ...extra.tuning },
      });
      return { propagation, registry: metrics };
    },
    async close() {
      await db.dropDatabase().catch(() => undefined);
      await client.close();
    },
  };
}

/** Every figure the simulator accepted through inventorySetQuantities, in the order it received them. */
export function receivedQuantities(sim: ShopifySimulator): ReceivedQuantity[] {
  const out: ReceivedQuantity[] = [];
  const variants = sim.store.collection<{ sku: string; inventory_item_id: number }>('variants');
  const skuOf = (item: string) => variants.find((v) => String(v.inventory_item_id) === item)?.sku;
  for (const r of sim.requests) {
    const body = r.body as { query?: string; variables?: { input?: { quantities?: unknown[] } } } | undefined;
    if (r.status !== 200 || !body?.query?.includes('inventorySetQuantities')) continue;
    for (const q of (body.variables?.input?.quantities ?? []) as {
      inventoryItemId: string;
      locationId: string;
      quantity: number;
    }[]) {
      const item = q.inventoryItemId.split('/').at(-1) ?? '';
      out.push({
        at: Date.parse(r.at),
        sku: skuOf(item) ?? `item ${item}`,
        shopLocation: q.locationId.split('/').at(-1) ?? '',
        quantity: q.quantity,
      });
    }
  }
  return out;
}

/** The simulator's available quantity of a SKU at one of its locations. */
export function shopLevel(sim: ShopifySimulator, sku: string, shopLocation: number): number | undefined {
  const item = SEEDED_VARIANTS.find((v) => v.sku === sku)?.inventory_item_id;
  const level = sim.store.collection<{ available: number }>('inventoryLevels').get(`${item}:${shopLocation}`);
  return level?.available;
}

/** The value of one sample of a metric in `registry` (0 when absent). */
export async function metricValue(
  registry: Registry,
  name: string,
  labels: Record<string, string>,
): Promise<number> {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  const values = (metric?.values ?? []) as {
    labels: Record<string, string | number>;
    value: number;
    metricName?: string;
  }[];
  const sample = values.find(
    (v) =>
      (v.metricName === undefined || v.metricName === name || v.metricName === `${name}_count`) &&
      Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want),
  );
  return sample?.value ?? 0;
}
