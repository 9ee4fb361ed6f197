import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../test/support/database';
import type { MongoClient } from 'mongodb';
import type { Db } from 'mongodb';
import { COLLECTIONS } from './collections';
import { createDeadLetterStore } from './dead-letters';
import { isConflictError, isNotFoundError } from './store-errors';
import type { DeadLetterStore, RecordDeadLetterInput } from './dead-letters';
import { isHubError } from './errors';
import { jsonDiff } from './json-diff';
import { createMetrics, registerDeadLetterGauge } from '../monitoring/metrics';

// Runs against a real MongoDB-wire server (FerretDB in the local stack), in a database of its own.
let client: MongoClient;
let db: Db;
let store: DeadLetterStore;

beforeAll(async () => {
  ({ client, db } = await openTestDatabase('hub_dlq'));
  store = createDeadLetterStore(db);
  await store.ensureIndexes();
  await store.ensureIndexes(); // idempotent
});

afterAll(async () => {
  await db?.dropDatabase();
  await client?.close();
});

let seq = 0;
function failure(overrides: Partial<RecordDeadLetterInput> = {}): RecordDeadLetterInput {
  seq += 1;
  return {
    flow: 'order-to-cash',
    step: 'createSalesOrder',
    connectorId: 'erp-main',
    businessKeys: { orderNumber: `SO-${seq}`, customerPo: `PO-${seq}` },
    correlationId: `corr-${seq}`,
    workflowId: `wf-${randomUUID()}`,
    runId: `run-${seq}`,
    activityType: 'createSalesOrder',
    payload: { orderNumber: `SO-${seq}`, lines: [{ sku: 'A-1', qty: 2 }] },
    error: { kind: 'data', type: 'hub.data', message: 'unknown SKU A-1', upstreamStatus: 422 },
    attempts: 1,
    failureId: `failure-${seq}`,
    ...overrides,
  };
}

describe('dead-letter store', () => {
  it('records a failure with everything needed to act on it', async () => {
    const input = failure({
      error: {
        kind: 'data',
        type: 'hub.data',
        message: 'rejected',
        upstreamBodyExcerpt: 'x'.repeat(5_000),
        fieldErrors: Array.from({ length: 80 }, (_, i) => ({
          path: `/lines/${i}/sku`,
          message: 'unknown SKU',
        })),
      },
    });
    const record = await store.record(input);
    expect(record._id).toMatch(/^dlq_[0-9a-f]{24}$/);
    const stored = await store.get(record._id);
    expect(stored).toEqual(record);
    expect(stored).toMatchObject({
      status: 'open',
      flow: 'order-to-cash',
      step: 'createSalesOrder',
      connectorId: 'erp-main',
      businessKeys: input.businessKeys,
      correlationId: input.correlationId,
      workflowId: input.workflowId,
      runId: input.runId,
      activityType: 'createSalesOrder',
      payload: input.payload,
      attempts: 1,
      error: { kind: 'data', type: 'hub.data', message: 'rejected' },
    });
    expect(stored.error.upstreamBodyExcerpt).toHaveLength(2048);
    expect(stored.error.fieldErrors).toHaveLength(50);
    expect(stored.error.fieldErrors?.[0]).toEqual({ path: '/lines/0/sku', message: 'unknown SKU' });
    expect(stored.history).toMatchObject([{ action: 'failed', attempts: 1, error: { kind: 'data' } }]);
    expect(stored.createdAt).toBeInstanceOf(Date);
    expect(Object.keys(stored)).not.toContain('openKey');
  });

  it('appends a repeated failure of a still-open step to its record, and ignores the same failure twice', async () => {
    const first = await store.record(failure());
    const again = failure({
      workflowId: first.workflowId,
      step: first.step,
      attempts: 3,
      error: { kind: 'transient', type: 'hub.transient', message: 'timed out' },
      replayedBy: 'ops@example.com',
    });
    const second = await store.record(again);
    expect(second._id).toBe(first._id);
    expect(second.attempts).toBe(4);
    expect(second.error.message).toBe('timed out');
    expect(second.history.map((h) => h.action)).toEqual(['failed', 'replayed', 'failed']);
    expect(second.history[1]?.by).toBe('ops@example.com');

    // The activity that records it may be retried: the same failure id changes nothing.
    const retried = await store.record(again);
    expect(retried.history).toHaveLength(3);
    expect(retried.attempts).toBe(4);
    expect(
      await db.collection(COLLECTIONS.deadLetters).countDocuments({ workflowId: first.workflowId }),
    ).toBe(1);
  });

  it('keeps one open record per workflow step when failures are recorded concurrently', async () => {
    const workflowId = `wf-${randomUUID()}`;
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        store.record(failure({ workflowId, failureId: `concurrent-${i}` })),
      ),
    );
    expect(new Set(results.map((r) => r._id)).size).toBe(1);
    const record = await store.get(results[0]!._id);
    expect(record.history.filter((h) => h.action === 'failed')).toHaveLength(6);
  });

  it('replays, resolves and then opens a new record for a later failure of the same step', async () => {
    const record = await store.record(failure());
    const replaying = await store.requestReplay(record._id, 'ops@example.com');
    expect(replaying.status).toBe('replaying');
    expect(replaying.history.at(-1)).toMatchObject({ action: 'replay-requested', by: 'ops@example.com' });
    // Asking again (the first signal may have been lost) is allowed and noted.
    expect((await store.requestReplay(record._id, 'ops@example.com')).history).toHaveLength(3);

    const resolved = await store.markResolved(record.workflowId, record.step, {
      replayedBy: 'ops@example.com',
    });
    expect(resolved?.status).toBe('resolved');
    expect(resolved?.history.map((h) => h.action)).toEqual([
      'failed',
      'replay-requested',
      'replay-requested',
      'replayed',
      'resolved',
    ]);
    expect(await store.markResolved(record.workflowId, record.step)).toBeNull();

    const err = await store.requestReplay(record._id, 'ops@example.com').catch((e: unknown) => e);
    expect(isConflictError(err)).toBe(true);

    const later = await store.record(failure({ workflowId: record.workflowId, step: record.step }));
    expect(later._id).not.toBe(record._id);
  });

  it('keeps an edit before a replay: the new payload, and who, why and what changed in the history', async () => {
    const record = await store.record(failure());
    const payload = { orderNumber: record.businessKeys.orderNumber, lines: [{ sku: 'A-2', qty: 2 }] };
    const diff = jsonDiff(record.payload, payload);
    const replaying = await store.requestReplay(record._id, 'support@example.com', {
      payload,
      reason: '  A-1 was renamed A-2 in the ERP  ',
      diff,
    });
    expect(replaying.status).toBe('replaying');
    expect(replaying.payload).toEqual(payload);
    const [edited, requested] = replaying.history.slice(-2);
    expect(edited).toMatchObject({
      action: 'edited',
      by: 'support@example.com',
      reason: 'A-1 was renamed A-2 in the ERP',
      changes: [{ op: 'replace', path: '/lines/0/sku', from: 'A-1', value: 'A-2' }],
    });
    expect(requested).toMatchObject({ action: 'replay-requested', by: 'support@example.com' });
    // What is stored is what is read back later.
    expect((await store.get(record._id)).payload).toEqual(payload);
  });

  it('discards only with a reason, once, and never a resolved record', async () => {
    const record = await store.record(failure());
    const missing = await store.discard(record._id, { by: 'ops', reason: '  ' }).catch((e: unknown) => e);
    expect(isHubError(missing) && missing.kind).toBe('data');
    expect(isHubError(missing) && missing.fieldErrors).toEqual([{ path: 'reason', message: 'is required' }]);

    const discarded = await store.discard(record._id, { by: 'ops', reason: 'customer cancelled the order' });
    expect(discarded.status).toBe('discarded');
    expect(discarded.history.at(-1)).toMatchObject({
      action: 'discarded',
      by: 'ops',
      reason: 'customer cancelled the order',
    });
    expect((await store.discard(record._id, { by: 'ops', reason: 'again' })).history).toHaveLength(2);

    const other = await store.record(failure());
    await store.markResolved(other.workflowId, other.step);
    expect(
      isConflictError(await store.discard(other._id, { by: 'ops', reason: 'x' }).catch((e: unknown) => e)),
    ).toBe(true);
  });

  it('answers an unknown id with a not-found error the API recognises', async () => {
    for (const call of [
      () => store.get('dlq_nope'),
      () => store.requestReplay('dlq_nope', 'ops'),
      () => store.discard('dlq_nope', { by: 'ops', reason: 'x' }),
    ]) {
      const err = await call().catch((e: unknown) => e);
      expect(isNotFoundError(err)).toBe(true);
      expect((err as Error).message).toMatch(/dlq_nope/);
    }
  });

  it('lists by connector, flow, error kind, any business key, status and time, newest first in pages', async () => {
    const flow = `flow-${randomUUID().slice(0, 8)}`;
    const before = new Date();
    const a = await store.record(
      failure({ flow, connectorId: 'wms-1', businessKeys: { poNumber: 'PO-77' } }),
    );
    const b = await store.record(
      failure({
        flow,
        connectorId: 'erp-2',
        businessKeys: { orderNumber: 'SO-9', poNumber: 'PO-77' },
        error: { kind: 'config', type: 'hub.config', message: 'credentials expired' },
      }),
    );
    const c = await store.record(
      failure({ flow, connectorId: 'erp-2', businessKeys: { orderNumber: 'SO-10' } }),
    );
    await store.requestReplay(c._id, 'ops');
    const ids = async (q: Parameters<DeadLetterStore['list']>[0]) =>
      (await store.list({ flow, ...q })).items.map((r) => r._id).sort();

    expect(await ids({})).toEqual([a._id, b._id, c._id].sort());
    expect(await ids({ connectorId: 'erp-2' })).toEqual([b._id, c._id].sort());
    expect(await ids({ errorKind: 'config' })).toEqual([b._id]);
    expect(await ids({ businessKey: 'PO-77' })).toEqual([a._id, b._id].sort());
    expect(await ids({ businessKey: 'SO-10' })).toEqual([c._id]);
    expect(await ids({ status: 'replaying' })).toEqual([c._id]);
    expect(await ids({ from: before })).toHaveLength(3);
    expect(await ids({ to: before })).toEqual([]);
    expect(await ids({ from: new Date(Date.now() + 60_000) })).toEqual([]);

    const all = (await store.list({ flow, limit: 200 })).items;
    for (let i = 1; i < all.length; i++) {
      expect(all[i - 1]!.createdAt.getTime()).toBeGreaterThanOrEqual(all[i]!.createdAt.getTime());
    }
    const page1 = await store.list({ flow, limit: 2 });
    expect(page1.items.map((r) => r._id)).toEqual(all.slice(0, 2).map((r) => r._id));
    expect(page1.nextCursor).toEqual(expect.any(String));
    const page2 = await store.list({ flow, limit: 2, cursor: page1.nextCursor });
    expect(page2.items.map((r) => r._id)).toEqual(all.slice(2).map((r) => r._id));
    expect(page2.nextCursor).toBeUndefined();

    const bad = await store.list({ cursor: 'not-a-cursor' }).catch((e: unknown) => e);
    expect(isHubError(bad) && bad.kind).toBe('data');
  });

  it('counts records per connector, flow and status for the hub_dead_letters gauge, at scrape time', async () => {
    const flow = `gauge-${randomUUID().slice(0, 8)}`;
    const metrics = createMetrics('worker');
    registerDeadLetterGauge(metrics.registry, store);
    const line = async (labels: string) =>
      (await metrics.registry.metrics())
        .split('\n')
        .find((l) => l.startsWith(`hub_dead_letters{${labels}`))
        ?.split(' ')
        .pop();

    await store.record(failure({ flow, connectorId: 'erp-main' }));
    const two = await store.record(failure({ flow, connectorId: 'erp-main' }));
    await store.record(failure({ flow, connectorId: undefined }));
    expect(await line(`connector="erp-main",flow="${flow}",status="open"`)).toBe('2');
    expect(await line(`connector="none",flow="${flow}",status="open"`)).toBe('1');

    await store.discard(two._id, { by: 'ops', reason: 'duplicate order' });
    expect(await line(`connector="erp-main",flow="${flow}",status="open"`)).toBe('1');
    expect(await line(`connector="erp-main",flow="${flow}",status="discarded"`)).toBe('1');

    const counts = await store.countsByConnectorFlowStatus();
    expect(counts.filter((c) => c.flow === flow)).toHaveLength(3);
  });

  it('keeps /metrics answering when the store cannot be asked', async () => {
    const metrics = createMetrics('worker');
    const errors: unknown[] = [];
    registerDeadLetterGauge(
      metrics.registry,
      { countsByConnectorFlowStatus: () => Promise.reject(new Error('database down')) },
      (err) => errors.push(err),
    );
    const text = await metrics.registry.metrics();
    expect(text).toContain('# TYPE hub_dead_letters gauge');
    expect(text).not.toMatch(/^hub_dead_letters\{/m);
    expect(errors).toHaveLength(1);

    // A store that never answers does not hold the scrape up either.
    const slow = createMetrics('worker');
    registerDeadLetterGauge(
      slow.registry,
      { countsByConnectorFlowStatus: () => new Promise(() => undefined) },
      (err) => errors.push(err),
      50,
    );
    expect(await slow.registry.metrics()).not.toMatch(/^hub_dead_letters\{/m);
    expect(String(errors[1])).toMatch(/no answer within 50 ms/);
  });
});
