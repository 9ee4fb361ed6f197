import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { loadContract } from '../../api/contract';
import { COLLECTIONS } from '../../platform/collections';
import { ROLES } from '../../platform/roles';
import type { Role } from '../../platform/roles';
import { adminHeaders, spawnCaptured, startApi } from '../support/processes';
import type { HubProcess } from '../support/processes';

const contract = loadContract();
const database = `hub_api_${randomUUID().slice(0, 8)}`;
const SAMPLE_PARAMS: Record<string, string> = {
  id: 'con_aaaaaaaaaaaaaaaaaaaa',
  type: 'edi-x12-sftp',
  runId: 'sample-run',
};
const samplePath = (path: string, operationId: string) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === 'id' && operationId.includes('DeadLetter')) return 'dlq_aaaaaaaaaaaa';
    if (name === 'id' && operationId.includes('ApiKey')) return 'key_aaaaaaaaaaaaaaaa';
    return SAMPLE_PARAMS[name] ?? 'x';
  });

describe('API contract, authentication, roles, idempotency and limits', () => {
  let api: HubProcess & { url: string };
  let mongo: MongoClient;
  const keys = {} as Record<Role, string>;
  const issuedSecrets: string[] = [];

  const call = (
    method: string,
    path: string,
    init: { key?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) =>
    fetch(`${api.url}${path}`, {
      method: method.toUpperCase(),
      headers: {
        ...(init.key ? { authorization: `Bearer ${init.key}` } : {}),
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });

  beforeAll(async () => {
    api = await startApi({ HUB_MONGODB_DATABASE: database });
    mongo = await MongoClient.connect(process.env.HUB_MONGODB_URI!);
    keys.admin = process.env.HUB_BOOTSTRAP_ADMIN_KEY!;
    for (const role of ['system', 'support', 'viewer'] as const) {
      const res = await fetch(`${api.url}/v1/api-keys`, {
        method: 'POST',
        headers: adminHeaders(),
        body: JSON.stringify({ name: `${role} key`, role }),
      });
      expect(res.status).toBe(201);
      keys[role] = ((await res.json()) as { key: string }).key;
      issuedSecrets.push(keys[role]);
    }
  });

  afterAll(async () => {
    await api?.stop();
    await mongo?.db(database).dropDatabase();
    await mongo?.close();
  });

  it('serves the generated OpenAPI document, and generation would change nothing', async () => {
    const res = await call('get', '/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(contract.document);
    const check = spawnCaptured(process.execPath, ['--import', 'tsx', 'api/generate.ts', '--check']);
    expect((await check.exited).code, check.output()).toBe(0);
  });

  it('answers 401 without a key and 403 for every role a route does not allow, on every route', async () => {
    const protectedOps = contract.operations.filter((op) => op.roles !== 'public');
    expect(protectedOps.length).toBeGreaterThan(10);
    for (const op of protectedOps) {
      const path = samplePath(op.path, op.operationId);
      const anonymous = await call(op.method, path);
      expect(anonymous.status, `${op.operationId} without a key`).toBe(401);
      expect(anonymous.headers.get('content-type')).toMatch(/problem\+json/);
      const wrongKey = await call(op.method, path, { key: 'hubk_aaaaaaaaaaaaaaaa_' + 'A'.repeat(43) });
      expect(wrongKey.status, `${op.operationId} with an unknown key`).toBe(401);
      for (const role of ROLES.filter((r) => !(op.roles as Role[]).includes(r))) {
        const res = await call(op.method, path, { key: keys[role] });
        expect(res.status, `${op.operationId} as ${role}`).toBe(403);
      }
    }
  });

  it('shows a new key once, stores only its hash, and stops accepting it when revoked', async () => {
    const res = await call('post', '/v1/api-keys', {
      key: keys.admin,
      body: { name: 'ERP push', role: 'system' },
    });
    const issued = (await res.json()) as { id: string; key: string };
    issuedSecrets.push(issued.key);
    expect(issued.key).toMatch(/^hubk_/);
    const listed = (await (await call('get', '/v1/api-keys', { key: keys.admin })).json()) as {
      items: object[];
    };
    expect(JSON.stringify(listed)).not.toContain(issued.key);
    expect(listed.items).toContainEqual(expect.objectContaining({ id: issued.id, role: 'system' }));
    const stored = await mongo
      .db(database)
      .collection(COLLECTIONS.apiKeys)
      .findOne({ _id: issued.id as never });
    expect(JSON.stringify(stored)).not.toContain(issued.key.split('_').pop());

    expect((await call('get', '/v1/smoke-runs/nope', { key: issued.key })).status).toBe(404);
    expect((await call('delete', `/v1/api-keys/${issued.id}`, { key: keys.admin })).status).toBe(204);
    expect((await call('get', '/v1/smoke-runs/nope', { key: issued.key })).status).toBe(401);
    expect((await call('delete', `/v1/api-keys/${issued.id}`, { key: keys.admin })).status).toBe(404);
  });

  it('replays the first response for a repeated Idempotency-Key and refuses it with another body', async () => {
    const idem = `idem-${randomUUID()}`;
    const body = { name: 'viewer for idempotency', role: 'viewer' };
    const first = await call('post', '/v1/api-keys', {
      key: keys.admin,
      body,
      headers: { 'idempotency-key': idem },
    });
    const again = await call('post', '/v1/api-keys', {
      key: keys.admin,
      body,
      headers: { 'idempotency-key': idem },
    });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const [a, b] = (await Promise.all([first.json(), again.json()])) as { id: string; key: string }[];
    issuedSecrets.push(a!.key);
    expect(b).toEqual(a);
    const listed = (await (await call('get', '/v1/api-keys', { key: keys.admin })).json()) as {
      items: { name: string }[];
    };
    expect(listed.items.filter((k) => k.name === body.name)).toHaveLength(1);

    const other = await call('post', '/v1/api-keys', {
      key: keys.admin,
      body: { ...body, role: 'support' },
      headers: { 'idempotency-key': idem },
    });
    expect(other.status).toBe(422);
    expect(((await other.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe(
      '/header/Idempotency-Key',
    );
    // The remembered response holds a freshly issued key: it is stored sealed, never readable.
    const stored = await mongo.db(database).collection(COLLECTIONS.idempotencyKeys).find().toArray();
    expect(JSON.stringify(stored)).not.toContain(a!.key);
  });

  it.each([
    ['an unknown field', { name: 'x', role: 'viewer', colour: 'red' }, '/colour'],
    ['a wrong type', { name: 5, role: 'viewer' }, '/name'],
    ['an unknown role', { name: 'x', role: 'root' }, '/role'],
    ['a missing field', { name: 'x' }, '/role'],
    ['a MongoDB operator key', { name: 'x', role: 'viewer', $where: 'sleep(1000)' }, '/$where'],
    ['a dotted key', { name: 'x', role: 'viewer', 'a.b': 1 }, '/a.b'],
  ])('answers %s with 400 problem+json naming the field, writing nothing', async (_what, body, path) => {
    const before = await mongo.db(database).collection(COLLECTIONS.apiKeys).countDocuments();
    const res = await call('post', '/v1/api-keys', { key: keys.admin, body });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as { errors: { path: string; message: string }[] };
    expect(problem.errors.map((e) => e.path)).toContain(path);
    expect(await mongo.db(database).collection(COLLECTIONS.apiKeys).countDocuments()).toBe(before);
  });

  it('validates query parameters against the contract', async () => {
    const res = await call('get', '/v1/connectors?limit=0&status=sleeping', { key: keys.admin });
    expect(res.status).toBe(400);
    const paths = ((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path).sort();
    expect(paths).toEqual(['/query/limit', '/query/status']);
  });

  it('never writes a key or secret to the log', () => {
    const log = api.output();
    expect(log.length).toBeGreaterThan(0);
    for (const secret of [keys.admin, ...issuedSecrets]) expect(log).not.toContain(secret);
  });
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After once a key has used its budget, on every replica alike', async () => {
    const env = {
      HUB_API_RATE_LIMIT_PER_MINUTE: '5',
      HUB_MONGODB_DATABASE: `hub_rate_${randomUUID().slice(0, 8)}`,
    };
    const [a, b] = await Promise.all([startApi(env), startApi(env)]);
    try {
      // The budget is per minute: start well inside a window so the burst cannot straddle two.
      const toBoundary = 60_000 - (Date.now() % 60_000);
      if (toBoundary < 10_000) await new Promise((r) => setTimeout(r, toBoundary + 200));
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 6; i++) {
        last = await fetch(`${(i % 2 ? b : a).url}/v1/api-keys`, { headers: adminHeaders() });
        statuses.push(last.status);
      }
      // Both replicas count against one budget: five pass, the sixth is refused.
      expect(statuses, `${a.output()}\n${b.output()}`).toEqual([200, 200, 200, 200, 200, 429]);
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(last!.headers.get('content-type')).toMatch(/problem\+json/);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});
