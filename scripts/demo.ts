/**
 * The demo of command 1, run against a live hub and the simulators (simulators/main.ts): registers one connector of
 * each kind against its simulator (idempotently — a second run updates them), points the simulators' webhooks at
 * the hub, tests each connector live, makes the ERP the system of record for master data and pushes an item,
 * makes the order flow runnable and posts an order through the API (scripts/demo-orders.ts), places web orders in
 * the store (their webhooks flow into the hub), raises a stock signal that becomes a PO to the supplier portal
 * (scripts/demo-purchasing.ts), runs the EDI demo, and follows every order to its final state and the PO to its
 * vendor bill. Prints what happened.
 * Env: HUB_API_URL, HUB_BOOTSTRAP_ADMIN_KEY, HUB_SIM_MANIFEST (written by simulators/main.ts).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadFixture } from '../canonical-model/fixtures/load-fixture';
import { SIMULATED_CONNECTORS } from '../simulators/connector-configs';
import type { SimulatedConnector } from '../simulators/connector-configs';
import { SEEDED_VARIANTS } from '../simulators/shopify';
import { runEdiDemo } from './demo-edi';
import { followOrders, postApiOrder, prepareOrderFlow } from './demo-orders';
import { followPurchasing, startPurchasing } from './demo-purchasing';
import type { OrderDemoApi } from './demo-orders';

const LEGAL_ENTITY = 'le_acme_us';
const api = required('HUB_API_URL');
const adminKey = required('HUB_BOOTSTRAP_ADMIN_KEY');
const sims = JSON.parse(readFileSync(required('HUB_SIM_MANIFEST'), 'utf8')) as Record<string, string>;

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

const say = (line: string) => console.log(`[demo] ${line}`);

async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function post(url: string, body: unknown): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

interface View {
  id: string;
  name: string;
  revision: number;
}

/** Creates the connector, or updates the one with this name (a new webhook secret each run), and returns its id. */
async function register(c: SimulatedConnector, webhookSecret: string): Promise<string> {
  const url = sims[c.simulator];
  if (!url) throw new Error(`simulator ${c.simulator} is not in the manifest`);
  const config = c.config(url, webhookSecret, LEGAL_ENTITY);
  const existing = (
    await call<{ items: View[] }>('GET', `/v1/connectors?type=${c.type}&limit=200`)
  ).items.find((v) => v.name === c.name);
  if (existing) {
    await call('PATCH', `/v1/connectors/${existing.id}`, { config });
    return existing.id;
  }
  return (await call<View>('POST', '/v1/connectors', { name: c.name, type: c.type, config })).id;
}

async function main(): Promise<void> {
  const ids: Record<string, string> = {};
  for (const c of SIMULATED_CONNECTORS) {
    const webhookSecret = randomBytes(24).toString('base64url');
    const id = await register(c, webhookSecret);
    ids[c.simulator] = id;
    await post(`${sims[c.simulator]}/_sim/webhooks`, {
      url: `${api}/v1/webhooks/${id}`,
      secret: webhookSecret,
    });
    const check = await call<{ ok: boolean; checks: { name: string; ok: boolean; message: string }[] }>(
      'POST',
      `/v1/connectors/${id}/test`,
    );
    const steps = check.checks.map((s) => `${s.name}:${s.ok ? 'ok' : s.message}`).join(', ');
    say(`${c.name} → ${id}: live test ${check.ok ? 'ok' : 'FAILED'} (${steps})`);
  }

  // The ERP is the system of record for master data; an item pushed by it is applied.
  for (const objectType of ['item', 'customer', 'supplier', 'location']) {
    await call('PUT', `/v1/ownership-rules/${LEGAL_ENTITY}/${objectType}`, {
      ownerConnectorId: ids.netsuite,
    });
  }
  const item = loadFixture('item');
  item.legalEntityId = LEGAL_ENTITY;
  item.source = {
    connectorId: ids.netsuite!,
    system: 'netsuite',
    externalId: '4711',
    version: String(Date.now()),
  };
  const pushed = await call<{ outcome: string }>('POST', '/v1/master-data/item', item);
  say(`master data: item ${item.sku} from the ERP → ${pushed.outcome}`);

  // Orders from every channel run the order-to-cash flow: make it runnable, then post one through the API.
  const orderApi: OrderDemoApi = {
    call,
    simulator: (name, path, body) => post(`${sims[name]}${path}`, body),
    say,
  };
  const since = new Date().toISOString();
  await prepareOrderFlow(orderApi, ids, LEGAL_ENTITY);
  await postApiOrder(orderApi, LEGAL_ENTITY);

  // Web orders placed in the store arrive at the hub as signed webhooks.
  const skus = SEEDED_VARIANTS.slice(0, 3);
  for (let i = 0; i < 3; i++) {
    await post(`${sims.shopify}/_test/orders`, {
      email: `buyer${i + 1}@example.com`,
      lines: skus.slice(0, i + 1).map((v) => ({ sku: v.sku, quantity: i + 2, price: v.price })),
    });
  }
  say('web store: 3 orders placed (webhooks → hub)');

  // A stock signal becomes a PO, bought through the supplier portal (followed to its vendor bill at the end).
  const purchasingSince = await startPurchasing(orderApi, ids, LEGAL_ENTITY);

  // Give the simulators a moment to acknowledge, ship and send their webhooks, then show what the hub kept.
  await new Promise((r) => setTimeout(r, 4_000));
  const events = await call<{ items: { status: string; topic: string; connectorType: string }[] }>(
    'GET',
    '/v1/inbound-events?limit=200',
  );
  const summary = new Map<string, number>();
  for (const e of events.items) {
    const key = `${e.connectorType} ${e.topic} (${e.status})`;
    summary.set(key, (summary.get(key) ?? 0) + 1);
  }
  say(`inbound events kept by the hub so far: ${events.items.length}`);
  for (const [key, n] of summary) say(`  ${n} × ${key}`);

  const sftpConnector = (
    await call<{ items: View[] }>('GET', '/v1/connectors?type=edi-x12-sftp&limit=200')
  ).items.find((v) => v.name === 'Demo trading partner (SFTP)');
  if (sftpConnector) {
    await runEdiDemo(
      {
        call,
        raw: async (method, path, body, contentType) => {
          const res = await fetch(`${api}${path}`, {
            method,
            headers: { authorization: `Bearer ${adminKey}`, 'content-type': contentType },
            body,
          });
          return { status: res.status, body: await res.json() };
        },
        say,
      },
      sftpConnector.id,
      LEGAL_ENTITY,
    );
  } else {
    say('EDI: the demo SFTP connector is not registered; skipped');
  }

  // Every order placed above, from the API, the web store and EDI, followed to its final state.
  await followOrders(orderApi, since);
  await followPurchasing(orderApi, LEGAL_ENTITY, purchasingSince);
}

main().catch((err: unknown) => {
  console.error('[demo] failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
