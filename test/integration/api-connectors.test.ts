import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { COLLECTIONS } from '../../platform/collections';
import { adminHeaders, startApi } from '../support/processes';
import type { HubProcess } from '../support/processes';

// The test stack's real OpenSSH server (scripts/test.sh exports where it is and its keys).
const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests with scripts/test.sh`);
  return value;
};
const privateKey = readFileSync(env('HUB_SFTP_KEY_FILE'), 'utf8');
const hostKey = readFileSync(env('HUB_SFTP_KNOWN_HOSTS'), 'utf8').trim().split(' ').slice(1, 3).join(' ');
const sftpConfig = {
  host: env('HUB_SFTP_HOST'),
  port: Number(env('HUB_SFTP_PORT')),
  username: env('HUB_SFTP_USER'),
  privateKey,
  hostKey,
  inboundDir: 'inbound',
  outboundDir: 'outbound',
};
const keyMaterial = privateKey.split('\n')[2]!; // a line of the key body, to look for in responses and logs

describe('connectors through the API, against the real SFTP server', () => {
  const database = `hub_conn_${randomUUID().slice(0, 8)}`;
  let api: HubProcess & { url: string };
  let mongo: MongoClient;
  const bodies: string[] = [];

  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${api.url}${path}`, {
      method,
      headers: adminHeaders(headers),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    bodies.push(text);
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> };
  };

  beforeAll(async () => {
    api = await startApi({ HUB_MONGODB_DATABASE: database });
    mongo = await MongoClient.connect(env('HUB_MONGODB_URI'));
  });
  afterAll(async () => {
    await api?.stop();
    await mongo?.db(database).dropDatabase();
    await mongo?.close();
  });

  it('lists connector types with their config schema, secrets marked, and declared capabilities', async () => {
    const { status, body } = await call('GET', '/v1/connector-types');
    expect(status).toBe(200);
    const sftp = (
      body.items as {
        type: string;
        kind: string;
        capabilities: object;
        configSchema: { properties: Record<string, Record<string, unknown>> };
      }[]
    ).find((t) => t.type === 'edi-x12-sftp');
    expect(sftp?.kind).toBe('edi');
    expect(sftp?.capabilities).toMatchObject({ transports: ['sftp'], supportsWebhooks: false });
    expect(sftp?.configSchema.properties.privateKey?.['x-secret']).toBe(true);
  });

  it('validates a configuration without side effects, naming each bad field', async () => {
    const { status, body } = await call('POST', '/v1/connector-types/edi-x12-sftp/validate', {
      config: { ...sftpConfig, port: 'twenty-two', hostKey: undefined, colour: 'red' },
    });
    expect(status).toBe(200);
    expect(body.valid).toBe(false);
    const paths = (body.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(['/colour', '/hostKey', '/port']);
    const ok = await call('POST', '/v1/connector-types/edi-x12-sftp/validate', { config: sftpConfig });
    expect(ok.body).toEqual({ valid: true, errors: [] });
    expect(await mongo.db(database).collection(COLLECTIONS.connectors).countDocuments()).toBe(0);
    expect((await call('POST', '/v1/connector-types/no-such-type/validate', { config: {} })).status).toBe(
      404,
    );
  });

  it('registers, tests, pauses, resumes, updates and deletes a connector; its secret never comes back', async () => {
    const created = await call('POST', '/v1/connectors', {
      name: 'Acme EDI',
      type: 'edi-x12-sftp',
      config: sftpConfig,
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ status: 'active', kind: 'edi', revision: 1 });
    expect((created.body.config as { privateKey: string }).privateKey).toBe('***');

    // Encrypted at rest: the stored document does not hold the key.
    const raw = await mongo
      .db(database)
      .collection(COLLECTIONS.connectors)
      .findOne({ _id: id as never });
    expect(JSON.stringify(raw)).not.toContain(keyMaterial);

    const tested = await call('POST', `/v1/connectors/${id}/test`);
    expect(tested.status).toBe(200);
    expect(tested.body.ok, JSON.stringify(tested.body)).toBe(true);
    expect((tested.body.checks as { name: string }[]).length).toBeGreaterThanOrEqual(3);

    const duplicate = await call('POST', '/v1/connectors', {
      name: 'Acme EDI',
      type: 'edi-x12-sftp',
      config: sftpConfig,
    });
    expect(duplicate.status).toBe(409);

    const paused = await call('POST', `/v1/connectors/${id}/pause`, { reason: 'partner maintenance window' });
    expect(paused.body).toMatchObject({ status: 'paused', pausedReason: 'partner maintenance window' });
    const resumed = await call('POST', `/v1/connectors/${id}/resume`);
    expect(resumed.body.status).toBe('active');

    // A secret sent back as "***" keeps its stored value: the renamed connector still logs in.
    const renamed = await call('PATCH', `/v1/connectors/${id}`, {
      name: 'Acme EDI (prod)',
      config: { privateKey: '***', connectTimeoutMs: 20_000 },
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body).toMatchObject({
      name: 'Acme EDI (prod)',
      revision: (resumed.body.revision as number) + 1,
    });
    expect((await call('POST', `/v1/connectors/${id}/test`)).body.ok).toBe(true);

    // A wrong pinned host key: the probe refuses the server instead of trusting it.
    const otherKey = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDxIXZj9W3bmZzPgVjM4qzRcjWq5XJ6f8kJ0V0KpQhgb';
    await call('PATCH', `/v1/connectors/${id}`, { config: { hostKey: otherKey } });
    const refused = await call('POST', `/v1/connectors/${id}/test`);
    expect(refused.body.ok).toBe(false);
    expect(JSON.stringify(refused.body)).toMatch(/host key/i);

    // Each live probe is counted by outcome on the API's metrics.
    const metrics = await (await fetch(`${api.url}/metrics`)).text();
    const calls = (outcome: string) =>
      Number(
        metrics
          .split('\n')
          .find(
            (l) =>
              l.startsWith('hub_connector_calls_total{') &&
              l.includes(id) &&
              l.includes(`outcome="${outcome}"`),
          )
          ?.split(' ')
          .pop() ?? 0,
      );
    expect(calls('ok')).toBe(2);
    expect(calls('config')).toBe(1);

    const stale = await call('PATCH', `/v1/connectors/${id}`, { name: 'x', expectedRevision: 1 });
    expect(stale.status).toBe(409);

    const listed = await call('GET', '/v1/connectors?type=edi-x12-sftp&limit=10');
    expect((listed.body.items as { id: string }[]).map((c) => c.id)).toEqual([id]);

    expect((await call('DELETE', `/v1/connectors/${id}`)).status).toBe(204);
    expect((await call('GET', `/v1/connectors/${id}`)).status).toBe(404);
  });

  it('refuses an invalid connector with the field paths and stores nothing', async () => {
    const { status, body } = await call('POST', '/v1/connectors', {
      name: 'Broken',
      type: 'edi-x12-sftp',
      config: { ...sftpConfig, privateKey: 'not a key', port: -1 },
    });
    expect(status).toBe(400);
    expect((body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
      '/config/port',
      '/config/privateKey',
    ]);
    expect(
      await mongo.db(database).collection(COLLECTIONS.connectors).countDocuments({ name: 'Broken' }),
    ).toBe(0);
  });

  it('never returns or logs the private key', () => {
    expect(bodies.length).toBeGreaterThan(5);
    for (const body of bodies) expect(body).not.toContain(keyMaterial);
    expect(api.output()).not.toContain(keyMaterial);
  });
});
