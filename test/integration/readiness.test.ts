import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, adminHeaders, eventually, freePort, spawnCaptured, startApi } from '../support/processes';
import type { Spawned } from '../support/processes';

const ferretdbBin = path.join(process.env.HUB_CACHE_DIR ?? path.join(ROOT, '.cache'), 'tools/bin/ferretdb');

interface ReadyBody {
  status?: string;
  down?: string[];
  detail?: string;
  dependencies: Record<string, { status: string }>;
}

async function readyz(url: string): Promise<{ status: number; type: string | null; body: ReadyBody }> {
  const res = await fetch(`${url}/readyz`);
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as ReadyBody };
}

describe('health, readiness and metrics', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  it('is ready with every dependency up, and names the database once its server is killed', async () => {
    // A database server of this test's own, so killing it does not disturb the shared stack.
    const port = await freePort();
    const ferret: Spawned = spawnCaptured(ferretdbBin, [
      '--listen-addr',
      `127.0.0.1:${port}`,
      '--sqlite-dir',
      mkdtempSync(path.join(tmpdir(), 'hub-ferret-')),
    ]);
    cleanup.push(() => ferret.stop('SIGKILL'));
    const api = await startApi({ HUB_MONGODB_URI: `mongodb://127.0.0.1:${port}/` });
    cleanup.push(() => api.stop());

    const ready = await eventually('ready', async () => {
      const r = await readyz(api.url);
      return r.status === 200 ? r : undefined;
    });
    expect(ready.body.status).toBe('ready');
    expect(Object.keys(ready.body.dependencies).sort()).toEqual(['database', 'kafka', 'temporal']);

    await ferret.stop('SIGKILL');
    const notReady = await readyz(api.url);
    expect(notReady.status).toBe(503);
    expect(notReady.type).toMatch(/^application\/problem\+json/);
    expect(notReady.body.down).toEqual(['database']);
    expect(notReady.body.detail).toMatch(/database/);
    expect(notReady.body.dependencies.temporal?.status).toBe('up');

    // Liveness does not depend on the database.
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
  });

  it.each([
    ['temporal', 'HUB_TEMPORAL_ADDRESS', (p: number) => `127.0.0.1:${p}`],
    ['kafka', 'HUB_KAFKA_BROKERS', (p: number) => `127.0.0.1:${p}`],
  ])('starts without %s and reports exactly it as down', async (name, variable, address) => {
    const api = await startApi({ [variable]: address(await freePort()) });
    cleanup.push(() => api.stop());
    const r = await readyz(api.url);
    expect(r.status).toBe(503);
    expect(r.body.down).toEqual([name]);
  });

  it('serves Prometheus text with process metrics and request durations', async () => {
    const api = await startApi();
    cleanup.push(() => api.stop());
    await fetch(`${api.url}/healthz`);
    const res = await fetch(`${api.url}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^process_cpu_user_seconds_total\{service="api"\} /m);
    const healthzCount = text
      .split('\n')
      .find(
        (l) => l.startsWith('hub_http_request_duration_seconds_count{') && l.includes('route="/healthz"'),
      );
    expect(healthzCount).toMatch(/method="GET"/);
    expect(healthzCount).toMatch(/status="200"/);
    expect(Number(healthzCount?.split(' ').pop())).toBeGreaterThanOrEqual(1);
  });

  it('refuses to start on a bad configuration value, naming the variable', async () => {
    const proc = spawnCaptured(process.execPath, ['--import', 'tsx', 'apps/api.ts'], {
      HUB_API_PORT: 'eighty',
      HUB_KAFKA_BROKERS: 'no port here',
    });
    const { code } = await proc.exited;
    expect(code).toBe(2);
    expect(proc.output()).toMatch(/HUB_API_PORT: must be a port number/);
    expect(proc.output()).toMatch(/HUB_KAFKA_BROKERS: must be a comma-separated list of host:port/);
  });

  it('answers unknown routes, malformed JSON and oversized bodies with problem+json', async () => {
    const api = await startApi();
    cleanup.push(() => api.stop());
    const notFound = await fetch(`${api.url}/v1/nothing-here`);
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get('content-type')).toMatch(/problem\+json/);

    const malformed = await fetch(`${api.url}/v1/smoke-runs`, {
      method: 'POST',
      headers: adminHeaders(),
      body: '{"runId": ',
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { type: string }).type).toBe('/problems/malformed-json');

    const huge = await fetch(`${api.url}/v1/smoke-runs`, {
      method: 'POST',
      headers: adminHeaders(),
      body: JSON.stringify({ note: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { type: string }).type).toBe('/problems/body-too-large');
  });
});
