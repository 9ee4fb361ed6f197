import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { SMOKE_FAULTS_COLLECTION } from '../../activities/smoke-faults';
import type { SmokeFault } from '../../activities/smoke-faults';
import { adminHeaders, eventually, startApi, startWorker } from '../support/processes';
import type { HubProcess } from '../support/processes';

interface DeadLetterBody {
  id: string;
  status: string;
  flow: string;
  step: string;
  businessKeys: Record<string, string>;
  correlationId: string;
  workflowId: string;
  payload: { runId: string };
  error: { kind: string; type: string; message: string; upstreamStatus: number | null };
  attempts: number;
  history: { action: string; by?: string | null; reason?: string | null }[];
}

describe('dead letters through the API: a failing step is parked, listed, replayed or discarded', () => {
  const env = {
    HUB_TEMPORAL_TASK_QUEUE: `dlq-${randomUUID().slice(0, 8)}`,
    HUB_MONGODB_DATABASE: `hub_dlq_${randomUUID().slice(0, 8)}`,
  };
  let api: HubProcess & { url: string };
  let worker: HubProcess & { metricsUrl: string };
  let mongo: MongoClient;

  const call = async <T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers = {},
  ) => {
    const res = await fetch(`${api.url}${path}`, {
      method,
      headers: adminHeaders(headers),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const faults = () => mongo.db(env.HUB_MONGODB_DATABASE).collection<SmokeFault>(SMOKE_FAULTS_COLLECTION);
  const deadLetterOf = (runId: string) =>
    eventually(`a dead letter for ${runId}`, async () => {
      const { body } = await call<{ items: DeadLetterBody[] }>(
        'GET',
        `/v1/dead-letters?businessKey=${runId}`,
      );
      return body.items.length ? body.items : undefined;
    });

  beforeAll(async () => {
    [worker, api] = await Promise.all([startWorker(env), startApi(env)]);
    mongo = await MongoClient.connect(process.env.HUB_MONGODB_URI!);
  });
  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await mongo?.db(env.HUB_MONGODB_DATABASE).dropDatabase();
    await mongo?.close();
  });

  it('keeps a data failure with its full context and replays it once the cause is fixed', async () => {
    const runId = `dl-${randomUUID()}`;
    const correlationId = `corr-${randomUUID()}`;
    await faults().insertOne({ _id: runId, step: 'publishSmokeEvent', kind: 'data' });
    const started = await call(
      'POST',
      '/v1/smoke-runs',
      { runId, note: 'will fail' },
      { 'x-correlation-id': correlationId },
    );
    expect(started.status).toBe(202);

    const [record] = await deadLetterOf(runId);
    expect(record).toMatchObject({
      status: 'open',
      flow: 'stack-smoke',
      step: 'publishSmokeEvent',
      businessKeys: { runId },
      correlationId,
      workflowId: started.body.workflowId,
      payload: { runId, note: 'will fail' },
      error: { kind: 'data', upstreamStatus: 422 },
    });
    expect(record!.error.message).toMatch(/injected data fault/);
    expect(record!.attempts).toBe(1); // a data error is never retried
    expect((await call<DeadLetterBody>('GET', `/v1/dead-letters/${record!.id}`)).body.id).toBe(record!.id);

    // Filters narrow the list; an open record is visible by status and error kind.
    const byKind = await call<{ items: DeadLetterBody[] }>(
      'GET',
      '/v1/dead-letters?errorKind=data&status=open&flow=stack-smoke',
    );
    expect(byKind.body.items.map((d) => d.id)).toContain(record!.id);
    const none = await call<{ items: DeadLetterBody[] }>('GET', '/v1/dead-letters?errorKind=config');
    expect(none.body.items.map((d) => d.id)).not.toContain(record!.id);

    // Fix the cause, then replay — twice with the same Idempotency-Key, which replays once.
    await faults().deleteOne({ _id: runId });
    const idem = { 'idempotency-key': `replay-${record!.id}` };
    const replay = await call('POST', `/v1/dead-letters/${record!.id}/replay`, undefined, idem);
    expect(replay.status).toBe(202);
    const again = await call('POST', `/v1/dead-letters/${record!.id}/replay`, undefined, idem);
    expect(again.status).toBe(202);

    const resolved = await eventually('the record to resolve', async () => {
      const { body } = await call<DeadLetterBody>('GET', `/v1/dead-letters/${record!.id}`);
      return body.status === 'resolved' ? body : undefined;
    });
    expect(resolved.history.map((h) => h.action)).toEqual([
      'failed',
      'replay-requested',
      'replayed',
      'resolved',
    ]);
    const run = await eventually('the smoke run to finish', async () => {
      const { body } = await call<{ workflowStatus: string; document: { consumedAt: string | null } }>(
        'GET',
        `/v1/smoke-runs/${runId}`,
      );
      return body.document?.consumedAt ? body : undefined;
    });
    expect(run.workflowStatus).toBe('COMPLETED');
  });

  it('discards a dead letter only with a reason, and the parked workflow ends', async () => {
    const runId = `dl-${randomUUID()}`;
    await faults().insertOne({ _id: runId, step: 'recordSmokeRun', kind: 'config' });
    await call('POST', '/v1/smoke-runs', { runId });
    const [record] = await deadLetterOf(runId);
    expect(record).toMatchObject({ step: 'recordSmokeRun', error: { kind: 'config' } });

    const noReason = await call<{ errors: { path: string }[] }>(
      'POST',
      `/v1/dead-letters/${record!.id}/discard`,
      {},
    );
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors.map((e) => e.path)).toEqual(['/reason']);

    const discarded = await call<DeadLetterBody>('POST', `/v1/dead-letters/${record!.id}/discard`, {
      reason: 'test order, customer cancelled',
    });
    expect(discarded.status).toBe(200);
    expect(discarded.body.status).toBe('discarded');
    expect(discarded.body.history.at(-1)).toMatchObject({
      action: 'discarded',
      reason: 'test order, customer cancelled',
    });
    await eventually('the workflow to end', async () => {
      const { body } = await call<{ workflowStatus: string }>('GET', `/v1/smoke-runs/${runId}`);
      return body.workflowStatus === 'COMPLETED' ? true : undefined;
    });
    // Replaying a discarded record is refused.
    expect((await call('POST', `/v1/dead-letters/${record!.id}/replay`)).status).toBe(409);
  });

  it('answers unknown ids with 404 and bad filters with 400', async () => {
    expect((await call('GET', '/v1/dead-letters/dlq_doesnotexist00')).status).toBe(404);
    const bad = await call<{ errors: { path: string }[] }>(
      'GET',
      '/v1/dead-letters?errorKind=oops&from=yesterday',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.path).sort()).toEqual(['/query/errorKind', '/query/from']);
  });
});
