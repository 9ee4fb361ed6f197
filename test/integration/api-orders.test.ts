import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@temporalio/client';
import type { Db, MongoClient } from 'mongodb';
import { createApp } from '../../api/app';
import { loadContract } from '../../api/contract';
import { loadFixture } from '../../canonical-model/fixtures/load-fixture';
import { createCrossReferenceStore } from '../../canonical-model/cross-reference';
import { createCanonicalValidator } from '../../canonical-model/validate';
import { getConnectorType, listConnectorTypes } from '../../connectors/registry';
import { createLogger } from '../../monitoring/logger';
import { createMetrics } from '../../monitoring/metrics';
import { createApiKeyStore } from '../../platform/api-keys';
import { createConnectorStore } from '../../platform/connector-store';
import { createDeadLetterStore } from '../../platform/dead-letters';
import { createEdiStores } from '../../platform/edi/deps';
import { HubError } from '../../platform/errors';
import { createIdempotencyStore } from '../../platform/idempotency';
import { createInboundDedup } from '../../platform/inbound-dedup';
import { createInboundEvents } from '../../platform/inbound-events';
import { createMasterData } from '../../platform/master-data';
import { orderWorkflowId } from '../../platform/orders/business-key';
import { createOrderStore } from '../../platform/orders/order-store';
import type { OrderWorkflows } from '../../platform/orders/order-workflows';
import { createOrderPolicyStore } from '../../platform/orders/policy-store';
import { createStockLedger } from '../../platform/orders/stock-ledger';
import { createOwnership } from '../../platform/ownership';
import { createQuarantine } from '../../platform/quarantine';
import { createRateLimiter } from '../../platform/rate-limit';
import type { Role } from '../../platform/roles';
import { createSecretBox } from '../../platform/secrets';
import type { OrderToCashInput, OrderView } from '../../workflows/order-to-cash/types';
import { openTestDatabase } from '../support/database';

// The API in-process against the stack's real database, with a fake order-workflows port (no worker needed).
const ADMIN_KEY = `test-admin-${randomBytes(8).toString('hex')}`;
let client: MongoClient;
let db: Db;
let server: Server;
let base: string;
const keys = {} as Record<Role | 'bound', string>;
const orderStore = () => createOrderStore(db);
/** What the API logged at error level: a response that does not match the contract lands here. */
const logged: string[] = [];

/** An order view as a workflow would report it. */
function view(orderId: string, overrides: Partial<OrderView> = {}): OrderView {
  const businessKey = overrides.businessKey ?? `api:cus_view:PO-${orderId}`;
  const line = { lineNumber: 1, sku: 'WID-1001', uom: 'EA', ordered: '10', allocated: '0' };
  const zero = { shipped: '0', invoiced: '0', cancelled: '0', backordered: '0' };
  return {
    ...{ orderId, workflowId: orderWorkflowId(businessKey), businessKey, channel: 'api' },
    ...{ customerId: 'cus_view', customerPoNumber: `PO-${orderId}`, orderNumber: `SO-${orderId}` },
    ...{ legalEntityId: 'le_acme_us', status: 'on-hold', holds: [{ kind: 'price', message: 'too cheap' }] },
    ...{ decisions: [], lines: [{ ...line, ...zero, status: 'open' }], releases: [], shipments: [] },
    ...{
      invoices: [],
      documents: [],
      captures: [],
      timeline: [],
      version: 1,
      updatedAt: '2025-04-01T10:00:00Z',
    },
    ...overrides,
  };
}

/** The port as the routes see it: records every call; refuses what a real order would refuse. */
const calls = { capture: [] as OrderToCashInput[], other: [] as [string, string, unknown][] };
const live = new Map<string, OrderView>();
const fake: OrderWorkflows = {
  capture(input) {
    calls.capture.push(input);
    const workflowId = orderWorkflowId(input.businessKey);
    const outcome = live.has(workflowId) ? 'attached' : 'started';
    if (!live.has(workflowId)) live.set(workflowId, view(input.order.id, { businessKey: input.businessKey }));
    return Promise.resolve({ workflowId, outcome });
  },
  async decide(workflowId, decision) {
    calls.other.push(['decide', workflowId, decision]);
    const current = await orderStore().getByWorkflowId(workflowId);
    if (current?.status !== 'on-hold') throw new HubError('data', 'the order is not on hold');
    return { ...current, status: 'allocating', holds: [], decisions: [{ ...decision, at: 'now' }] };
  },
  async change(workflowId, change) {
    calls.other.push(['change', workflowId, change]);
    const current = (await orderStore().getByWorkflowId(workflowId))!;
    if (current.status === 'shipped')
      return { accepted: false, message: 'line 1 has shipped', lines: current.lines };
    return { accepted: true, message: 'changed', lines: current.lines.map((l) => ({ ...l, ordered: '4' })) };
  },
  async cancel(workflowId, cancellation) {
    calls.other.push(['cancel', workflowId, cancellation]);
    const current = (await orderStore().getByWorkflowId(workflowId))!;
    const accepted = current.status !== 'shipped';
    return { accepted, message: accepted ? 'cancelled' : 'everything has shipped', lines: current.lines };
  },
  confirmShipment: () => Promise.resolve(),
  requestChange: () => Promise.resolve(),
  requestCancel: () => Promise.resolve(),
  retryAllocation: () => Promise.resolve(),
  status: (workflowId) => Promise.resolve(live.get(workflowId)),
};

type Answer = { status: number; headers: Headers; body: Record<string, unknown> };
async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  const parsed: Answer['body'] = text ? (JSON.parse(text) as Answer['body']) : {};
  return { status: res.status, headers: res.headers, body: parsed };
}
const as = (who: keyof typeof keys, extra: Record<string, string> = {}) => ({
  authorization: `Bearer ${keys[who]}`,
  ...extra,
});
const paths = (answer: Answer) => (answer.body.errors as { path: string }[] | undefined)?.map((e) => e.path);

beforeAll(async () => {
  ({ client, db } = await openTestDatabase('hub_api_orders'));
  const box = createSecretBox(randomBytes(32));
  const logger = createLogger('test', 'error', { write: (line: string) => void logged.push(line) });
  const metrics = createMetrics('api');
  const validator = createCanonicalValidator();
  const registry = { getConnectorType, listConnectorTypes };
  const producer = { send: () => Promise.resolve() };
  const connectors = createConnectorStore(db, box);
  const quarantine = createQuarantine(db);
  const ownership = createOwnership(db, quarantine);
  const dedup = createInboundDedup(db);
  const masterData = createMasterData(db, {
    dedup,
    ownership,
    crossReferences: createCrossReferenceStore(db),
  });
  const apiKeys = createApiKeyStore(db, ADMIN_KEY);
  const [orders, policies, ledger] = [orderStore(), createOrderPolicyStore(db), createStockLedger(db)];
  for (const store of [orders, policies, ledger]) await store.ensureIndexes();
  const app = createApp({
    ...{ contract: loadContract(), logger, metrics, checks: [], db, taskQueue: 'test', keys: apiKeys },
    temporal: {} as Client, // no route under test reaches Temporal: the port is faked
    ...{ limiter: createRateLimiter(db, { limit: 10_000 }), idempotencyStore: createIdempotencyStore(db) },
    ...{ sealer: box, connectors, deadLetters: createDeadLetterStore(db), ownership, quarantine, masterData },
    webhooks: {
      connectors,
      registry,
      dedup,
      events: createInboundEvents(db),
      producer,
      validator,
      logger,
      metrics,
    },
    edi: { ...createEdiStores(db), connectors, registry, producer, validator, logger, metrics },
    ...{ orders: fake, orderStore: orders, orderPolicies: policies, stockLedger: ledger },
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const role of ['system', 'support', 'viewer'] as const) {
    keys[role] = (await apiKeys.issue({ name: `${role} key`, role, createdBy: 'test' })).key;
  }
  const bound = { name: 'shop key', role: 'system' as const, connectorId: 'con_aaaaaaaaaaaaaaaaaaaa' };
  keys.bound = (await apiKeys.issue({ ...bound, createdBy: 'test' })).key;
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await db?.dropDatabase();
  await client?.close();
});

const POLICY = {
  ...{ warehouses: [{ locationId: 'loc_chicago', regions: ['US-IL'] }, { locationId: 'loc_reno' }] },
  ...{ strategy: 'nearest-warehouse', allowSplitShipments: true, priorityCustomerIds: [] },
  ...{ protectedStockPercent: 0, substitutes: {}, shortageAction: 'backorder', shortPickAction: 'backorder' },
  ...{ priceTolerancePercent: '2', holdTimeoutMinutes: 60, autoRejectAfterMinutes: 0 },
  ...{ shipmentTimeoutMinutes: 4320, backorderRecheckMinutes: 60 },
};

describe('order policy API', () => {
  it('answers the default, stores a policy with revisions, names bad fields and refuses stale revisions', async () => {
    expect((await call('GET', '/v1/order-policy/le_acme_us')).body).toMatchObject({ revision: 0 });
    const stored = await call('PUT', '/v1/order-policy/le_acme_us', { ...POLICY, expectedRevision: 0 });
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({ legalEntityId: 'le_acme_us', revision: 1, holdTimeoutMinutes: 60 });
    const twice = { ...POLICY, warehouses: [{ locationId: 'loc_a' }, { locationId: 'loc_a' }] };
    const dup = await call('PUT', '/v1/order-policy/le_acme_us', twice);
    expect([dup.status, paths(dup)]).toEqual([400, ['/warehouses/1/locationId']]);
    const bad = await call('PUT', '/v1/order-policy/le_acme_us', { ...POLICY, priceTolerancePercent: '-2' });
    expect([bad.status, paths(bad)]).toEqual([400, ['/priceTolerancePercent']]);
    const noErp = await call('PUT', '/v1/order-policy/le_acme_us', {
      ...POLICY,
      erpConnectorId: 'con_bbbbbbbbbbbbbbbbbbbb',
    });
    expect([noErp.status, paths(noErp)]).toEqual([400, ['/erpConnectorId']]);
    const stale = await call('PUT', '/v1/order-policy/le_acme_us', { ...POLICY, expectedRevision: 0 });
    expect(stale.status).toBe(409);
    expect((await call('GET', '/v1/order-policy/le_acme_us')).body).toMatchObject({ revision: 1 });
  });

  it('lets only admins replace a policy; support and viewers may read it', async () => {
    for (const who of ['support', 'viewer', 'system'] as const) {
      expect((await call('PUT', '/v1/order-policy/le_x', POLICY, as(who))).status, who).toBe(403);
    }
    expect((await call('GET', '/v1/order-policy/le_x', undefined, as('viewer'))).status).toBe(200);
  });
});

describe('taking orders', () => {
  const order = () => loadFixture('sales-order');

  it('requires an Idempotency-Key and a valid canonical order, naming what is wrong', async () => {
    const missing = await call('POST', '/v1/orders', order());
    expect([missing.status, paths(missing)]).toEqual([400, ['/header/Idempotency-Key']]);
    const broken = order() as unknown as { lines: { quantity: unknown }[] };
    broken.lines[0]!.quantity = '240';
    const bad = await call('POST', '/v1/orders', broken, { 'idempotency-key': 'bad-doc-1' });
    expect([bad.status, paths(bad)]).toEqual([400, ['/lines/0/quantity']]);
    expect(calls.capture).toHaveLength(0);
  });

  it('starts the workflow of the business key with the policy, replays a retry, attaches a duplicate', async () => {
    const headers = { 'idempotency-key': 'po-4500098812-a', 'x-correlation-id': 'corr-order-1' };
    const first = await call('POST', '/v1/orders', order(), headers);
    const businessKey = 'edi:cus_bigbox_retail:4500098812';
    const expected = { orderId: 'so_01HV4M2X9K', workflowId: orderWorkflowId(businessKey), businessKey };
    expect([first.status, first.body]).toEqual([202, { ...expected, outcome: 'started' }]);
    expect(first.headers.get('location')).toBe('/v1/orders/so_01HV4M2X9K');
    const [input] = calls.capture;
    expect(input).toMatchObject({ businessKey, correlationId: 'corr-order-1' });
    expect(input!.capture).toMatchObject({
      via: 'api',
      reference: 'po-4500098812-a',
      by: 'bootstrap admin key',
    });
    expect(input!.policy).toEqual({ ...POLICY, legalEntityId: 'le_acme_us' });

    const replay = await call('POST', '/v1/orders', order(), headers);
    expect([replay.status, replay.headers.get('idempotent-replayed')]).toEqual([202, 'true']);
    expect(calls.capture).toHaveLength(1);

    const again = { ...order(), id: 'so_resent' };
    const dup = await call('POST', '/v1/orders', again, { 'idempotency-key': 'po-4500098812-b' });
    expect([dup.status, dup.body]).toEqual([200, { ...expected, outcome: 'attached' }]);
  });

  it('takes an order without a channel as an API order, and keeps bound keys to their connector', async () => {
    const plain: Partial<ReturnType<typeof order>> = {
      ...order(),
      id: 'so_plain',
      customerPoNumber: 'PO-PLAIN',
    };
    delete plain.channel;
    const res = await call('POST', '/v1/orders', plain, { 'idempotency-key': 'plain-1' });
    expect(res.body.businessKey).toBe('api:cus_bigbox_retail:PO-PLAIN');
    expect(calls.capture.at(-1)?.order.channel).toBe('api');
    const foreign = await call('POST', '/v1/orders', order(), as('bound', { 'idempotency-key': 'shop-1' }));
    expect([foreign.status, paths(foreign)]).toEqual([403, ['/source/connectorId']]);
    const viewer = await call('POST', '/v1/orders', order(), as('viewer', { 'idempotency-key': 'v-1' }));
    expect(viewer.status).toBe(403);
  });
});

describe('reading and acting on orders', () => {
  it('finds stored orders by id, business key and filters, in pages', async () => {
    for (const n of [1, 2, 3]) await orderStore().save(view(`so_read_${n}`, { customerId: 'cus_reader' }));
    expect((await call('GET', '/v1/orders/so_read_2')).body).toEqual(
      view('so_read_2', { customerId: 'cus_reader' }),
    );
    expect((await call('GET', '/v1/orders/so_nobody')).status).toBe(404);
    const byKey = await call('GET', `/v1/orders/by-key/${encodeURIComponent('api:cus_view:PO-so_read_3')}`);
    expect(byKey.body.orderId).toBe('so_read_3');
    const page = await call(
      'GET',
      '/v1/orders?customerId=cus_reader&status=on-hold&limit=2',
      undefined,
      as('viewer'),
    );
    expect((page.body.items as OrderView[]).map((o) => o.orderId)).toEqual(['so_read_1', 'so_read_2']);
    const next = await call(
      'GET',
      `/v1/orders?customerId=cus_reader&limit=2&cursor=${page.body.nextCursor as string}`,
    );
    expect([(next.body.items as OrderView[]).map((o) => o.orderId), next.body.nextCursor]).toEqual([
      ['so_read_3'],
      null,
    ]);
    expect(paths(await call('GET', '/v1/orders?status=lost'))).toEqual(['/query/status']);
  });

  it('passes decisions to the workflow with the caller as decider, and answers refusals with 409', async () => {
    await orderStore().save(view('so_held'));
    const decided = await call(
      'POST',
      '/v1/orders/so_held/decision',
      { decision: 'approve', reason: 'ok by sales' },
      as('support'),
    );
    expect([decided.status, decided.body.status]).toEqual([200, 'allocating']);
    expect(calls.other.at(-1)).toEqual([
      'decide',
      view('so_held').workflowId,
      { decision: 'approve', reason: 'ok by sales', by: 'support key' },
    ]);
    await orderStore().save(view('so_held', { status: 'allocating', version: 2 }));
    const refused = await call('POST', '/v1/orders/so_held/decision', { decision: 'reject', reason: 'no' });
    expect([refused.status, refused.body.detail]).toEqual([409, 'the order is not on hold']);
    const noReason = await call('POST', '/v1/orders/so_held/decision', { decision: 'approve', reason: ' ' });
    expect(paths(noReason)).toEqual(['/reason']);
    expect(
      (await call('POST', '/v1/orders/so_gone/decision', { decision: 'approve', reason: 'x' })).status,
    ).toBe(404);
    expect(
      (await call('POST', '/v1/orders/so_held/decision', { decision: 'approve', reason: 'x' }, as('viewer')))
        .status,
    ).toBe(403);
  });

  it('passes changes and cancellations through, answering what the order refused with 409 and its lines', async () => {
    await orderStore().save(view('so_change', { status: 'allocating' }));
    await orderStore().save(view('so_shipped', { status: 'shipped' }));
    const body = { reason: 'customer call', lines: [{ lineNumber: 1, quantity: '4' }] };
    const changed = await call('POST', '/v1/orders/so_change/changes', body, { 'idempotency-key': 'chg-1' });
    expect([changed.status, changed.body.accepted]).toEqual([200, true]);
    expect(calls.other.at(-1)?.[2]).toEqual({ ...body, by: 'bootstrap admin key', reference: 'chg-1' });
    const late = await call('POST', '/v1/orders/so_shipped/changes', body);
    expect([late.status, late.body.detail, late.body.lines]).toEqual([
      409,
      'line 1 has shipped',
      view('so_shipped').lines,
    ]);
    const negative = await call('POST', '/v1/orders/so_change/changes', {
      ...body,
      lines: [{ lineNumber: 1, quantity: '-1' }],
    });
    expect(paths(negative)).toEqual(['/lines/0/quantity']);
    const cancelled = await call('POST', '/v1/orders/so_change/cancel', { reason: 'duplicate order' });
    expect([cancelled.status, cancelled.body.message]).toEqual([200, 'cancelled']);
    const tooLate = await call('POST', '/v1/orders/so_shipped/cancel', { reason: 'duplicate order' });
    expect([tooLate.status, tooLate.body.detail]).toEqual([409, 'everything has shipped']);
  });
});

describe('stock API', () => {
  it('sets counts and answers availability per warehouse, by name or by the policy', async () => {
    const set = await call(
      'PUT',
      '/v1/stock/loc_chicago/WID-1001',
      { onHand: '100', held: '5' },
      as('support'),
    );
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ sku: 'WID-1001', locationId: 'loc_chicago', onHand: '100', held: '5' });
    const recount = await call('PUT', '/v1/stock/loc_chicago/WID-1001', { onHand: '90' });
    expect(recount.body).toMatchObject({ onHand: '90', held: '5' });
    const named = await call(
      'GET',
      '/v1/stock/WID-1001?locationId=loc_reno,loc_chicago',
      undefined,
      as('viewer'),
    );
    const available = (a: Answer) =>
      (a.body.locations as { locationId: string; available: string }[]).map((l) => [
        l.locationId,
        l.available,
      ]);
    expect(available(named)).toEqual([
      ['loc_reno', '0'],
      ['loc_chicago', '85'],
    ]);
    const byPolicy = await call('GET', '/v1/stock/WID-1001?legalEntityId=le_acme_us');
    expect(available(byPolicy)).toEqual([
      ['loc_chicago', '85'],
      ['loc_reno', '0'],
    ]);
    expect(paths(await call('GET', '/v1/stock/WID-1001'))).toEqual(['/query/locationId']);
    expect(paths(await call('PUT', '/v1/stock/loc_chicago/WID-1001', { onHand: '-3' }))).toEqual(['/onHand']);
    expect((await call('PUT', '/v1/stock/loc_chicago/WID-1001', { onHand: '1' }, as('viewer'))).status).toBe(
      403,
    );
  });

  it('answers GET /v1/inventory/{sku} per location with reserved, on hold, in transit, inbound and ATP', async () => {
    await call('PUT', '/v1/stock/loc_chicago/WID-1007', { onHand: '40', held: '2' }, as('support'));
    const all = await call('GET', '/v1/inventory/WID-1007', undefined, as('viewer'));
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({
      sku: 'WID-1007',
      locations: [
        {
          locationId: 'loc_chicago',
          onHand: '40',
          onHold: '2',
          reserved: '0',
          inTransit: '0',
          inbound: { quantity: '0', supplies: [] },
          availableToPromise: '38',
        },
      ],
      totals: { onHand: '40', availableToPromise: '38' },
    });
    const byPolicy = await call('GET', '/v1/inventory/WID-1007?legalEntityId=le_acme_us');
    expect((byPolicy.body.locations as { locationId: string }[]).map((l) => l.locationId)).toEqual([
      'loc_chicago',
      'loc_reno',
    ]);
    expect(paths(await call('GET', '/v1/inventory/WID-1007?needBy=soon'))).toEqual(['/query/needBy']);
  });
});

describe('the contract', () => {
  it('answered every request above with a response the contract describes', () => {
    expect(logged).toEqual([]);
  });
});
