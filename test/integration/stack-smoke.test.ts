import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { MongoClient } from 'mongodb';
import { loadConfig } from '../../platform/config';
import { COLLECTIONS } from '../../platform/collections';
import type { SmokeRunDocument } from '../../activities/smoke-types';
import { adminHeaders, eventually, startApi, startWorker } from '../support/processes';
import type { HubProcess } from '../support/processes';

// The real local stack (scripts/test.sh) is reached through the same HUB_* variables the processes read.
const config = loadConfig();
const env = {
  HUB_TEMPORAL_TASK_QUEUE: `smoke-${randomUUID().slice(0, 8)}`,
  HUB_MONGODB_DATABASE: 'hub_smoke_test',
};

describe('stack smoke path: API → Temporal workflow → database + Kafka → worker consumer', () => {
  let api: HubProcess & { url: string };
  let worker: HubProcess & { metricsUrl: string };
  let temporal: Client;
  let connection: Connection;
  let mongo: MongoClient;

  beforeAll(async () => {
    [worker, api] = await Promise.all([startWorker(env), startApi(env)]);
    connection = await Connection.connect({ address: config.temporal.address });
    temporal = new Client({ connection, namespace: config.temporal.namespace });
    mongo = await MongoClient.connect(config.mongo.uri);
  });

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await connection?.close();
    await mongo?.close();
  });

  const smokeRun = (runId: string) =>
    mongo
      .db(env.HUB_MONGODB_DATABASE)
      .collection<SmokeRunDocument>(COLLECTIONS.smokeRuns)
      .findOne({ _id: runId });

  it('runs the workflow on Temporal, writes the document and consumes the Kafka event', async () => {
    const runId = `smoke-${randomUUID()}`;
    const correlationId = `corr-${randomUUID()}`;
    const res = await fetch(`${api.url}/v1/smoke-runs`, {
      method: 'POST',
      headers: adminHeaders({ 'x-correlation-id': correlationId }),
      body: JSON.stringify({ runId, note: 'from the smoke test' }),
    });
    expect(res.status).toBe(202);
    expect(res.headers.get('x-correlation-id')).toBe(correlationId);
    const { workflowId } = (await res.json()) as { workflowId: string };

    // 1. The workflow ran to completion on the Temporal server, findable by its business key.
    const handle = temporal.workflow.getHandle(workflowId);
    expect(await handle.result()).toEqual({ runId, topic: 'hub.smoke.v1' });
    const found = await eventually('the visibility record', async () => {
      const ids: string[] = [];
      for await (const wf of temporal.workflow.list({ query: `BusinessKey = "${runId}"` }))
        ids.push(wf.workflowId);
      return ids.length ? ids : undefined;
    });
    expect(found).toEqual([workflowId]);

    // 2. The activity wrote the document to the database; 3. the worker's consumer read the Kafka message back.
    const doc = await eventually('the consumer to mark the run', async () => {
      const d = await smokeRun(runId);
      return d?.consumedAt ? d : undefined;
    });
    expect(doc).toMatchObject({ _id: runId, note: 'from the smoke test', correlationId, workflowId });
    expect(doc.consumedFrom).toMatchObject({ topic: 'hub.smoke.v1' });
    expect(Date.parse(doc.consumedAt!)).toBeGreaterThanOrEqual(Date.parse(doc.publishedAt!));

    // The API reports the same three effects.
    const status = (await (
      await fetch(`${api.url}/v1/smoke-runs/${runId}`, { headers: adminHeaders() })
    ).json()) as {
      workflowStatus: string;
      document: SmokeRunDocument;
    };
    expect(status.workflowStatus).toBe('COMPLETED');
    expect(status.document.consumedAt).toBe(doc.consumedAt);

    // The correlation id of the request is on the API's line and on the worker's activity and consumer lines.
    const tagged = (p: HubProcess) => p.logs().filter((l) => l.correlationId === correlationId);
    expect(tagged(api).some((l) => l.msg === 'request' && l.status === 202)).toBe(true);
    await eventually('worker log lines', () =>
      tagged(worker).some((l) => l.msg === 'smoke event consumed') ? true : undefined,
    );
    expect(
      tagged(worker).some((l) => l.msg === 'smoke run recorded' && l.activity === 'recordSmokeRun'),
    ).toBe(true);

    // The worker counts what it consumed on its own /metrics port.
    const metrics = await (await fetch(`${worker.metricsUrl}/metrics`)).text();
    expect(metrics).toMatch(
      /hub_smoke_events_consumed_total\{topic="hub\.smoke\.v1",service="worker"\} [1-9]/,
    );
  });

  it('attaches a repeated request with the same run id to the same workflow, with one effect', async () => {
    const runId = `smoke-${randomUUID()}`;
    const post = () =>
      fetch(`${api.url}/v1/smoke-runs`, {
        method: 'POST',
        headers: adminHeaders(),
        body: JSON.stringify({ runId }),
      });
    const [a, b] = await Promise.all([post(), post()]);
    expect([a.status, b.status]).toEqual([202, 202]);
    const first = (await a.json()) as { workflowId: string };
    expect(((await b.json()) as { workflowId: string }).workflowId).toBe(first.workflowId);
    await temporal.workflow.getHandle(first.workflowId).result();
    const doc = await eventually('consumption', async () => {
      const d = await smokeRun(runId);
      return d?.consumedAt ? d : undefined;
    });
    const runs = await mongo
      .db(env.HUB_MONGODB_DATABASE)
      .collection(COLLECTIONS.smokeRuns)
      .countDocuments({ _id: runId as never });
    expect(runs).toBe(1);
    expect(doc.workflowId).toBe(first.workflowId);
  });

  it('answers a bad smoke request with problem+json naming the field', async () => {
    const res = await fetch(`${api.url}/v1/smoke-runs`, {
      method: 'POST',
      headers: adminHeaders(),
      body: JSON.stringify({ runId: 'has spaces', colour: 'red' }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await res.json()) as { errors: { path: string }[] };
    expect(body.errors.map((e) => e.path).sort()).toEqual(['/colour', '/runId']);
  });
});
