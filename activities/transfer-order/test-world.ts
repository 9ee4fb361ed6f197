/**
 * What the transfer-order tests run against: the real MongoDB-wire server (FerretDB) for the stock ledger and the
 * transfer store, the ShipHero simulator in process behind the real WMS connector (its two warehouses are Reno and
 * Chicago here), its webhooks caught by a local HTTP listener and mapped by the connector, and a time-skipping
 * Temporal test server whose worker runs the real workflow over the real activities. Movements the activities
 * publish are kept, so a test can hand them to the real movement intake.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import proto from '@temporalio/proto';
import type { Db, MongoClient } from 'mongodb';
import type { Message } from 'node-rdkafka';
import { createCrossReferenceStore } from '../../canonical-model/cross-reference';
import { createCanonicalValidator } from '../../canonical-model/validate';
import { getConnectorType, listConnectorTypes } from '../../connectors/registry';
import type { CanonicalEvent } from '../../connectors/sdk/ports/common';
import type { WmsPort } from '../../connectors/sdk/ports/wms';
import { handleInventoryMovements } from '../../consumers/inventory-movements';
import { handleTransferDocuments } from '../../consumers/transfer-intake';
import { createLogger } from '../../monitoring/logger';
import { createConnectorRuntime } from '../../platform/connector-runtime';
import type { ConnectorStore, ConnectorTypeLookup } from '../../platform/connector-store-types';
import { createDeadLetterStore } from '../../platform/dead-letters';
import { createStockLedger } from '../../platform/orders/stock-ledger';
import type { StockLedger } from '../../platform/orders/stock-types';
import { createTransferLocations } from '../../platform/transfers/locations';
import type { TransferLocations } from '../../platform/transfers/locations';
import { createTransferStore } from '../../platform/transfers/transfer-store';
import type { TransferStore } from '../../platform/transfers/transfer-store';
import { createTemporalTransferWorkflows } from '../../platform/transfers/transfer-workflows';
import type { TransferWorkflows } from '../../platform/transfers/transfer-workflows';
import { SIMULATED_CONNECTORS } from '../../simulators/connector-configs';
import { WMS_SIM_WAREHOUSES, createWmsSimulator } from '../../simulators/wms';
import { openTestDatabase } from '../../test/support/database';
import { runWorldWorker, startTestServer } from '../../test/support/time-skipping';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { createTransferActivities } from './index';

/** Ids of the world. */
export const IDS = {
  wms: 'con_trf_shiphero',
  legalEntity: 'le_trf',
  reno: 'loc_dc_reno',
  chicago: 'loc_dc_chicago',
  /** Stocked at 50 in the simulator's secondary warehouse (Reno here). */
  sku: 'SKU-1001',
} as const;

/** A message the activities produced. */
interface Sent {
  topic: string;
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}

/** The running world. */
export interface TransferWorld {
  env: TestWorkflowEnvironment;
  db: Db;
  ledger: StockLedger;
  store: TransferStore;
  workflows: TransferWorkflows;
  locations: TransferLocations;
  wmsUrl: string;
  /** Changes simulator settings (ship delay, short picks). */
  simSettings(settings: Record<string, unknown>): void;
  /** Hands every movement published since the last call to the real movement intake; answers how many. */
  applyPublished(): Promise<number>;
  /** Maps every webhook caught since the last call and offers it to the transfer intake; answers the events taken. */
  routeWebhooks(): Promise<CanonicalEvent[]>;
  stop(): Promise<void>;
}

/** Starts the simulator, the database and the Temporal test server with a worker of the real activities. */
export async function startTransferWorld(): Promise<TransferWorld> {
  const sim = createWmsSimulator({
    settings: { shipDelayMs: 200, autoReceivePurchaseOrders: false, timeZone: 'UTC' },
  });
  const caught: { topic: string; deliveryId: string; payload: unknown }[] = [];
  const listener = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const payload = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      caught.push({ topic: String(payload.webhook_type), deliveryId: String(payload.webhook_id), payload });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"code":"200","Status":"Success"}');
    });
  });
  await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
  let client: MongoClient | undefined;
  try {
    const opened = await openTestDatabase('hub_transfer');
    client = opened.client;
    const { db } = opened;
    const wmsUrl = await sim.start(0);
    sim.webhooks.target = {
      url: `http://127.0.0.1:${(listener.address() as AddressInfo).port}/`,
      secret: 'whsec-trf',
    };
    const base = SIMULATED_CONNECTORS.find((c) => c.type === 'shiphero-wms')!.config(
      wmsUrl,
      'whsec-trf',
      IDS.legalEntity,
    );
    const wmsConfig = {
      ...base,
      timeZone: 'UTC',
      timeoutMs: 10_000,
      pageSize: 50,
      warehouses: [
        { warehouseId: WMS_SIM_WAREHOUSES.primary, locationId: IDS.chicago, timeZone: 'UTC' },
        { warehouseId: WMS_SIM_WAREHOUSES.secondary, locationId: IDS.reno, timeZone: 'UTC' },
      ],
    };
    const connectors = {
      getDecryptedConfig: (id: string) =>
        id === IDS.wms
          ? Promise.resolve({
              id,
              name: id,
              status: 'active',
              revision: 1,
              type: 'shiphero-wms',
              kind: 'wms',
              config: wmsConfig,
            })
          : Promise.reject(new Error(`no connector ${id}`)),
    } as unknown as ConnectorStore;
    const registry: ConnectorTypeLookup = { getConnectorType, listConnectorTypes };
    const logger = createLogger('test', 'silent');
    const crossReferences = createCrossReferenceStore(db);
    const ledger = createStockLedger(db);
    const store = createTransferStore(db);
    const deadLetters = createDeadLetterStore(db);
    for (const s of [crossReferences, ledger, store, deadLetters]) await s.ensureIndexes();
    const runtime = createConnectorRuntime({ connectors, registry, crossReferences, logger });
    const sent: Sent[] = [];
    const producer = {
      send: (topic: string, key: string, value: Buffer, headers?: Record<string, string>) => {
        sent.push({ topic, key, value, headers: headers ?? {} });
        return Promise.resolve();
      },
    };
    const activities = createTransferActivities({ runtime, ledger, transfers: store, producer, logger });
    const env = await startTestServer();
    await env.connection.operatorService.addSearchAttributes({
      namespace: env.namespace ?? 'default',
      searchAttributes: Object.fromEntries(
        Object.values(SEARCH_ATTRIBUTES).map((k) => [
          k.name,
          proto.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
        ]),
      ),
    });
    const worker = await runWorldWorker(env, 'transfer', Object.keys(activities), () => ({ activities }));
    const workflows = createTemporalTransferWorkflows(env.client, worker.taskQueue);
    const intake = handleInventoryMovements({
      ledger,
      validator: createCanonicalValidator(),
      deadLetters,
      producer: { send: () => Promise.resolve() },
      bookedElsewhere: new Set(['pick', 'receipt', 'return'] as const),
      logger,
    });
    const transferIntake = handleTransferDocuments({
      transfers: store,
      transferWorkflows: workflows,
      logger,
    });
    const wms = await runtime.instance<WmsPort>(IDS.wms, 'wms');
    let applied = 0;
    let offset = 0;
    return {
      env,
      db,
      ledger,
      store,
      workflows,
      locations: createTransferLocations({
        wmsConnectors: () => Promise.resolve([{ id: IDS.wms, config: wmsConfig }]),
      }),
      wmsUrl,
      simSettings: (settings) => {
        sim.settings = { ...sim.settings, ...settings };
      },
      async applyPublished() {
        const fresh = sent.slice(applied);
        applied = sent.length;
        for (const m of fresh) {
          offset += 1;
          const message: Message = {
            topic: m.topic,
            partition: 0,
            offset,
            key: m.key,
            value: m.value,
            size: m.value.length,
            timestamp: Date.now(),
            headers: Object.entries(m.headers).map(([k, v]) => ({ [k]: Buffer.from(v) })),
          };
          await intake(message);
        }
        return fresh.length;
      },
      async routeWebhooks() {
        await sim.webhooks.idle();
        const taken: CanonicalEvent[] = [];
        for (const hook of caught.splice(0)) {
          for (const event of wms.mapWebhook(hook)) {
            if (
              await transferIntake({ event: event.event, connectorId: IDS.wms, document: event.document })
            ) {
              taken.push(event);
            }
          }
        }
        return taken;
      },
      async stop() {
        await worker.stop();
        await sim.stop();
        await new Promise((r) => listener.close(r));
        await client?.close();
      },
    };
  } catch (err) {
    await sim.stop();
    listener.close();
    await client?.close();
    throw err;
  }
}
