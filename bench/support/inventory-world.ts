/**
 * The hub pieces the inventory benchmark runs on: a database of its own on the real FerretDB with the stock
 * ledger, dead letters, connector store and cross-references; an in-process Shopify simulator stocking the run's
 * SKUs at one shop location per hub location; a Shopify connector pointed at it, its locations linked; and the
 * channel propagation with the hub's default tuning. `arrivals` reads back what the shop accepted, when.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import type { Db } from 'mongodb';
import { Registry } from 'prom-client';
import { createCrossReferenceStore } from '../../canonical-model/cross-reference';
import { getConnectorType, listConnectorTypes } from '../../connectors/registry';
import { createChannelPropagation } from '../../inventory/channel-push';
import type { ChannelPropagation } from '../../inventory/channel-push';
import type { HubLogger } from '../../monitoring/logger';
import { createConnectorRuntime } from '../../platform/connector-runtime';
import { createConnectorStore } from '../../platform/connector-store';
import { createDeadLetterStore } from '../../platform/dead-letters';
import type { DeadLetterStore } from '../../platform/dead-letters';
import { createStockLedger } from '../../platform/orders/stock-ledger';
import type { StockLedger } from '../../platform/orders/stock-types';
import { createSecretBox } from '../../platform/secrets';
import { SIMULATED_CONNECTORS } from '../../simulators/connector-configs';
import { COLLECTIONS, createShopifySimulator } from '../../simulators/shopify';
import type { ShopifySimulator, SimInventoryLevel } from '../../simulators/shopify';

/** One figure the shop accepted through inventorySetQuantities. */
export interface Arrival {
  at: number;
  sku: string;
  locationId: string;
  quantity: number;
}

/** The world of one run. */
export interface InventoryWorld {
  sim: ShopifySimulator;
  db: Db;
  ledger: StockLedger;
  deadLetters: DeadLetterStore;
  propagation: ChannelPropagation;
  registry: Registry;
  /** Every figure the shop accepted so far, in arrival order (collected from its request log every 500 ms). */
  arrivals(): Arrival[];
  /** inventorySetQuantities calls the shop accepted. */
  pushCalls(): number;
  /** Requests the shop answered with 429 (its cost throttle). */
  throttled(): number;
  close(): Promise<void>;
}

const FIRST_ITEM = 900_000_001;
const FIRST_SHOP_LOCATION = 700_000_001;

/** Stocks `skus` at one new shop location per hub location in `locations`, at 0. */
function stockShop(sim: ShopifySimulator, skus: readonly string[], locations: readonly string[]) {
  const shopLocation = new Map<string, number>();
  const skuOfItem = new Map<string, string>();
  locations.forEach((hubLocation, l) => {
    const id = FIRST_SHOP_LOCATION + l;
    sim.store.collection(COLLECTIONS.locations).put(String(id), { id, name: `Bench DC ${l}` });
    shopLocation.set(hubLocation, id);
  });
  skus.forEach((sku, s) => {
    const item = FIRST_ITEM + s;
    skuOfItem.set(String(item), sku);
    sim.store.collection(COLLECTIONS.variants).put(String(800_000_001 + s), {
      id: 800_000_001 + s,
      product_id: 600_000_001,
      sku,
      title: `Bench item ${s}`,
      price: '1.00',
      inventory_item_id: item,
    });
    for (const id of shopLocation.values())
      sim.store.collection<SimInventoryLevel>(COLLECTIONS.inventoryLevels).put(`${item}:${id}`, {
        inventory_item_id: item,
        location_id: id,
        sku,
        available: 0,
        updated_at: new Date().toISOString(),
        last_reference: null,
      });
  });
  return { shopLocation, skuOfItem };
}

/** Opens the world for `skus` × `locations`. */
export async function openInventoryWorld(
  skus: readonly string[],
  locations: readonly string[],
  logger: HubLogger,
): Promise<InventoryWorld> {
  const uri = process.env.HUB_MONGODB_URI;
  if (!uri) throw new Error('HUB_MONGODB_URI is not set: eval "$(bash stack/stack.sh env)" first');
  const sim = createShopifySimulator();
  await sim.start(0);
  const { shopLocation, skuOfItem } = stockShop(sim, skus, locations);
  const hubLocationOf = new Map([...shopLocation].map(([hub, shop]) => [String(shop), hub]));

  const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 5_000 });
  const db = client.db(`bench_inventory_${randomUUID().slice(0, 8)}`);
  const ledger = createStockLedger(db);
  const deadLetters = createDeadLetterStore(db);
  const connectors = createConnectorStore(db, createSecretBox(randomBytes(32)));
  const crossReferences = createCrossReferenceStore(db);
  await Promise.all([
    ledger.ensureIndexes(),
    deadLetters.ensureIndexes(),
    connectors.ensureIndexes(),
    crossReferences.ensureIndexes(),
  ]);
  const shopify = SIMULATED_CONNECTORS.find((c) => c.type === 'shopify-commerce')!;
  const { id: connectorId } = await connectors.create({
    name: 'Bench shop',
    type: shopify.type,
    config: shopify.config(sim.url, 'shpss_bench_secret_123', 'le_acme_us'),
  });
  for (const [hub, shop] of shopLocation)
    await crossReferences.link({ connectorId, objectType: 'location', externalId: String(shop) }, hub);
  const runtime = createConnectorRuntime({
    connectors,
    registry: { getConnectorType, listConnectorTypes },
    crossReferences,
    logger,
  });
  const registry = new Registry();
  const propagation = createChannelPropagation({
    db,
    runtime,
    connectors,
    deadLetters,
    logger,
    registry,
  });
  await propagation.ensureIndexes();

  // The simulator keeps its last 5,000 requests only: take the figures off its log as they come.
  const arrivals: Arrival[] = [];
  const seen = new WeakSet<object>();
  const counts = { calls: 0, throttled: 0 };
  const collect = () => {
    for (const r of sim.requests) {
      if (seen.has(r)) continue;
      seen.add(r);
      if (r.status === 429) counts.throttled += 1;
      const body = r.body as
        { query?: string; variables?: { input?: { quantities?: unknown[] } } } | undefined;
      if (r.status !== 200 || !body?.query?.includes('inventorySetQuantities')) continue;
      counts.calls += 1;
      const quantities = (body.variables?.input?.quantities ?? []) as {
        inventoryItemId: string;
        locationId: string;
        quantity: number;
      }[];
      for (const q of quantities) {
        const sku = skuOfItem.get(q.inventoryItemId.split('/').at(-1) ?? '');
        const locationId = hubLocationOf.get(q.locationId.split('/').at(-1) ?? '');
        if (sku && locationId) arrivals.push({ at: Date.parse(r.at), sku, locationId, quantity: q.quantity });
      }
    }
  };
  const collector = setInterval(collect, 500);

  return {
    sim,
    db,
    ledger,
    deadLetters,
    propagation,
    registry,
    arrivals() {
      collect();
      return [...arrivals];
    },
    pushCalls() {
      collect();
      return counts.calls;
    },
    throttled() {
      collect();
      return counts.throttled;
    },
    async close() {
      clearInterval(collector);
      await db.dropDatabase().catch(() => undefined);
      await client.close();
      await sim.stop();
    },
  };
}
