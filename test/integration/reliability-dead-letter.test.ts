import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import type { WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { MongoClient } from 'mongodb';
import { format, resolveConfig } from 'prettier';
import type { Db } from 'mongodb';
import { loadConfig } from '../../platform/config';
import { COLLECTIONS } from '../../platform/collections';
import { createDeadLetterStore } from '../../platform/dead-letters';
import type { DeadLetter, DeadLetterStore } from '../../platform/dead-letters';
import { createInboundDedup } from '../../platform/inbound-dedup';
import { connectProducer } from '../../platform/kafka';
import { TOPICS } from '../../platform/kafka-topics';
import { SMOKE_FAULTS_COLLECTION } from '../../activities/smoke-faults';
import type { SmokeFault } from '../../activities/smoke-faults';
import type { SmokeRunDocument, SmokeRunInput } from '../../activities/smoke-types';
import { SMOKE_EVENT_SOURCE } from '../../consumers/smoke-events';
import type { stackSmokeWorkflow } from '../../workflows/stack-smoke';
import { DISCARD_STEP_SIGNAL, PARKED_STEPS_QUERY, REPLAY_STEP_SIGNAL } from '../../workflows/signals';
import type { DiscardStepArgs, ParkedStep, ReplayStepArgs } from '../../workflows/signals';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { ROOT, eventually, startWorker } from '../support/processes';
import type { HubProcess } from '../support/processes';

// Real Temporal, Kafka and FerretDB (scripts/test.sh, or a private stack), reached through the HUB_* variables.
const config = loadConfig();
const suffix = randomUUID().slice(0, 8);
const env = { HUB_TEMPORAL_TASK_QUEUE: `reliability-${suffix}`, HUB_MONGODB_DATABASE: `hub_rel_${suffix}` };
// HUB_RECORD_HISTORIES=1 rewrites the replay fixtures in workflows/histories/ from the runs below.
const recordHistories = process.env.HUB_RECORD_HISTORIES === '1';

describe('reliability: retries, dead letters, park-and-replay and duplicate deliveries through the worker', () => {
  let worker: HubProcess & { metricsUrl: string };
  let connection: Connection;
  let temporal: Client;
  let mongo: MongoClient;
  let db: Db;
  let deadLetters: DeadLetterStore;

  beforeAll(async () => {
    worker = await startWorker(env);
    connection = await Connection.connect({ address: config.temporal.address });
    temporal = new Client({ connection, namespace: config.temporal.namespace });
    mongo = await MongoClient.connect(config.mongo.uri);
    db = mongo.db(env.HUB_MONGODB_DATABASE);
    deadLetters = createDeadLetterStore(db);
  });

  afterAll(async () => {
    await worker?.stop();
    await connection?.close();
    await db?.dropDatabase();
    await mongo?.close();
  });

  const faults = () => db.collection<SmokeFault>(SMOKE_FAULTS_COLLECTION);
  const smokeRun = (runId: string) =>
    db.collection<SmokeRunDocument>(COLLECTIONS.smokeRuns).findOne({ _id: runId });

  async function startSmoke(runId: string): Promise<{
    handle: WorkflowHandleWithFirstExecutionRunId<typeof stackSmokeWorkflow>;
    input: SmokeRunInput;
  }> {
    const input: SmokeRunInput = {
      runId,
      note: 'reliability test',
      correlationId: `corr-${randomUUID()}`,
      requestedAt: new Date().toISOString(),
    };
    const handle = await temporal.workflow.start<typeof stackSmokeWorkflow>('stackSmokeWorkflow', {
      workflowId: `stack-smoke:${runId}`,
      taskQueue: env.HUB_TEMPORAL_TASK_QUEUE,
      args: [input],
      typedSearchAttributes: [
        { key: SEARCH_ATTRIBUTES.businessKey, value: runId },
        { key: SEARCH_ATTRIBUTES.flow, value: 'stack-smoke' },
      ],
    });
    return { handle, input };
  }

  const deadLetterOf = (runId: string) =>
    eventually('the dead letter', async () => (await deadLetters.list({ businessKey: runId })).items[0]);

  async function metric(line: RegExp): Promise<number | undefined> {
    const text = await (await fetch(`${worker.metricsUrl}/metrics`)).text();
    const found = text.split('\n').find((l) => line.test(l));
    return found === undefined ? undefined : Number(found.split(' ').pop());
  }

  async function saveHistory(name: string, handle: WorkflowHandle): Promise<void> {
    if (!recordHistories) return;
    // Temporal's HTTP API answers in the proto3 JSON the CLI and UI export (historyToJSON trips over vitest's
    // module loading), which is what Worker.runReplayHistory reads back.
    const httpPort = process.env.HUB_TEMPORAL_HTTP_PORT;
    if (!httpPort)
      throw new Error('HUB_RECORD_HISTORIES=1 needs HUB_TEMPORAL_HTTP_PORT (the stack prints it)');
    const url =
      `http://127.0.0.1:${httpPort}/api/v1/namespaces/${config.temporal.namespace}` +
      `/workflows/${encodeURIComponent(handle.workflowId)}/history`;
    // Canonical proto3 JSON: without this the HTTP API shows json/plain payloads as bare JSON values.
    const res = await fetch(url, { headers: { accept: 'application/json+no-payload-shorthand' } });
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    const { history } = (await res.json()) as { history: unknown };
    const file = path.join(ROOT, 'workflows/histories', `${name}.json`);
    const options = { ...(await resolveConfig(file)), parser: 'json' };
    writeFileSync(file, await format(JSON.stringify(history), options));
  }

  it('dead-letters a data failure with its full context, then completes it after a fix and a replay', async () => {
    const runId = `rel-data-${randomUUID()}`;
    await faults().insertOne({ _id: runId, step: 'publishSmokeEvent', kind: 'data' });
    const { handle, input } = await startSmoke(runId);

    // One record, holding everything support needs to act.
    const parked = await deadLetterOf(runId);
    const { items } = await deadLetters.list({ businessKey: runId });
    expect(items).toHaveLength(1);
    expect(parked).toMatchObject({
      status: 'open',
      flow: 'stack-smoke',
      step: 'publishSmokeEvent',
      businessKeys: { runId },
      correlationId: input.correlationId,
      workflowId: handle.workflowId,
      runId: handle.firstExecutionRunId,
      activityType: 'publishSmokeEvent',
      payload: input,
      attempts: 1,
      error: {
        kind: 'data',
        type: 'hub.data',
        message: 'injected data fault in publishSmokeEvent',
        upstreamStatus: 422,
        upstreamBodyExcerpt: '{"error":"injected data fault"}',
        fieldErrors: [{ path: '/note', message: 'rejected by an injected data fault' }],
      },
    } satisfies Partial<DeadLetter>);
    expect(parked.history.map((h) => h.action)).toEqual(['failed']);
    expect(parked).not.toHaveProperty('connectorId');

    // The workflow waits for a person, says so when asked, and the worker's gauge shows the open record.
    expect(await handle.query<ParkedStep[]>(PARKED_STEPS_QUERY)).toEqual([
      { step: 'publishSmokeEvent', deadLetterId: parked._id },
    ]);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    const openGauge =
      /^hub_dead_letters\{connector="none",flow="stack-smoke",status="open",service="worker"\} /;
    expect(await metric(openGauge)).toBe(1);
    // Recorded, but neither published nor consumed (FerretDB v1 drops the null fields of an upsert's $setOnInsert).
    const waiting = await smokeRun(runId);
    expect(waiting?.recordedAt).toEqual(expect.any(String));
    expect([waiting?.publishedAt ?? null, waiting?.consumedAt ?? null]).toEqual([null, null]);

    // Fix the cause, then replay the way the API does: note the request, signal the workflow.
    await faults().deleteOne({ _id: runId });
    await deadLetters.requestReplay(parked._id, 'support@example.com');
    await handle.signal<[ReplayStepArgs]>(REPLAY_STEP_SIGNAL, {
      deadLetterId: parked._id,
      by: 'support@example.com',
    });

    expect(await handle.result()).toEqual({ runId, topic: TOPICS.smoke.name });
    const consumed = await eventually('the consumer to mark the run', async () => {
      const d = await smokeRun(runId);
      return d?.consumedAt ? d : undefined;
    });
    expect(consumed.consumedFrom).toMatchObject({ topic: TOPICS.smoke.name });

    const resolved = await deadLetters.get(parked._id);
    expect(resolved.status).toBe('resolved');
    expect(resolved.history.map((h) => [h.action, h.by])).toEqual([
      ['failed', undefined],
      ['replay-requested', 'support@example.com'],
      ['replayed', 'support@example.com'],
      ['resolved', undefined],
    ]);
    expect(await metric(openGauge)).toBeUndefined();
    expect(
      await metric(
        /^hub_dead_letters\{connector="none",flow="stack-smoke",status="resolved",service="worker"\} /,
      ),
    ).toBe(1);
    await saveHistory('stack-smoke-replayed', handle);
  });

  it('retries a transient failure (counted in hub_retries_total) and succeeds without a dead letter once it clears', async () => {
    const retries = /^hub_retries_total\{activity="recordSmokeRun",kind="transient",service="worker"\} /;
    const before = (await metric(retries)) ?? 0;
    const runId = `rel-transient-${randomUUID()}`;
    await faults().insertOne({ _id: runId, step: 'recordSmokeRun', kind: 'transient' });
    const { handle } = await startSmoke(runId);

    await eventually('a retry to be counted', async () =>
      ((await metric(retries)) ?? 0) > before ? true : undefined,
    );
    await faults().deleteOne({ _id: runId });

    expect(await handle.result()).toEqual({ runId, topic: TOPICS.smoke.name });
    expect((await deadLetters.list({ businessKey: runId })).items).toEqual([]);
    expect(await smokeRun(runId)).toMatchObject({ _id: runId });
    await saveHistory('stack-smoke-retried', handle);
  });

  it('ends the workflow with a "discarded" result when support discards a parked step', async () => {
    const runId = `rel-config-${randomUUID()}`;
    await faults().insertOne({ _id: runId, step: 'recordSmokeRun', kind: 'config' });
    const { handle } = await startSmoke(runId);
    const parked = await deadLetterOf(runId);
    expect(parked).toMatchObject({
      step: 'recordSmokeRun',
      attempts: 1,
      error: { kind: 'config', type: 'hub.config' },
    });

    const discard = { by: 'support@example.com', reason: 'smoke run no longer needed' };
    await deadLetters.discard(parked._id, discard);
    await handle.signal<[DiscardStepArgs]>(DISCARD_STEP_SIGNAL, { deadLetterId: parked._id, ...discard });

    expect(await handle.result()).toEqual({
      runId,
      discarded: { step: 'recordSmokeRun', deadLetterId: parked._id, ...discard },
    });
    expect((await handle.describe()).status.name).toBe('COMPLETED');
    const record = await deadLetters.get(parked._id);
    expect(record.status).toBe('discarded');
    expect(record.history.map((h) => h.action)).toEqual(['failed', 'discarded']);
    expect(await smokeRun(runId)).toBeNull(); // the step never ran, nor did the next one
    await saveHistory('stack-smoke-discarded', handle);
  });

  it('closes the dead letter of a workflow cancelled while its step was parked', async () => {
    const runId = `rel-cancel-${randomUUID()}`;
    await faults().insertOne({ _id: runId, step: 'publishSmokeEvent', kind: 'data' });
    const { handle } = await startSmoke(runId);
    const parked = await deadLetterOf(runId);

    await handle.cancel();
    await expect(handle.result()).rejects.toThrow(/cancel/i);
    const record = await eventually('the dead letter to be closed', async () => {
      const r = await deadLetters.get(parked._id);
      return r.status === 'discarded' ? r : undefined;
    });
    expect(record.history.at(-1)).toMatchObject({
      action: 'discarded',
      by: 'temporal',
      reason: 'workflow cancelled while the step was parked',
    });
  });

  it('applies a duplicate delivery of an event only once', async () => {
    const runId = `rel-dup-${randomUUID()}`;
    const { handle, input } = await startSmoke(runId);
    expect(await handle.result()).toEqual({ runId, topic: TOPICS.smoke.name });
    const first = await eventually('the first delivery to be applied', async () => {
      const d = await smokeRun(runId);
      return d?.consumedAt ? d : undefined;
    });
    await saveHistory('stack-smoke-completed', handle);

    const duplicates = /^hub_inbound_duplicates_total\{source="hub\.smoke",service="worker"\} /;
    const consumedTotal = /^hub_smoke_events_consumed_total\{topic="hub\.smoke\.v1",service="worker"\} /;
    const duplicatesBefore = (await metric(duplicates)) ?? 0;
    const consumedBefore = await metric(consumedTotal);

    // Kafka redelivers: the same event arrives a second time.
    const producer = await connectProducer(config.kafka, 'reliability-test');
    try {
      const event = { type: 'hub.smoke.recorded', runId, note: input.note, at: new Date().toISOString() };
      await producer.send(TOPICS.smoke.name, runId, Buffer.from(JSON.stringify(event)));
    } finally {
      await producer.close();
    }
    const dedup = createInboundDedup(db);
    const key = { sourceConnectorId: SMOKE_EVENT_SOURCE, externalId: runId, version: 'hub.smoke.recorded' };
    const claim = await eventually('the second delivery to be seen', async () => {
      const c = await dedup.get(key);
      return c && c.deliveries >= 2 ? c : undefined;
    });
    expect(claim.deliveries).toBe(2);
    await eventually('the duplicate to be counted', async () =>
      ((await metric(duplicates)) ?? 0) > duplicatesBefore ? true : undefined,
    );

    // No second effect: the document still shows the first delivery, and the consumed count did not move.
    expect(await smokeRun(runId)).toEqual(first);
    expect(await metric(consumedTotal)).toBe(consumedBefore);
    // And a further claim of the same delivery is still a duplicate.
    expect(await dedup.claim(key)).toBe('duplicate');
  });
});
