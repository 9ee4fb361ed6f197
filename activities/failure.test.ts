import { describe, expect, it } from 'vitest';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import type { Info } from '@temporalio/activity';
import { HubError } from '../platform/errors';
import type { HubErrorKind } from '../platform/errors';
import { createMetrics } from '../monitoring/metrics';
import { toTemporalFailure, withFailureTranslation } from './failure';
import { instrumentConnectorCall } from '../monitoring/connector-calls';
import type { HubFailureDetails } from './failure';

// The SDK logs every failed attempt; these tests fail attempts on purpose.
const quiet = { logger: new DefaultLogger('ERROR') };
const activityEnv = (info: Partial<Info> = {}) => new MockActivityEnvironment(info, quiet);

const details = (f: ApplicationFailure) => f.details?.[0] as HubFailureDetails;

async function metricLines(metrics: ReturnType<typeof createMetrics>, name: string): Promise<string[]> {
  return (await metrics.registry.metrics()).split('\n').filter((l) => l.startsWith(name));
}

describe('toTemporalFailure', () => {
  it.each<[HubErrorKind, boolean]>([
    ['transient', false],
    ['rate-limited', false],
    ['data', true],
    ['config', true],
    ['duplicate', true],
    ['bug', true],
  ])('turns a %s HubError into type hub.<kind>, nonRetryable=%s', (kind, nonRetryable) => {
    const failure = toTemporalFailure(new HubError(kind, `a ${kind} problem`));
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure.type).toBe(`hub.${kind}`);
    expect(failure.nonRetryable).toBe(nonRetryable);
    expect(failure.message).toBe(`a ${kind} problem`);
    expect(details(failure).kind).toBe(kind);
    expect(failure.nextRetryDelay).toBeUndefined();
  });

  it('retries a rate-limited call after the upstream Retry-After', () => {
    const failure = toTemporalFailure(new HubError('rate-limited', '429 from ERP', { retryAfterMs: 7_000 }));
    expect(failure.nonRetryable).toBe(false);
    expect(failure.nextRetryDelay).toBe(7_000);
    expect(details(failure).retryAfterMs).toBe(7_000);
  });

  it('never sets a retry delay on a failure that will not be retried', () => {
    const failure = toTemporalFailure(new HubError('data', 'bad', { retryAfterMs: 5_000 }));
    expect(failure.nonRetryable).toBe(true);
    expect(failure.nextRetryDelay).toBeUndefined();
  });

  it('carries the upstream status, a 2 KB body excerpt and the field errors in the details', () => {
    const body = 'é'.repeat(3_000); // 6,000 bytes of two-byte characters
    const failure = toTemporalFailure(
      new HubError('data', 'rejected', {
        upstream: { status: 422, bodyExcerpt: body },
        fieldErrors: [{ path: '/lines/0/qty', message: 'must be positive' }],
      }),
      { attempt: 3 },
    );
    const d = details(failure);
    expect(d.upstreamStatus).toBe(422);
    expect(Buffer.byteLength(d.upstreamBodyExcerpt ?? '', 'utf8')).toBe(2048);
    expect(d.upstreamBodyExcerpt).toBe('é'.repeat(1024));
    expect(d.fieldErrors).toEqual([{ path: '/lines/0/qty', message: 'must be positive' }]);
    expect(d.attempt).toBe(3);
  });

  it('classifies network errors as transient and anything else as a non-retryable bug', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(toTemporalFailure(refused)).toMatchObject({ type: 'hub.transient', nonRetryable: false });
    const lostDb = Object.assign(new Error('connection closed'), { name: 'MongoNetworkError' });
    expect(toTemporalFailure(lostDb)).toMatchObject({ type: 'hub.transient', nonRetryable: false });
    // FerretDB's SQLite backend with its writer lock taken, and MongoDB stepping down: both pass.
    const busy = Object.assign(new Error('[msg_insert.go:168] database is locked (5) (SQLITE_BUSY)'), {
      name: 'MongoServerError',
      code: 1,
    });
    expect(toTemporalFailure(busy)).toMatchObject({ type: 'hub.transient', nonRetryable: false });
    const steppedDown = Object.assign(new Error('not primary'), { name: 'MongoServerError', code: 10107 });
    expect(toTemporalFailure(steppedDown)).toMatchObject({ type: 'hub.transient' });
    const refusedWrite = Object.assign(new Error('Document failed validation'), {
      name: 'MongoServerError',
      code: 121,
    });
    expect(toTemporalFailure(refusedWrite)).toMatchObject({ type: 'hub.bug', nonRetryable: true });
    const bug = toTemporalFailure(new TypeError("Cannot read properties of undefined (reading 'x')"));
    expect(bug).toMatchObject({ type: 'hub.bug', nonRetryable: true });
    expect(toTemporalFailure('a thrown string')).toMatchObject({
      type: 'hub.bug',
      message: 'a thrown string',
    });
  });

  it('passes an ApplicationFailure through untouched', () => {
    const own = ApplicationFailure.nonRetryable('already decided', 'custom.type');
    expect(toTemporalFailure(own)).toBe(own);
  });
});

describe('withFailureTranslation', () => {
  const activities = (fail: () => Error | undefined) => ({
    syncOrder: async (input: { orderId: string }): Promise<string> => {
      await Promise.resolve();
      const err = fail();
      if (err) throw err;
      return `synced ${input.orderId}`;
    },
  });

  it('returns what the activity returns', async () => {
    const metrics = createMetrics('worker');
    const wrapped = withFailureTranslation(
      activities(() => undefined),
      metrics,
    );
    await expect(activityEnv().run(wrapped.syncOrder, { orderId: 'SO-1' })).resolves.toBe('synced SO-1');
  });

  it('throws the translated failure with the attempt in its details', async () => {
    const metrics = createMetrics('worker');
    const wrapped = withFailureTranslation(
      activities(() => new HubError('config', 'credentials expired')),
      metrics,
    );
    const env = activityEnv({ attempt: 1 });
    const err = (await env
      .run(wrapped.syncOrder, { orderId: 'SO-1' })
      .catch((e: unknown) => e)) as ApplicationFailure;
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect(err).toMatchObject({ type: 'hub.config', nonRetryable: true, message: 'credentials expired' });
    expect(details(err)).toMatchObject({ kind: 'config', attempt: 1 });
  });

  it('counts hub_retries_total on attempts after the first, with the kind the previous attempt failed with', async () => {
    const metrics = createMetrics('worker');
    let attempt = 0;
    const wrapped = withFailureTranslation(
      activities(() => (++attempt < 3 ? new HubError('transient', 'ERP answered 503') : undefined)),
      metrics,
    );
    const info = { activityId: 'a-1', workflowExecution: { workflowId: 'wf-1', runId: 'run-1' } };
    await expect(
      activityEnv({ ...info, attempt: 1 }).run(wrapped.syncOrder, { orderId: 'x' }),
    ).rejects.toMatchObject({
      type: 'hub.transient',
      nonRetryable: false,
    });
    expect(await metricLines(metrics, 'hub_retries_total{')).toEqual([]);
    await expect(
      activityEnv({ ...info, attempt: 2 }).run(wrapped.syncOrder, { orderId: 'x' }),
    ).rejects.toBeInstanceOf(ApplicationFailure);
    await activityEnv({ ...info, attempt: 3 }).run(wrapped.syncOrder, { orderId: 'x' });
    expect(await metricLines(metrics, 'hub_retries_total{')).toEqual([
      'hub_retries_total{activity="syncOrder",kind="transient",service="worker"} 2',
    ]);
    // An attempt whose predecessor this process never saw fail (a timeout, another worker) counts as unknown.
    await activityEnv({ activityId: 'a-2', attempt: 2 }).run(wrapped.syncOrder, {
      orderId: 'y',
    });
    expect(await metricLines(metrics, 'hub_retries_total{')).toContain(
      'hub_retries_total{activity="syncOrder",kind="unknown",service="worker"} 1',
    );
  });

  it('lets a cancellation through as it is', async () => {
    const metrics = createMetrics('worker');
    const cancelled = new CancelledFailure('cancelled');
    const wrapped = withFailureTranslation(
      activities(() => cancelled),
      metrics,
    );
    await expect(activityEnv().run(wrapped.syncOrder, { orderId: 'x' })).rejects.toBe(cancelled);
  });
});

describe('instrumentConnectorCall', () => {
  it('records calls and durations with outcome ok or the error kind, rethrowing the error unchanged', async () => {
    const metrics = createMetrics('worker');
    const labels = { connector: 'erp-1', operation: 'getOrder' };
    await expect(instrumentConnectorCall(metrics, labels, () => Promise.resolve(42))).resolves.toBe(42);
    const limited = new HubError('rate-limited', '429', { retryAfterMs: 1_000 });
    await expect(instrumentConnectorCall(metrics, labels, () => Promise.reject(limited))).rejects.toBe(
      limited,
    );

    expect(await metricLines(metrics, 'hub_connector_calls_total{')).toEqual([
      'hub_connector_calls_total{connector="erp-1",operation="getOrder",outcome="ok",service="worker"} 1',
      'hub_connector_calls_total{connector="erp-1",operation="getOrder",outcome="rate-limited",service="worker"} 1',
    ]);
    const counts = await metricLines(metrics, 'hub_connector_call_seconds_count{');
    expect(counts).toHaveLength(2);
    expect(counts.every((l) => l.endsWith(' 1'))).toBe(true);
  });
});
