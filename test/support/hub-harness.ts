/**
 * What every whole-hub end-to-end test starts with: an API and a worker process on a database and task queue of
 * their own, a JSON caller, the database itself, simulators started in process, and one stop for all of it; plus
 * registering a simulated connector through the API and POSTing to a simulator's control routes.
 */
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import type { Db } from 'mongodb';
import { SIMULATED_CONNECTORS } from '../../simulators/connector-configs';
import { apiCaller, startApi, startWorker } from './processes';
import type { HubProcess } from './processes';
import type { Simulator } from '../../simulators/kit/simulator';

/** The running processes and database of one test hub. */
export interface HubHarness {
  /** A short random id of this hub (its database is `hub_<name>_<suffix>`). */
  suffix: string;
  env: Record<string, string>;
  api: HubProcess & { url: string };
  worker: HubProcess & { metricsUrl: string };
  call: ReturnType<typeof apiCaller>;
  db: Db;
  /** Stops the worker (SIGKILL: no graceful shutdown) and starts a new one on the same database. */
  restartWorker(signal?: NodeJS.Signals): Promise<void>;
  /** Stops the simulators, the processes, drops the database. */
  stop(): Promise<void>;
}

/** Starts the worker, the API and `sims` for a hub called `name`; everything is stopped again if one fails. */
export async function startHubHarness(
  name: string,
  sims: { start(): Promise<unknown>; stop(): Promise<unknown> }[],
): Promise<HubHarness> {
  const suffix = randomUUID().slice(0, 8);
  const env = { HUB_MONGODB_DATABASE: `hub_${name}_${suffix}`, HUB_TEMPORAL_TASK_QUEUE: `${name}-${suffix}` };
  const worker = await startWorker(env);
  const api = await startApi(env).catch(async (err: unknown) => {
    await worker.stop();
    throw err;
  });
  const mongo = await MongoClient.connect(process.env.HUB_MONGODB_URI ?? '');
  const db = mongo.db(env.HUB_MONGODB_DATABASE);
  const harness: HubHarness = {
    suffix,
    env,
    api,
    worker,
    call: apiCaller(() => api.url),
    db,
    async restartWorker(signal: NodeJS.Signals = 'SIGTERM') {
      await harness.worker.stop(signal);
      harness.worker = await startWorker(env);
    },
    async stop() {
      await Promise.allSettled(sims.map((s) => s.stop()));
      await harness.api.stop();
      await harness.worker.stop();
      await db.dropDatabase().catch(() => undefined);
      await mongo.close();
    },
  };
  try {
    await Promise.all(sims.map((s) => s.start()));
  } catch (err) {
    await harness.stop();
    throw err;
  }
  return harness;
}

/** Registers a connector of `type` through the API; answers its id. */
export async function registerConnector(
  call: HubHarness['call'],
  type: string,
  config: Record<string, unknown>,
): Promise<string> {
  const res = await call<{ id: string }>('POST', '/v1/connectors', {
    name: `${type} ${randomUUID().slice(0, 6)}`,
    type,
    config,
  });
  if (res.status !== 201) throw new Error(`register ${type}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** The config builder of the simulated connector of `type` (simulators/connector-configs.ts). */
export function simulatedConfig(type: string) {
  const c = SIMULATED_CONNECTORS.find((x) => x.type === type);
  if (!c) throw new Error(`no simulated connector ${type}`);
  return c.config;
}

/** POSTs JSON to a simulator's control route; answers the parsed body (undefined when empty). */
export async function simControl(url: string, path: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
  return text ? (JSON.parse(text) as unknown) : undefined;
}

/**
 * Registers the simulated connector of `type` against `sim` and, when it sends webhooks, points them at the hub
 * signed with `secret`; answers the connector id.
 */
export async function registerSimulated(
  h: Pick<HubHarness, 'call' | 'api'>,
  type: string,
  sim: Simulator<object>,
  options: { legalEntityId: string; secret: string; webhooks: boolean },
): Promise<string> {
  const id = await registerConnector(
    h.call,
    type,
    simulatedConfig(type)(sim.url, options.secret, options.legalEntityId),
  );
  if (options.webhooks)
    sim.webhooks.target = { url: `${h.api.url}/v1/webhooks/${id}`, secret: options.secret };
  return id;
}
