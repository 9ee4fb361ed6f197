import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, MongoClient } from 'mongodb';
import { openTestDatabase } from '../../test/support/database';
import { createDeadLetterStore } from '../dead-letters';
import type { DeadLetterStore } from '../dead-letters';
import { createBulkReplayStore, matchOpenDeadLetters } from './bulk-replays';
import type { BulkReplayStore } from './bulk-replays';

// A real MongoDB-wire server (FerretDB in the local stack), in a database of its own.
let client: MongoClient;
let db: Db;
let deadLetters: DeadLetterStore;
let bulk: BulkReplayStore;

beforeAll(async () => {
  ({ client, db } = await openTestDatabase('hub_bulk'));
  deadLetters = createDeadLetterStore(db);
  await deadLetters.ensureIndexes();
  bulk = createBulkReplayStore(db, deadLetters);
});

afterAll(async () => {
  await db?.dropDatabase();
  await client?.close();
});

const park = (step: string, connectorId = 'erp-1') =>
  deadLetters.record({
    flow: 'order-to-cash',
    step,
    connectorId,
    businessKeys: { orderId: `so_${randomUUID()}` },
    correlationId: 'c',
    workflowId: `wf-${randomUUID()}`,
    runId: 'r',
    activityType: 'recordErpOrder',
    payload: {},
    error: { kind: 'transient', type: 'hub.transient', message: 'NetSuite answered 503' },
    attempts: 5,
  });

describe('bulk replays: the records a filter chose, batch outcomes and live progress', () => {
  it('chooses only open records the filter matches, and says when there were more than it takes', async () => {
    const step = `erp-order-${randomUUID().slice(0, 6)}`;
    const mine = await Promise.all([park(step), park(step), park(step)]);
    await park(step, 'erp-2');
    await park(`${step}-other`);
    await deadLetters.discard(mine[2]._id, { by: 'ops', reason: 'duplicate order' });
    const seen: string[] = [];
    const all = await matchOpenDeadLetters(deadLetters, { step, connectorId: 'erp-1' }, 10, (d) =>
      seen.push(d.step),
    );
    expect(new Set(all.ids)).toEqual(new Set([mine[0]._id, mine[1]._id]));
    expect(all.truncated).toBe(false);
    expect(seen).toEqual([step, step]);
    const first = await matchOpenDeadLetters(deadLetters, { step, connectorId: 'erp-1' }, 1);
    expect(first).toEqual({ ids: [expect.any(String)], truncated: true });
  });

  it('counts a retried batch once and reads what became of each record live', async () => {
    const step = `erp-order-${randomUUID().slice(0, 6)}`;
    const records = await Promise.all([park(step), park(step), park(step)]);
    const ids = records.map((r) => r._id);
    const job = await bulk.create({ filter: { step }, createdBy: 'support-1', ids, reason: 'outage over' });
    expect(await bulk.progress(job._id)).toMatchObject({
      status: 'running',
      total: 3,
      batches: { total: 1, done: 0 },
      requested: 0,
      outcome: { open: 3 },
    });
    const skip = { deadLetterId: ids[2]!, reason: 'workflow ended' };
    await bulk.recordBatch(job._id, 0, { requested: 1, skipped: [skip] });
    await bulk.recordBatch(job._id, 0, { requested: 2, skipped: [skip] }); // the retry replaces it
    await deadLetters.requestReplay(ids[0]!, 'support-1');
    await deadLetters.requestReplay(ids[1]!, 'support-1');
    await deadLetters.markResolved(records[0].workflowId, step);
    await bulk.complete(job._id);
    expect(await bulk.progress(job._id)).toMatchObject({
      status: 'completed',
      batches: { total: 1, done: 1 },
      requested: 2,
      skipped: 1,
      skippedSample: [skip],
      outcome: { resolved: 1, replaying: 1, open: 1 },
      reason: 'outage over',
    });
    await expect(bulk.progress('blk_0000000000000000')).rejects.toThrow(/not found/);
  });
});
