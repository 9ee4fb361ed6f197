/**
 * The frame every simulator is built on: an express app with the vendor's routes behind the fault middleware, an
 * in-memory store, a webhook sender, a log of what it received, timers that stop with it, and the control API under
 * `/_sim` that tests and the demo use to inject faults and inspect state. Simulators listen on loopback only.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import type { Express, Request, Response, Router } from 'express';
import { stringify } from 'lossless-json';
import { Faults } from './faults';
import type { FaultChange } from './faults';
import { Store } from './store';
import { WebhookSender } from './webhooks';
import type { WebhookSigner } from './webhooks';

/** One request the simulator received, as the control API shows it. */
export interface ReceivedRequest {
  at: string;
  method: string;
  path: string;
  query: Record<string, unknown>;
  body: unknown;
  status: number;
}

/** What a simulator is made of. */
export interface SimulatorDefinition<Settings extends object> {
  /** Lower-case system name, e.g. "netsuite". */
  name: string;
  /** The vendor's error body shape for an injected failure. */
  errorBody: (status: number, message: string) => unknown;
  /** How the vendor signs webhooks; omit for a system that sends none. */
  signer?: WebhookSigner;
  /** Simulator-specific behaviour knobs (e.g. ship delay, short-pick rate), changeable by the control API. */
  settings: Settings;
  /** Mounts the vendor API. */
  routes(router: Router, sim: Simulator<Settings>): void;
  /** Puts the reference data a fresh system has (items, customers, locations…); run at start and on reset. */
  seed?(sim: Simulator<Settings>): void;
}

/** A running (or ready to run) simulator. */
export interface Simulator<Settings extends object = object> {
  readonly name: string;
  readonly app: Express;
  readonly store: Store;
  readonly faults: Faults;
  readonly webhooks: WebhookSender;
  readonly requests: ReceivedRequest[];
  settings: Settings;
  /** Base URL once started, e.g. "http://127.0.0.1:40123". */
  url: string;
  /** Runs `fn` after `delayMs` unless the simulator stops first. */
  schedule(delayMs: number, fn: () => void): void;
  /** Sends a JSON body written with exact big integers and decimals (bigint values become bare numbers). */
  sendJson(res: Response, status: number, body: unknown): void;
  start(port?: number, host?: string): Promise<string>;
  stop(): Promise<void>;
}

const MAX_LOGGED_REQUESTS = 5_000;

/** Builds a simulator from its definition; nothing listens until `start`. */
export function createSimulator<Settings extends object>(
  def: SimulatorDefinition<Settings>,
): Simulator<Settings> {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'extended');
  const faults = new Faults();
  const store = new Store();
  const timers = new Set<NodeJS.Timeout>();
  const initialSettings = structuredClone(def.settings);
  let server: Server | undefined;

  const sim: Simulator<Settings> = {
    name: def.name,
    app,
    store,
    faults,
    webhooks: new WebhookSender(faults, def.signer ?? (() => ({}))),
    requests: [],
    settings: structuredClone(def.settings),
    url: '',
    schedule(delayMs, fn) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        fn();
      }, delayMs);
      timers.add(timer);
    },
    sendJson(res, status, body) {
      res
        .status(status)
        .type('application/json')
        .send(stringify(body) ?? 'null');
    },
    async start(port = 0, host = '127.0.0.1') {
      const listening = app.listen(port, host);
      server = listening;
      await new Promise<void>((resolve, reject) => {
        listening.once('listening', resolve);
        listening.once('error', reject);
      });
      sim.url = `http://${host}:${(listening.address() as AddressInfo).port}`;
      return sim.url;
    },
    async stop() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      sim.webhooks.stop();
      const s = server;
      server = undefined;
      if (s) {
        s.closeAllConnections();
        await new Promise<void>((resolve) => s.close(() => resolve()));
      }
    },
  };

  app.use(express.json({ limit: '5mb', type: ['application/json', 'application/*+json'] }));
  app.use(express.urlencoded({ extended: false }));
  app.use('/_sim', controlApi(sim, def, initialSettings));
  // Log what the vendor API received, with the status it answered.
  app.use((req, res, next) => {
    res.on('finish', () => {
      if (sim.requests.length >= MAX_LOGGED_REQUESTS) sim.requests.shift();
      sim.requests.push({
        at: new Date().toISOString(),
        method: req.method,
        path: req.path,
        query: req.query,
        body: req.body as unknown,
        status: res.statusCode,
      });
    });
    next();
  });
  app.use(faults.middleware(def.errorBody));
  const router = express.Router();
  def.routes(router, sim);
  app.use(router);
  app.use((req: Request, res: Response) => {
    res.status(404).json(def.errorBody(404, `No route ${req.method} ${req.path}`));
  });
  app.use((err: unknown, _req: Request, res: Response, _next: express.NextFunction) => {
    const status = (err as { status?: number }).status ?? 500;
    res.status(status).json(def.errorBody(status, err instanceof Error ? err.message : String(err)));
  });
  def.seed?.(sim);
  return sim;
}

/** The control API: faults, settings, inspection and webhook registration. Never behind the faults. */
function controlApi<Settings extends object>(
  sim: Simulator<Settings>,
  def: SimulatorDefinition<Settings>,
  initialSettings: Settings,
): Router {
  const r = express.Router();
  const state = () => ({
    name: sim.name,
    faults: sim.faults.settings,
    pendingFailures: sim.faults.pending(),
    injected: sim.faults.injected,
    settings: sim.settings,
    collections: Object.fromEntries(sim.store.names().map((n) => [n, sim.store.collection(n).size])),
    webhookTarget: sim.webhooks.target ? { url: sim.webhooks.target.url } : null,
    requestsReceived: sim.requests.length,
  });
  r.get('/', (_req, res) => {
    res.json(state());
  });
  r.post('/faults', (req, res) => {
    sim.faults.change(req.body as FaultChange);
    res.json(state());
  });
  r.post('/settings', (req, res) => {
    sim.settings = { ...sim.settings, ...(req.body as Partial<Settings>) };
    res.json(state());
  });
  r.post('/reset', (_req, res) => {
    sim.faults.reset();
    sim.store.clear();
    sim.requests.length = 0;
    sim.webhooks.deliveries.length = 0;
    sim.settings = structuredClone(initialSettings);
    def.seed?.(sim);
    res.json(state());
  });
  r.get('/records/:collection', (req, res) => {
    sim.sendJson(res, 200, sim.store.collection(String(req.params.collection)).all());
  });
  r.get('/requests', (req, res) => {
    const path = typeof req.query.pathIncludes === 'string' ? req.query.pathIncludes : '';
    res.json(sim.requests.filter((q) => q.path.includes(path)));
  });
  r.post('/webhooks', (req, res) => {
    const { url, secret } = req.body as { url?: unknown; secret?: unknown };
    if (typeof url !== 'string' || typeof secret !== 'string') {
      res.status(400).json({ error: 'url and secret (strings) are required' });
      return;
    }
    sim.webhooks.target = { url, secret };
    res.json(state());
  });
  r.get('/webhooks/deliveries', (_req, res) => {
    res.json(sim.webhooks.deliveries);
  });
  r.post('/webhooks/flush', async (_req, res) => {
    sim.webhooks.flush();
    await sim.webhooks.idle();
    res.json({ deliveries: sim.webhooks.deliveries.length });
  });
  return r;
}
