import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@temporalio/client';
import type { Db, MongoClient } from 'mongodb';
import { createApp } from '../../api/app';
import { loadContract } from '../../api/contract';
import { createCrossReferenceStore } from '../../canonical-model/cross-reference';
import { createCanonicalValidator } from '../../canonical-model/validate';
import { stackSftpConfig } from '../../connectors/edi-sftp/test-server';
import { getConnectorType, listConnectorTypes } from '../../connectors/registry';
import { SIMULATED_CONNECTORS } from '../../simulators/connector-configs';
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
import { createOrderStore } from '../../platform/orders/order-store';
import type { OrderWorkflows } from '../../platform/orders/order-workflows';
import { createOrderPolicyStore } from '../../platform/orders/policy-store';
import { createStockLedger } from '../../platform/orders/stock-ledger';
import { createOwnership } from '../../platform/ownership';
import { PURCHASING_POLICY_DEFAULTS } from '../../platform/purchasing/policy';
import type { PurchasingPolicy } from '../../platform/purchasing/policy';
import { createPurchasingPolicyStore } from '../../platform/purchasing/policy-store';
import { createPurchaseOrderStore } from '../../platform/purchasing/purchase-order-store';
import type { PurchaseWorkflows } from '../../platform/purchasing/purchase-workflows';
import { samplePurchaseOrderView } from '../../platform/purchasing/view-test-support';
import { createQuarantine } from '../../platform/quarantine';
import { createRateLimiter } from '../../platform/rate-limit';
import type { Role } from '../../platform/roles';
import { createSecretBox } from '../../platform/secrets';
import { replenishmentWorkflowId } from '../../workflows/procure-to-receive/types';
import type { PurchaseOrderView, ReplenishmentSignal } from '../../workflows/procure-to-receive/types';
import { partnerInput } from '../support/edi';
import { openTestDatabase } from '../support/database';

// The API in-process against the stack's real database, with a fake procure-to-receive port (no worker needed).
const ADMIN_KEY = `test-admin-${randomBytes(8).toString('hex')}`;
let client: MongoClient;
let db: Db;
let server: Server;
let base: string;
const keys = {} as Record<Role, string>;
const connectors = {} as Record<'erp' | 'wms' | 'edi' | 'portal', string>;
let supplierPartner: string;
let customerPartner: string;
const purchaseOrders = () => createPurchaseOrderStore(db);
/** What the API logged at error level: a response that does not match the contract lands here. */
const logged: string[] = [];

/** The port as the routes see it: records every call; refuses what a real PO would refuse. */
const calls: { op: string; workflowId: string; arg: unknown; extra?: unknown }[] = [];
const views = new Map<string, PurchaseOrderView>();
const viewOf = (workflowId: string) => {
  const view = views.get(workflowId);
  if (!view) throw new HubError('data', `no running purchase order workflow ${workflowId}`);
  return view;
};
const decided = (workflowId: string, op: string, arg: unknown, update: Partial<PurchaseOrderView>) => {
  calls.push({ op, workflowId, arg });
  const view = { ...viewOf(workflowId), ...update };
  return Promise.resolve({ ...view, version: view.version + 1 });
};
const fake: PurchaseWorkflows = {
  signalReplenishment(signal, policy, correlationId) {
    const workflowId = replenishmentWorkflowId(signal.legalEntityId, signal.sku, signal.locationId);
    calls.push({ op: 'signal', workflowId, arg: signal, extra: { policy, correlationId } });
    return Promise.resolve(workflowId);
  },
  ackReceived: () => Promise.resolve(),
  asnReceived: () => Promise.resolve(),
  receiptReceived: () => Promise.resolve(),
  invoiceReceived: () => Promise.resolve(),
  async decideProposal(workflowId, decision) {
    if (viewOf(workflowId).status !== 'pending-approval')
      throw new HubError('data', 'the PO is not waiting for approval');
    return decided(workflowId, 'decideProposal', decision, {
      status: decision.decision === 'approve' ? 'issued' : 'rejected',
    });
  },
  async resolveException(workflowId, resolution) {
    const view = viewOf(workflowId);
    if (!view.exceptions.some((e) => e.exceptionId === resolution.exceptionId && e.status === 'open'))
      throw new HubError('data', `no open exception ${resolution.exceptionId}`);
    const exceptions = view.exceptions.map((e) => ({ ...e, status: 'resolved' as const }));
    return decided(workflowId, 'resolveException', resolution, { exceptions });
  },
  async decideInvoice(workflowId, decision) {
    const view = viewOf(workflowId);
    if (!view.invoices.some((i) => i.invoiceId === decision.invoiceId && i.status === 'held'))
      throw new HubError('data', `invoice ${decision.invoiceId} is not held`);
    const invoices = view.invoices.map((i) => ({ ...i, status: 'billed' as const }));
    return decided(workflowId, 'decideInvoice', decision, { invoices });
  },
  async shortClose(workflowId, closure) {
    if (viewOf(workflowId).status === 'closed') throw new HubError('data', 'the PO is closed');
    return decided(workflowId, 'shortClose', closure, { status: 'short-closed' });
  },
  async cancel(workflowId, closure) {
    if (viewOf(workflowId).shipments.length) throw new HubError('data', 'the supplier has shipped');
    return decided(workflowId, 'cancel', closure, { status: 'cancelled' });
  },
  status: (workflowId) => Promise.resolve(views.get(workflowId)),
};
const noOrders = () => Promise.reject(new Error('no order routes in this test'));
const orders: OrderWorkflows = {
  ...{ capture: noOrders, decide: noOrders, change: noOrders, cancel: noOrders },
  ...{ confirmShipment: noOrders, requestChange: noOrders, requestCancel: noOrders },
  ...{ retryAllocation: noOrders, status: () => Promise.resolve(undefined) },
};

/** Stores a PO view and lets the fake workflow of it answer. */
async function storePo(id: string, overrides: Partial<PurchaseOrderView> = {}): Promise<PurchaseOrderView> {
  const view = samplePurchaseOrderView(id, { legalEntityId: 'le_buyer', ...overrides });
  await purchaseOrders().save(view);
  views.set(view.workflowId, view);
  return view;
}

type Answer = { status: number; headers: Headers; body: Record<string, unknown> };
async function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Answer['body']) : {} };
}
const as = (who: Role, extra: Record<string, string> = {}) => ({
  authorization: `Bearer ${keys[who]}`,
  ...extra,
});
const paths = (answer: Answer) => (answer.body.errors as { path: string }[] | undefined)?.map((e) => e.path);

/** A supplier as a buyer writes it. */
const supplier = (supplierId: string, channel: Record<string, unknown>) => ({
  supplierId,
  channel,
  ...{ unitPrice: '4.25', currency: 'USD', uom: 'EA', minOrderQuantity: '24', packMultiple: '12' },
  leadTimeDays: 5,
});
const ediChannel = () => ({ kind: 'edi', ediConnectorId: connectors.edi, partnerId: supplierPartner });
const portalChannel = () => ({ kind: 'portal', connectorId: connectors.portal });
/** A purchasing policy body for the API. */
const policyBody = (legalEntityId: string, overrides: Record<string, unknown> = {}) => ({
  legalEntityId,
  erpConnectorId: connectors.erp,
  wmsConnectorId: connectors.wms,
  defaultLocationId: 'loc_chicago',
  sourcing: [
    {
      sku: 'WID-1001',
      suppliers: [supplier('sup_acme', ediChannel()), supplier('sup_web', portalChannel())],
    },
    { sku: 'WID-2002', locationId: 'loc_reno', suppliers: [supplier('sup_west', portalChannel())] },
  ],
  ...overrides,
});

beforeAll(async () => {
  ({ client, db } = await openTestDatabase('hub_api_purchasing'));
  const box = createSecretBox(randomBytes(32));
  const logger = createLogger('test', 'error', { write: (line: string) => void logged.push(line) });
  const metrics = createMetrics('api');
  const validator = createCanonicalValidator();
  const registry = { getConnectorType, listConnectorTypes };
  const producer = { send: () => Promise.resolve() };
  const connectorStore = createConnectorStore(db, box);
  const quarantine = createQuarantine(db);
  const ownership = createOwnership(db, quarantine);
  const dedup = createInboundDedup(db);
  const masterData = createMasterData(db, {
    dedup,
    ownership,
    crossReferences: createCrossReferenceStore(db),
  });
  const apiKeys = createApiKeyStore(db, ADMIN_KEY);
  const edi = createEdiStores(db);
  const stores = [createPurchasingPolicyStore(db), purchaseOrders(), edi.partners, connectorStore];
  for (const store of stores) await store.ensureIndexes();
  const app = createApp({
    ...{ contract: loadContract(), logger, metrics, checks: [], db, taskQueue: 'test', keys: apiKeys },
    temporal: {} as Client, // no route under test reaches Temporal: the port is faked
    ...{ limiter: createRateLimiter(db, { limit: 10_000 }), idempotencyStore: createIdempotencyStore(db) },
    ...{
      sealer: box,
      connectors: connectorStore,
      deadLetters: createDeadLetterStore(db),
      ownership,
      quarantine,
    },
    masterData,
    webhooks: {
      ...{ connectors: connectorStore, registry, dedup, events: createInboundEvents(db), producer },
      ...{ validator, logger, metrics },
    },
    edi: { ...edi, connectors: connectorStore, registry, producer, validator, logger, metrics },
    ...{ orders, orderStore: createOrderStore(db), orderPolicies: createOrderPolicyStore(db) },
    ...{ stockLedger: createStockLedger(db), purchaseWorkflows: fake },
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const role of ['admin', 'system', 'support', 'viewer'] as const) {
    keys[role] = (await apiKeys.issue({ name: `${role} key`, role, createdBy: 'test' })).key;
  }
  const register = async (type: string, config: Record<string, unknown>) =>
    (await connectorStore.create({ name: `${type} ${randomBytes(3).toString('hex')}`, type, config })).id;
  const url = 'http://127.0.0.1:9';
  const configOf = (type: string) => SIMULATED_CONNECTORS.find((c) => c.type === type)!.config;
  connectors.erp = await register(
    'netsuite-erp',
    configOf('netsuite-erp')(url, 'whsec-purchasing-test', 'le_buyer'),
  );
  connectors.wms = await register(
    'shiphero-wms',
    configOf('shiphero-wms')(url, 'whsec-purchasing-test', 'le_buyer'),
  );
  const portal = configOf('supplier-portal-rest')(url, 'whsec-purchasing-test', 'le_buyer');
  connectors.portal = await register('supplier-portal-rest', portal);
  connectors.edi = await register('edi-x12-sftp', { ...stackSftpConfig() });
  const sets = [
    { set: '850', direction: 'outbound' as const },
    ...['855', '856', '810'].map((set) => ({ set, direction: 'inbound' as const })),
  ];
  supplierPartner = (
    await edi.partners.create(
      partnerInput({ connectorId: connectors.edi, role: 'supplier', partyId: 'sup_acme', sets }),
    )
  ).id;
  customerPartner = (
    await edi.partners.create(
      partnerInput({
        ...{ connectorId: connectors.edi, name: 'A customer', partyId: 'cus_a' },
        partner: { isa: { qualifier: 'ZZ', id: 'CUSTA' }, gsId: 'CUSTA' },
      }),
    )
  ).id;
}, 60_000);

afterAll(async () => {
  if (server) await new Promise((resolve) => server.close(resolve));
  await db?.dropDatabase();
  await client?.close();
});

describe('purchasing policy API', () => {
  it('stores a policy with its defaults, answers it, and reads 404 for a legal entity without one', async () => {
    expect((await call('GET', '/v1/purchasing-policy?legalEntityId=le_buyer')).status).toBe(404);
    const stored = await call('PUT', '/v1/purchasing-policy', policyBody('le_buyer'));
    expect(stored.status).toBe(200);
    expect(stored.body).toEqual({ ...PURCHASING_POLICY_DEFAULTS, ...policyBody('le_buyer') });
    const read = await call('GET', '/v1/purchasing-policy?legalEntityId=le_buyer', undefined, as('viewer'));
    expect([read.status, read.body]).toEqual([200, stored.body]);
    const byQuery = await call('PUT', '/v1/purchasing-policy?legalEntityId=le_nodefault', {
      ...policyBody('le_nodefault', { approvalThreshold: '500' }),
      legalEntityId: undefined,
      defaultLocationId: undefined,
    });
    expect([byQuery.status, byQuery.body.legalEntityId, byQuery.body.approvalThreshold]).toEqual([
      200,
      'le_nodefault',
      '500',
    ]);
    expect(paths(await call('GET', '/v1/purchasing-policy'))).toEqual(['/query/legalEntityId']);
  });

  it('names every bad field of a policy at once, its own and the connectors it names', async () => {
    const bad = await call(
      'PUT',
      '/v1/purchasing-policy',
      policyBody('le_bad', {
        erpConnectorId: connectors.wms,
        wmsConnectorId: 'con_nobody',
        sourcing: [
          {
            sku: 'WID-1',
            suppliers: [
              { ...supplier('sup_a', ediChannel()), packMultiple: '0' },
              supplier('sup_b', { ...ediChannel(), partnerId: customerPartner }),
              supplier('sup_c', { kind: 'portal', connectorId: connectors.erp }),
              supplier('sup_d', {
                kind: 'edi',
                ediConnectorId: connectors.portal,
                partnerId: supplierPartner,
              }),
              supplier('sup_e', { kind: 'portal' }),
            ],
          },
        ],
      }),
    );
    expect([bad.status, bad.headers.get('content-type')]).toEqual([
      400,
      'application/problem+json; charset=utf-8',
    ]);
    expect(paths(bad)).toEqual([
      '/sourcing/0/suppliers/0/packMultiple',
      '/sourcing/0/suppliers/4/channel/connectorId',
      '/erpConnectorId',
      '/wmsConnectorId',
      '/sourcing/0/suppliers/1/channel/partnerId',
      '/sourcing/0/suppliers/2/channel/connectorId',
      '/sourcing/0/suppliers/3/channel/ediConnectorId',
    ]);
    const shape = await call(
      'PUT',
      '/v1/purchasing-policy',
      policyBody('le_bad', { ackTimeoutHours: 0, colour: 'blue', currency: 'usd' }),
    );
    expect([shape.status, paths(shape)?.sort()]).toEqual([400, ['/ackTimeoutHours', '/colour', '/currency']]);
    const clash = await call('PUT', '/v1/purchasing-policy?legalEntityId=le_other', policyBody('le_bad'));
    expect([clash.status, paths(clash)]).toEqual([400, ['/legalEntityId']]);
    expect((await call('GET', '/v1/purchasing-policy?legalEntityId=le_bad')).status).toBe(404);
  });
});

describe('replenishment requests', () => {
  const request = (overrides: Record<string, unknown> = {}) => ({
    legalEntityId: 'le_buyer',
    sku: 'WID-1001',
    quantity: '30',
    ...overrides,
  });
  const post = (body: unknown, key?: string, headers: Record<string, string> = {}) =>
    call('POST', '/v1/replenishment-requests', body, {
      ...(key === undefined ? {} : { 'idempotency-key': key }),
      ...headers,
    });

  it('signals the item’s replenishment workflow once per Idempotency-Key, under the policy as it is', async () => {
    const first = await post(
      request({ needBy: '2026-12-24' }),
      'req-1',
      as('support', { 'x-correlation-id': 'corr-r1' }),
    );
    const workflowId = replenishmentWorkflowId('le_buyer', 'WID-1001', 'loc_chicago');
    expect([first.status, first.body]).toEqual([202, { workflowId, signalId: 'request:req-1' }]);
    const sent = calls.filter((c) => c.op === 'signal');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.arg).toEqual({
      ...{ signalId: 'request:req-1', legalEntityId: 'le_buyer', sku: 'WID-1001', locationId: 'loc_chicago' },
      ...{ quantity: '30', needBy: '2026-12-24', reason: 'manual', requestedBy: 'support key' },
      receivedAt: (sent[0]!.arg as ReplenishmentSignal).receivedAt,
    });
    const { policy, correlationId } = sent[0]!.extra as { policy: PurchasingPolicy; correlationId: string };
    expect(correlationId).toBe('corr-r1');
    expect(policy).toEqual({ ...PURCHASING_POLICY_DEFAULTS, ...policyBody('le_buyer') });

    const replay = await post(request({ needBy: '2026-12-24' }), 'req-1', as('support'));
    expect([replay.status, replay.headers.get('idempotent-replayed'), replay.body]).toEqual([
      202,
      'true',
      first.body,
    ]);
    expect(calls.filter((c) => c.op === 'signal')).toHaveLength(1);

    const reno = await post(
      request({ sku: 'WID-2002', locationId: 'loc_reno', reason: 'reorder-point' }),
      'req-2',
    );
    expect(reno.body.workflowId).toBe(replenishmentWorkflowId('le_buyer', 'WID-2002', 'loc_reno'));
    expect((calls.at(-1)!.arg as ReplenishmentSignal).reason).toBe('reorder-point');
  });

  it('answers 422 naming what the policy cannot serve, and 400 for a malformed request', async () => {
    const before = calls.length;
    const refused = async (body: unknown, key: string) => {
      const answer = await post(body, key);
      expect(answer.status, key).toBe(422);
      expect(answer.body.type, key).toBe('/problems/replenishment-refused');
      return paths(answer);
    };
    expect(await refused(request({ legalEntityId: 'le_nobody' }), 'r-le')).toEqual(['/legalEntityId']);
    expect(await refused(request({ sku: 'WID-9999' }), 'r-sku')).toEqual(['/sku']);
    expect(await refused(request({ sku: 'WID-2002' }), 'r-sku-loc')).toEqual(['/sku']);
    expect(await refused(request({ legalEntityId: 'le_nodefault' }), 'r-loc')).toEqual(['/locationId']);
    for (const quantity of ['0', '-3', 'lots', '0.0000001'])
      expect(await refused(request({ quantity }), `r-q-${quantity}`)).toEqual(['/quantity']);
    expect(await refused(request({ quantity: '0', sku: 'WID-9999' }), 'r-both')).toEqual([
      '/quantity',
      '/sku',
    ]);

    expect(paths(await post(request(), undefined))).toEqual(['/header/Idempotency-Key']);
    const numeric = await post(request({ quantity: 30 }), 'r-num');
    expect([numeric.status, paths(numeric)]).toEqual([400, ['/quantity']]);
    const date = await post(request({ needBy: 'tomorrow' }), 'r-date');
    expect([date.status, paths(date)]).toEqual([400, ['/needBy']]);
    expect(calls.length).toBe(before);
  });
});

describe('reading purchase orders', () => {
  it('finds a PO by id, by PO number, and from its workflow before its view is stored', async () => {
    const view = await storePo('pur_read_1', { poNumber: '4500000101' });
    expect((await call('GET', '/v1/purchase-orders/pur_read_1', undefined, as('viewer'))).body).toEqual(view);
    expect((await call('GET', '/v1/purchase-orders/4500000101')).body).toEqual(view);
    expect((await call('GET', '/v1/purchase-orders/4500000101?legalEntityId=le_buyer')).body).toEqual(view);
    expect((await call('GET', '/v1/purchase-orders/4500000101?legalEntityId=le_else')).status).toBe(404);
    // By workflow id, from the store alone (no workflow answers for it).
    views.delete(view.workflowId);
    expect((await call('GET', `/v1/purchase-orders/${view.workflowId}`)).body).toEqual(view);
    views.set(view.workflowId, view);

    const unstored = samplePurchaseOrderView('pur_live_1', {
      legalEntityId: 'le_buyer',
      poNumber: '4500000102',
    });
    views.set(unstored.workflowId, unstored);
    expect((await call('GET', `/v1/purchase-orders/${unstored.workflowId}`)).body).toEqual(unstored);
    expect((await call('GET', '/v1/purchase-orders/4500000102?legalEntityId=le_buyer')).body).toEqual(
      unstored,
    );
    const missing = await call('GET', '/v1/purchase-orders/pur_nobody');
    expect([missing.status, missing.body.type]).toEqual([404, '/problems/not-found']);
    expect((await call('GET', '/v1/purchase-orders/po:le_buyer:4500009999')).status).toBe(404);
  });

  it('lists by filter in pages, and names a bad filter or cursor', async () => {
    for (const n of [1, 2, 3]) await storePo(`pur_page_${n}`, { supplierId: 'sup_pager', status: 'issued' });
    await storePo('pur_page_4', { supplierId: 'sup_pager', status: 'received' });
    const first = await call(
      'GET',
      '/v1/purchase-orders?supplierId=sup_pager&status=issued&limit=2',
      undefined,
      as('viewer'),
    );
    expect((first.body.items as PurchaseOrderView[]).map((p) => p.purchaseOrderId)).toEqual([
      'pur_page_1',
      'pur_page_2',
    ]);
    const next = await call(
      'GET',
      `/v1/purchase-orders?supplierId=sup_pager&status=issued&limit=2&cursor=${first.body.nextCursor as string}`,
    );
    expect([
      (next.body.items as PurchaseOrderView[]).map((p) => p.purchaseOrderId),
      next.body.nextCursor,
    ]).toEqual([['pur_page_3'], null]);
    const poNumber = (await purchaseOrders().get('pur_page_4'))!.poNumber;
    const byNumber = await call('GET', `/v1/purchase-orders?poNumber=${poNumber}&legalEntityId=le_buyer`);
    expect((byNumber.body.items as PurchaseOrderView[]).map((p) => p.purchaseOrderId)).toEqual([
      'pur_page_4',
    ]);
    expect(paths(await call('GET', '/v1/purchase-orders?status=lost'))).toEqual(['/query/status']);
    expect(paths(await call('GET', '/v1/purchase-orders?cursor=bm90LW91cnM'))).toEqual(['/query/cursor']);
    expect(paths(await call('GET', '/v1/purchase-orders?limit=0'))).toEqual(['/query/limit']);
  });
});

describe('acting on purchase orders', () => {
  it('passes a proposal decision with the caller as decider, answering a refusal with 409', async () => {
    const view = await storePo('pur_approve', { status: 'pending-approval' });
    const body = { decision: 'approve', reason: 'within budget' };
    const approved = await call('POST', '/v1/purchase-orders/pur_approve/decision', body, as('support'));
    expect([approved.status, approved.body.status]).toEqual([200, 'issued']);
    expect(calls.at(-1)).toEqual({
      op: 'decideProposal',
      workflowId: view.workflowId,
      arg: { decision: 'approve', reason: 'within budget', by: 'support key' },
    });
    await storePo('pur_approve', { status: 'issued', version: 2 });
    const refused = await call('POST', '/v1/purchase-orders/pur_approve/decision', body);
    expect([refused.status, refused.body.type, refused.body.detail]).toEqual([
      409,
      '/problems/purchase-order-refused',
      'the PO is not waiting for approval',
    ]);
    expect(
      paths(await call('POST', '/v1/purchase-orders/pur_approve/decision', { ...body, reason: ' ' })),
    ).toEqual(['/reason']);
    expect(
      paths(await call('POST', '/v1/purchase-orders/pur_approve/decision', { ...body, decision: 'maybe' })),
    ).toEqual(['/decision']);
    expect((await call('POST', '/v1/purchase-orders/pur_gone/decision', body)).status).toBe(404);
  });

  it('resolves exceptions and decides held invoices, naming the exception and invoice from the path', async () => {
    const view = await storePo('pur_exc', {
      status: 'partially-received',
      exceptions: [
        {
          ...{
            exceptionId: 'exc_short_1',
            kind: 'short-receipt',
            lineNumber: 1,
            expected: '12',
            actual: '10',
          },
          ...{
            message: 'short by 2',
            owner: 'purchasing',
            status: 'open',
            openedAt: '2025-04-02T10:00:00.000Z',
          },
        },
      ],
      invoices: [
        {
          ...{ invoiceId: 'inv_1', invoiceNumber: 'INV-1', status: 'held', total: '51.00', currency: 'USD' },
          differences: [{ lineNumber: 1, field: 'quantity', expected: '10', actual: '12' }],
        },
      ],
    });
    const resolution = { action: 'request-credit', reason: 'bill what came' };
    const resolved = await call(
      'POST',
      '/v1/purchase-orders/pur_exc/exceptions/exc_short_1/resolution',
      resolution,
    );
    expect(resolved.status).toBe(200);
    expect(calls.at(-1)?.arg).toEqual({
      exceptionId: 'exc_short_1',
      ...resolution,
      by: 'bootstrap admin key',
    });
    const unknown = await call(
      'POST',
      '/v1/purchase-orders/pur_exc/exceptions/exc_nope/resolution',
      resolution,
    );
    expect([unknown.status, unknown.body.detail]).toEqual([409, 'no open exception exc_nope']);
    const badAction = await call('POST', '/v1/purchase-orders/pur_exc/exceptions/exc_short_1/resolution', {
      ...resolution,
      action: 'shrug',
    });
    expect(paths(badAction)).toEqual(['/action']);

    const billed = await call(
      'POST',
      `/v1/purchase-orders/${view.workflowId}/invoices/inv_1/decision`,
      { decision: 'approve', reason: 'credit requested' },
      as('support'),
    );
    expect(billed.status).toBe(200);
    expect(calls.at(-1)).toMatchObject({
      op: 'decideInvoice',
      arg: { invoiceId: 'inv_1', by: 'support key' },
    });
    const notHeld = await call('POST', '/v1/purchase-orders/pur_exc/invoices/inv_9/decision', {
      decision: 'reject',
      reason: 'x',
    });
    expect([notHeld.status, notHeld.body.detail]).toEqual([409, 'invoice inv_9 is not held']);
  });

  it('short-closes and cancels, refusing a cancel once the supplier has shipped', async () => {
    await storePo('pur_close', { status: 'partially-received' });
    const closed = await call('POST', '/v1/purchase-orders/pur_close/short-close', {
      reason: 'rest not needed',
    });
    expect([closed.status, closed.body.status]).toEqual([200, 'short-closed']);
    expect(calls.at(-1)?.arg).toEqual({ by: 'bootstrap admin key', reason: 'rest not needed' });
    await storePo('pur_open', { status: 'issued' });
    const cancelled = await call('POST', '/v1/purchase-orders/pur_open/cancel', { reason: 'duplicate' });
    expect([cancelled.status, cancelled.body.status]).toEqual([200, 'cancelled']);
    await storePo('pur_shipped', {
      status: 'shipped',
      shipments: [{ asnId: 'asn_1', asnNumber: 'ASN-1', lines: [{ lineNumber: 1, quantity: '12' }] }],
    });
    const late = await call('POST', '/v1/purchase-orders/pur_shipped/cancel', { reason: 'too late' });
    expect([late.status, late.body.detail]).toEqual([409, 'the supplier has shipped']);
    expect(paths(await call('POST', '/v1/purchase-orders/pur_open/cancel', {}))).toEqual(['/reason']);
  });
});

describe('who may call the purchasing routes', () => {
  it('lets each role call exactly the routes it is allowed, and no one without a key', async () => {
    await storePo('pur_roles', { status: 'pending-approval' });
    const decision = { decision: 'approve', reason: 'ok' };
    const routes: [string, string, unknown, Role[]][] = [
      ['GET', '/v1/purchasing-policy?legalEntityId=le_buyer', undefined, ['admin', 'support', 'viewer']],
      ['PUT', '/v1/purchasing-policy', policyBody('le_roles'), ['admin']],
      [
        'POST',
        '/v1/replenishment-requests',
        { legalEntityId: 'le_buyer', sku: 'WID-1001', quantity: '1' },
        ['admin', 'system', 'support'],
      ],
      ['GET', '/v1/purchase-orders', undefined, ['admin', 'system', 'support', 'viewer']],
      ['GET', '/v1/purchase-orders/pur_roles', undefined, ['admin', 'system', 'support', 'viewer']],
      ['POST', '/v1/purchase-orders/pur_roles/decision', decision, ['admin', 'support']],
      [
        'POST',
        '/v1/purchase-orders/pur_roles/exceptions/exc_1/resolution',
        { action: 'accept', reason: 'ok' },
        ['admin', 'support'],
      ],
      ['POST', '/v1/purchase-orders/pur_roles/invoices/inv_1/decision', decision, ['admin', 'support']],
      ['POST', '/v1/purchase-orders/pur_roles/short-close', { reason: 'ok' }, ['admin', 'support']],
      ['POST', '/v1/purchase-orders/pur_roles/cancel', { reason: 'ok' }, ['admin', 'support']],
    ];
    for (const [method, path, body, allowed] of routes) {
      for (const role of ['admin', 'system', 'support', 'viewer'] as const) {
        const headers = as(role, { 'idempotency-key': `roles-${role}-${method}-${path}`.slice(0, 200) });
        const answer = await call(method, path, body, headers);
        const label = `${role} ${method} ${path}`;
        if (allowed.includes(role)) expect([401, 403], label).not.toContain(answer.status);
        else expect([answer.status, answer.body.type], label).toEqual([403, '/problems/forbidden']);
      }
      expect((await call(method, path, body, { authorization: '' })).status, `${method} ${path}`).toBe(401);
    }
  });
});

describe('the contract', () => {
  it('answered every request above with a response the contract describes', () => {
    expect(logged).toEqual([]);
  });
});
