/**
 * Movements reach the ERP as inventory adjustments, end to end on the real stack: a movement topic of the run's own
 * on Kafka, the ERP intake under runConsumer, the real NetSuite connector against the NetSuite simulator started in
 * process, the count policy, reviews, cross-references and dead letters in FerretDB, and the count approval
 * workflow on the Temporal test server with the real cycle-count activities. What a user would see: the ERP's
 * adjustments (one per movement, however often it is delivered), on hand at the ERP location, and the audit.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { fileURLToPath } from 'node:url';
import Kafka from 'node-rdkafka';
import type { Db, MongoClient } from 'mongodb';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import proto from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../activities';
import { withFailureTranslation } from '../activities/failure';
import { createInventoryActivities } from '../activities/inventory/count-activities';
import { createCrossReferenceStore } from '../canonical-model/cross-reference';
import type { InventoryMovement } from '../canonical-model/generated/index';
import { createCanonicalValidator } from '../canonical-model/validate';
import { validateConnectorConfig } from '../connectors/config';
import { getConnectorType, listConnectorTypes } from '../connectors/registry';
import type { ConnectorKind } from '../connectors/sdk/types';
import { createLogger } from '../monitoring/logger';
import { createMetrics } from '../monitoring/metrics';
import { loadConfig } from '../platform/config';
import { createConnectorRuntime } from '../platform/connector-runtime';
import type { ConnectorStore, ConnectorTypeLookup } from '../platform/connector-store-types';
import { createDeadLetterStore } from '../platform/dead-letters';
import type { DeadLetterStore } from '../platform/dead-letters';
import { createCountPolicyStore } from '../platform/inventory/count-policy-store';
import { createCountReviewStore } from '../platform/inventory/count-review-store';
import type { CountReview, CountReviewStore } from '../platform/inventory/count-review-types';
import { createTemporalCountWorkflows } from '../platform/inventory/count-workflows';
import type { CountWorkflows } from '../platform/inventory/count-workflows';
import { connectProducer, ensureTopics, runConsumer } from '../platform/kafka';
import type { EventProducer, RunningConsumer } from '../platform/kafka';
import { TOPICS } from '../platform/kafka-topics';
import { SIMULATED_CONNECTORS } from '../simulators/connector-configs';
import { createNetSuiteSimulator } from '../simulators/netsuite';
import { openTestDatabase } from '../test/support/database';
import { writeFormatted, withoutActivityInputs } from '../test/support/history-files';
import { historyToJson } from '../test/support/history-json';
import { eventually } from '../test/support/processes';
import { startTestServer } from '../test/support/time-skipping';
import { movementKey } from '../inventory/movement-key';
import { rejectCountSignal } from '../workflows/inventory-count/messages';
import { countApprovalWorkflowId } from '../workflows/inventory-count/types';
import { SEARCH_ATTRIBUTES } from '../workflows/search-attributes';
import { errorHandler } from '../api/middleware/errors';
import { inventoryCountHandlers } from '../api/routes/inventory-counts';
import { handleInventoryErpPosting } from './inventory-erp';

const config = loadConfig();
const logger = createLogger('test', (process.env.TEST_LOG_LEVEL ?? 'silent') as 'silent');
const suffix = randomUUID().slice(0, 8);
const ERP = `con_inverp_ns_${suffix}`;
const WMS = `con_inverp_wms_${suffix}`;
const LEGAL_ENTITY = 'le_acme_us';
const LOCATION = `loc_inverp_chi_${suffix}`;
/** A second legal entity whose policy allows 100 units but only 5 USD. */
const VALUE_ENTITY = 'le_acme_value';
/** NetSuite's seeded WID-1001 at Chicago (location 1): 3 on hand at an average cost of 1.1. */
const SKU = 'WID-1001';
const NS_ITEM = '4711';
const movementTopic = `test.inventory-erp.${suffix}`;
const dlqTopic = `test.inventory-erp.dlq.${suffix}`;

type NsAdjustment = {
  id: string;
  externalId?: string;
  memo?: string;
  inventory: { items: { adjustQtyBy: number | string }[] };
};

let seq = 0;
function movement(
  type: InventoryMovement['type'],
  direction: InventoryMovement['direction'],
  quantity: string,
  extra: Partial<InventoryMovement> = {},
): InventoryMovement {
  seq += 1;
  const change = `chg-${suffix}-${seq}`;
  const itemId = `${WMS}:item:${SKU}`;
  return {
    schemaVersion: '1',
    documentType: 'inventory-movement',
    id: `${WMS}:inventory-movement:${change}`,
    legalEntityId: LEGAL_ENTITY,
    source: { connectorId: WMS, system: 'shiphero', externalId: change },
    type,
    direction,
    itemId,
    item: { itemId, identifiers: [{ qualifier: 'SKU', value: SKU }] },
    locationId: LOCATION,
    quantity: { value: quantity, uom: 'EA' },
    occurredAt: new Date(Date.UTC(2026, 0, 5, 8, 0, seq)).toISOString(),
    ...extra,
  };
}

/** A count of `counted` where the WMS had `previous`. */
function count(previous: number, counted: number, extra: Partial<InventoryMovement> = {}): InventoryMovement {
  const difference = counted - previous;
  return movement('count', difference < 0 ? 'out' : 'in', String(Math.abs(difference)), {
    countedQuantity: { value: String(counted), uom: 'EA' },
    reasonCode: 'CYCLE_COUNT',
    ...extra,
  });
}

function deleteTopics(topics: string[]): Promise<void> {
  const admin = Kafka.AdminClient.create({
    'client.id': `${config.kafka.clientId}-test-admin`,
    'metadata.broker.list': config.kafka.brokers,
  });
  return Promise.all(
    topics.map((t) => new Promise<void>((resolve) => admin.deleteTopic(t, 10_000, () => resolve()))),
  ).then(() => admin.disconnect());
}

describe('inventory movements → ERP inventory adjustments (Kafka, NetSuite simulator, Temporal)', () => {
  const netsuite = createNetSuiteSimulator();
  let client: MongoClient;
  let db: Db;
  let producer: EventProducer;
  let deadLetters: DeadLetterStore;
  let reviews: CountReviewStore;
  let env: TestWorkflowEnvironment;
  let worker: { shutdown(): void };
  let running: Promise<void>;
  let workflows: CountWorkflows;
  let consumer: RunningConsumer;
  const handled = { count: 0 };

  const adjustments = () => netsuite.store.collection<NsAdjustment>('inventoryAdjustment').all();
  const adjustmentsOf = (movementId: string) => adjustments().filter((a) => a.externalId === movementId);
  const onHandAtChicago = (): string => {
    const item = netsuite.store
      .collection<{
        id: string;
        locations: { items: { location: { id: string }; quantityOnHand: unknown }[] };
      }>('inventoryItem')
      .get(NS_ITEM);
    return String(item?.locations.items.find((l) => l.location.id === '1')?.quantityOnHand);
  };

  /** Publishes the movements (each `times` times) and waits until the intake has handled every message. */
  async function deliver(movements: InventoryMovement[], times = 1): Promise<void> {
    const target = handled.count + movements.length * times;
    for (let t = 0; t < times; t++) {
      for (const m of movements) {
        await producer.send(
          movementTopic,
          movementKey({ sku: SKU, locationId: m.locationId }),
          Buffer.from(JSON.stringify(m)),
          { 'correlation-id': `corr-${m.id}` },
        );
      }
    }
    await eventually(
      `${target} messages handled`,
      () => (handled.count >= target ? true : undefined),
      60_000,
    );
  }

  const reviewOf = (id: string) =>
    eventually(`review of ${id}`, async () => (await reviews.get(id)) ?? undefined, 30_000);
  const reviewWhen = (id: string, done: (r: CountReview) => boolean) =>
    eventually(
      `review of ${id} decided`,
      async () => {
        const r = await reviews.get(id);
        return r && done(r) ? r : undefined;
      },
      30_000,
    );

  beforeAll(async () => {
    ({ client, db } = await openTestDatabase('hub_inventory_erp'));
    const netsuiteUrl = await netsuite.start(0);
    // As the connector store keeps it: validated, with the schema's defaults (currency) filled in.
    const checked = validateConnectorConfig(
      getConnectorType('netsuite-erp')!,
      SIMULATED_CONNECTORS.find((c) => c.type === 'netsuite-erp')!.config(
        netsuiteUrl,
        'whsec-inverp',
        LEGAL_ENTITY,
      ),
    );
    if (!checked.valid) throw new Error(`NetSuite config: ${JSON.stringify(checked.errors)}`);
    const nsConfig = checked.value;
    const known: Record<string, { type: string; kind: ConnectorKind }> = {
      [ERP]: { type: 'netsuite-erp', kind: 'erp' },
    };
    const connectors = {
      getDecryptedConfig: (id: string) =>
        known[id]
          ? Promise.resolve({ id, name: id, ...known[id], status: 'active', revision: 1, config: nsConfig })
          : Promise.reject(new Error(`no connector ${id}`)),
    } as unknown as ConnectorStore;
    const registry: ConnectorTypeLookup = { getConnectorType, listConnectorTypes };
    const crossReferences = createCrossReferenceStore(db);
    deadLetters = createDeadLetterStore(db);
    reviews = createCountReviewStore(db);
    const policies = createCountPolicyStore(db);
    await Promise.all([
      crossReferences.ensureIndexes(),
      deadLetters.ensureIndexes(),
      reviews.ensureIndexes(),
      policies.ensureIndexes(),
    ]);
    await crossReferences.link({ connectorId: ERP, objectType: 'location', externalId: '1' }, LOCATION);
    await policies.put({
      legalEntityId: VALUE_ENTITY,
      erpConnectorId: ERP,
      approvalThresholdUnits: '100',
      approvalThresholdValue: '5',
    });
    await policies.put({
      legalEntityId: LEGAL_ENTITY,
      erpConnectorId: ERP,
      approvalThresholdUnits: '10',
      approvalThresholdValue: '500',
      currency: 'USD',
    });
    const runtime = createConnectorRuntime({ connectors, registry, crossReferences, logger });

    await ensureTopics(config.kafka, [
      { ...TOPICS.inventoryMovements, name: movementTopic },
      { ...TOPICS.inventoryMovementsDlq, name: dlqTopic },
    ]);
    producer = await connectProducer(config.kafka, `test-inventory-erp-${suffix}`);

    env = await startTestServer();
    // The approval is started with the hub's search attributes, which the server must know (stack.sh registers
    // them on the dev server).
    await env.connection.operatorService.addSearchAttributes({
      namespace: env.namespace ?? 'default',
      searchAttributes: Object.fromEntries(
        Object.values(SEARCH_ATTRIBUTES).map((k) => [
          k.name,
          proto.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
        ]),
      ),
    });
    const taskQueue = `inventory-count-test-${suffix}`;
    const activities = withFailureTranslation(
      {
        ...createActivities({ db, producer, deadLetters, logger }),
        ...createInventoryActivities({ runtime, countReviews: reviews, logger }),
      },
      createMetrics('worker'),
    );
    const w = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath: fileURLToPath(new URL('../workflows/index.ts', import.meta.url)),
      activities,
    });
    worker = w;
    running = w.run();
    workflows = createTemporalCountWorkflows(env.client, taskQueue);

    const handle = handleInventoryErpPosting({
      runtime,
      validator: createCanonicalValidator(),
      countPolicies: policies,
      countReviews: reviews,
      countWorkflows: workflows,
      knowsConnector: (id) => Promise.resolve(id === WMS),
      deadLetters,
      producer,
      dlqTopic,
      logger,
    });
    consumer = await runConsumer({
      kafka: config.kafka,
      groupId: `hub-inventory-erp.${db.databaseName}`,
      topics: [movementTopic],
      handle: async (m) => {
        await handle(m);
        handled.count += 1;
      },
      logger,
      retryDelayMs: 200,
    });
  }, 120_000);

  afterAll(async () => {
    await consumer?.stop();
    worker?.shutdown();
    await running?.catch(() => undefined);
    await env?.teardown();
    await producer?.close();
    await deleteTopics([movementTopic, dlqTopic]);
    await netsuite.stop();
    await db?.dropDatabase();
    await client?.close();
  }, 60_000);

  it('an adjustment delivered twice is posted once, and moves the ERP on hand by its quantity once', async () => {
    const before = onHandAtChicago();
    const shrink = movement('adjustment', 'out', '2', { reasonCode: 'DAMAGE', reason: 'forklift' });
    await deliver([shrink], 2);
    const posted = adjustmentsOf(shrink.id);
    expect(posted).toHaveLength(1);
    expect(Number(String(posted[0]!.inventory.items[0]!.adjustQtyBy))).toBe(-2);
    expect(posted[0]!.memo).toContain('forklift');
    expect(Number(onHandAtChicago())).toBe(Number(before) - 2);
  });

  it('a transfer out is a negative adjustment at its location, a transfer in a positive one', async () => {
    const out = movement('transfer', 'out', '1', { counterpartLocationId: 'loc_reno' });
    const into = movement('transfer', 'in', '4', { counterpartLocationId: 'loc_reno' });
    await deliver([out, into]);
    expect(adjustmentsOf(out.id).map((a) => Number(String(a.inventory.items[0]!.adjustQtyBy)))).toEqual([-1]);
    expect(adjustmentsOf(into.id).map((a) => Number(String(a.inventory.items[0]!.adjustQtyBy)))).toEqual([4]);
    expect(adjustmentsOf(out.id)[0]!.memo).toContain('transfer out to loc_reno');
  });

  it('picks, receipts, returns, holds and releases never reach the ERP from here', async () => {
    const before = adjustments().length;
    const others = [
      movement('pick', 'out', '1'),
      movement('receipt', 'in', '5'),
      movement('return', 'in', '1'),
      movement('hold', 'in', '1'),
      movement('release', 'out', '1'),
    ];
    await deliver(others);
    expect(adjustments()).toHaveLength(before);
    for (const m of others) expect(await reviews.get(m.id)).toBeUndefined();
  });

  it('a small count is posted at once and audited auto-posted with its variance in units and value', async () => {
    const small = count(3, 5); // +2 EA × 1.1 = 2.2 USD: within 10 EA and 500 USD
    const exact = count(7, 7);
    await deliver([small, exact], 2);
    expect(await reviewOf(exact.id)).toMatchObject({ status: 'no-variance', varianceUnits: '0' });
    expect(adjustmentsOf(exact.id)).toHaveLength(0);
    const review = await reviewOf(small.id);
    const posted = adjustmentsOf(small.id);
    expect(posted).toHaveLength(1);
    expect(Number(String(posted[0]!.inventory.items[0]!.adjustQtyBy))).toBe(2);
    expect(review).toMatchObject({
      status: 'auto-posted',
      sku: SKU,
      locationId: LOCATION,
      legalEntityId: LEGAL_ENTITY,
      previousQuantity: '3',
      countedQuantity: '5',
      varianceUnits: '2',
      varianceValue: '2.2',
      unitCost: { amount: '1.1', currency: 'USD', source: 'erp-valuation' },
      erp: { connectorId: ERP, externalId: posted[0]!.id },
      reviewReasons: [],
    });
  });

  it('a large count waits for approval without touching the ERP, then posts once with the approver in the memo', async () => {
    const large = count(40, 15); // −25 EA: above the 10 EA threshold
    await deliver([large], 2);
    const pending = await reviewOf(large.id);
    expect(pending).toMatchObject({ status: 'pending', varianceUnits: '-25', previousQuantity: '40' });
    expect(pending.reviewReasons.join(' ')).toContain('above the 10 EA threshold');
    expect(adjustmentsOf(large.id)).toHaveLength(0);
    expect((await reviews.list({ status: 'pending' })).items.map((r) => r.id)).toContain(large.id);

    const view = await workflows.decide(large.id, {
      decision: 'approve',
      by: 'alice@acme',
      reason: 'recounted twice',
    });
    expect(view).toMatchObject({ status: 'approved', decidedBy: 'alice@acme' });
    const approved = await reviewWhen(large.id, (r) => r.erp.externalId !== undefined);
    const posted = adjustmentsOf(large.id);
    expect(posted).toHaveLength(1);
    expect(Number(String(posted[0]!.inventory.items[0]!.adjustQtyBy))).toBe(-25);
    expect(posted[0]!.memo).toContain('approved by alice@acme');
    expect(approved).toMatchObject({
      status: 'approved',
      decidedBy: 'alice@acme',
      decisionReason: 'recounted twice',
      erp: { externalId: posted[0]!.id },
    });
    // Decided: a second decision is refused; a redelivery of the count starts nothing and posts nothing.
    await expect(
      workflows.decide(large.id, { decision: 'reject', by: 'bob', reason: 'late' }),
    ).rejects.toMatchObject({ kind: 'data' });
    const handle = env.client.workflow.getHandle(countApprovalWorkflowId(large.id));
    expect(await handle.result()).toMatchObject({ status: 'posted', erpExternalId: posted[0]!.id });
    await recordHistory('approved-posted', handle);
    await deliver([large]);
    expect(adjustmentsOf(large.id)).toHaveLength(1);
    expect(await workflows.start({ ...pendingInput(pending), erpConnectorId: ERP })).toMatchObject({
      outcome: 'closed',
    });
  });

  it('a count within the units threshold but above the value threshold waits for approval', async () => {
    const pricey = count(3, 11, { legalEntityId: VALUE_ENTITY }); // +8 EA × 1.1 = 8.8 USD > 5 USD
    await deliver([pricey]);
    const review = await reviewOf(pricey.id);
    expect(review).toMatchObject({
      status: 'pending',
      legalEntityId: VALUE_ENTITY,
      varianceUnits: '8',
      varianceValue: '8.8',
      thresholds: { units: '100', value: '5', currency: 'USD' },
    });
    expect(review.reviewReasons).toEqual([
      expect.stringContaining('worth 8.8 USD, above the 5 USD threshold'),
    ]);
    expect(adjustmentsOf(pricey.id)).toHaveLength(0);
  });

  it('an ERP that fails for a while delays the posting and never doubles it', async () => {
    netsuite.faults.change({ failNext: [{ status: 503, count: 4, pathIncludes: 'inventoryAdjustment' }] });
    const before = netsuite.faults.injected.scripted;
    const found = movement('adjustment', 'in', '6', { reasonCode: 'FOUND' });
    await deliver([found]);
    expect(netsuite.faults.injected.scripted - before).toBe(4);
    expect(adjustmentsOf(found.id)).toHaveLength(1);
  });

  it('the API lists pending counts, approves one as the caller, and refuses a second decision with 409', async () => {
    const app = express();
    app.use(express.json());
    app.use((_req, res, next) => {
      res.locals.principal = { keyId: 'key_test', name: 'dana@acme', role: 'support' };
      next();
    });
    const handlers = inventoryCountHandlers({
      countReviews: reviews,
      countWorkflows: workflows,
      countPolicies: createCountPolicyStore(db),
    });
    app.get('/v1/inventory-count-policy', handlers.getCountPolicy!);
    app.put('/v1/inventory-count-policy', handlers.putCountPolicy!);
    app.get('/v1/inventory-counts', handlers.listInventoryCounts!);
    app.get('/v1/inventory-counts/:id', handlers.getInventoryCount!);
    app.post('/v1/inventory-counts/:id/approve', handlers.approveInventoryCount!);
    app.post('/v1/inventory-counts/:id/reject', handlers.rejectInventoryCount!);
    app.use(errorHandler(logger));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/inventory-counts`;
    const post = (path: string, body: unknown) =>
      fetch(`${base}/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    try {
      const large = count(1, 20); // +19 EA
      await deliver([large]);
      await reviewOf(large.id);
      const id = encodeURIComponent(large.id);
      const listed = (await (await fetch(`${base}?status=pending`)).json()) as { items: CountReview[] };
      expect(listed.items.map((r) => r.id)).toContain(large.id);
      expect(listed.items.every((r) => r.status === 'pending')).toBe(true);
      const badStatus = await fetch(`${base}?status=maybe`);
      expect(badStatus.status).toBe(400);
      expect(((await badStatus.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('/status');
      expect((await fetch(`${base}/nope`)).status).toBe(404);

      const policyUrl = base.replace('/inventory-counts', '/inventory-count-policy');
      const badPolicy = await fetch(`${policyUrl}?legalEntityId=${VALUE_ENTITY}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ approvalThresholdUnits: 'many' }),
      });
      expect(badPolicy.status).toBe(400);
      expect(((await badPolicy.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe(
        '/approvalThresholdUnits',
      );
      expect(await (await fetch(`${policyUrl}?legalEntityId=le_unknown`)).json()).toMatchObject({
        approvalThresholdUnits: '10',
        approvalThresholdValue: '500',
      });

      const noReason = await post(`${id}/approve`, {});
      expect(noReason.status).toBe(400);
      expect(((await noReason.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('/reason');
      expect(adjustmentsOf(large.id)).toHaveLength(0);

      const approved = await post(`${id}/approve`, { reason: 'matches the bin label' });
      expect(approved.status).toBe(200);
      expect(await approved.json()).toMatchObject({ status: 'approved', decidedBy: 'dana@acme' });
      await reviewWhen(large.id, (r) => r.erp.externalId !== undefined);
      expect(adjustmentsOf(large.id)).toHaveLength(1);
      expect(adjustmentsOf(large.id)[0]!.memo).toContain('approved by dana@acme');

      const again = await post(`${id}/reject`, { reason: 'changed my mind' });
      expect(again.status).toBe(409);
      expect(await again.json()).toMatchObject({ type: '/problems/count-decided', countStatus: 'approved' });
      expect(adjustmentsOf(large.id)).toHaveLength(1);
      const got = (await (await fetch(`${base}/${id}`)).json()) as CountReview;
      expect(got).toMatchObject({ status: 'approved', decisionReason: 'matches the bin label' });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('a rejected count leaves the ERP as it was and its review says so', async () => {
    const before = onHandAtChicago();
    const large = count(2, 30); // +28 EA
    await deliver([large]);
    await reviewOf(large.id);
    await env.client.workflow
      .getHandle(countApprovalWorkflowId(large.id))
      .signal(rejectCountSignal, { by: 'carol', reason: 'scanner double-counted' });
    const rejected = await reviewWhen(large.id, (r) => r.status === 'rejected');
    expect(rejected).toMatchObject({ decidedBy: 'carol', decisionReason: 'scanner double-counted' });
    expect(rejected.note).toContain('ERP stays as it was');
    expect(rejected.erp.externalId).toBeUndefined();
    expect(adjustmentsOf(large.id)).toHaveLength(0);
    expect(onHandAtChicago()).toBe(before);
    const handle = env.client.workflow.getHandle(countApprovalWorkflowId(large.id));
    expect(await handle.result()).toMatchObject({ status: 'rejected', decidedBy: 'carol' });
    await recordHistory('rejected', handle);
  });

  it('a movement that cannot be posted is parked with its bytes and the partition moves on', async () => {
    const unknownSku = movement('adjustment', 'in', '1', {
      item: { itemId: 'x', identifiers: [{ qualifier: 'SKU', value: `NOPE-${suffix}` }] },
    });
    const noQuantity = { ...movement('adjustment', 'in', '1'), quantity: { value: 2, uom: 'EA' } };
    const after = movement('adjustment', 'in', '3');
    const target = handled.count + 4;
    await producer.send(movementTopic, `${SKU}@${LOCATION}`, Buffer.from('{not json'));
    for (const m of [unknownSku, noQuantity, after])
      await producer.send(movementTopic, `${SKU}@${LOCATION}`, Buffer.from(JSON.stringify(m)));
    await eventually('all four handled', () => (handled.count >= target ? true : undefined), 60_000);
    expect(adjustmentsOf(after.id)).toHaveLength(1);
    expect(adjustmentsOf(unknownSku.id)).toHaveLength(0);
    const { items } = await deadLetters.list({ flow: 'inventory-sync' });
    const parked = items.filter((d) => d.step === 'erp-posting');
    expect(parked).toHaveLength(3);
    const byMovement = new Map(parked.map((d) => [d.businessKeys.movementId, d]));
    expect(byMovement.get(unknownSku.id)?.error).toMatchObject({ kind: 'data' });
    expect(byMovement.get(unknownSku.id)?.error.fieldErrors?.map((f) => f.path)).toContain('/sku');
    expect(byMovement.get(noQuantity.id)?.error.fieldErrors?.map((f) => f.path)).toContain('/quantity/value');
    expect(parked.some((d) => (d.payload as { valueText: string }).valueText === '{not json')).toBe(true);
  });
});

/**
 * With RECORD_COUNT_HISTORIES=1, writes the finished run's history to workflows/inventory-count/histories/ for
 * the replay test (see its README); a normal run writes nothing.
 */
async function recordHistory(name: string, handle: WorkflowHandle): Promise<void> {
  if (process.env.RECORD_COUNT_HISTORIES !== '1') return;
  const file = fileURLToPath(new URL(`../workflows/inventory-count/histories/${name}.json`, import.meta.url));
  const json = historyToJson(withoutActivityInputs(await handle.fetchHistory()));
  await writeFormatted(file, JSON.stringify(JSON.parse(json)), 'json');
}

/** The start input of a review (for the redelivery check). */
function pendingInput(review: CountReview) {
  return {
    review,
    adjustment: {
      id: review.id,
      legalEntityId: review.legalEntityId,
      sku: review.sku,
      locationId: review.locationId,
      quantityDelta: review.varianceUnits,
      occurredAt: review.occurredAt,
      reasonCode: 'count',
    },
    correlationId: 'test',
  };
}
