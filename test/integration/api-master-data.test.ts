import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { createOwnership } from '../../platform/ownership';
import { createQuarantine } from '../../platform/quarantine';
import { adminHeaders, startApi } from '../support/processes';
import type { HubProcess } from '../support/processes';

describe('system of record: ownership rules and the quarantine review', () => {
  const database = `hub_md_${randomUUID().slice(0, 8)}`;
  let api: HubProcess & { url: string };
  let mongo: MongoClient;
  const call = async <T = Record<string, unknown>>(method: string, path: string, body?: unknown) => {
    const res = await fetch(`${api.url}${path}`, {
      method,
      headers: adminHeaders(),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as T };
  };

  beforeAll(async () => {
    api = await startApi({ HUB_MONGODB_DATABASE: database });
    mongo = await MongoClient.connect(process.env.HUB_MONGODB_URI!);
  });
  afterAll(async () => {
    await api?.stop();
    await mongo?.db(database).dropDatabase();
    await mongo?.close();
  });

  it('rejects a master-data update from a connector that does not own the object, keeping it for review', async () => {
    const config = {
      host: process.env.HUB_SFTP_HOST,
      port: Number(process.env.HUB_SFTP_PORT),
      username: process.env.HUB_SFTP_USER,
      privateKey: readFileSync(process.env.HUB_SFTP_KEY_FILE!, 'utf8'),
      hostKey: readFileSync(process.env.HUB_SFTP_KNOWN_HOSTS!, 'utf8')
        .trim()
        .split(' ')
        .slice(1, 3)
        .join(' '),
      inboundDir: 'inbound',
      outboundDir: 'outbound',
    };
    const owner = await call<{ id: string }>('POST', '/v1/connectors', {
      name: 'ERP',
      type: 'edi-x12-sftp',
      config,
    });
    const other = await call<{ id: string }>('POST', '/v1/connectors', {
      name: 'Webshop',
      type: 'edi-x12-sftp',
      config,
    });

    const rule = await call('PUT', '/v1/ownership-rules/LE-US/item', { ownerConnectorId: owner.body.id });
    expect(rule.status).toBe(200);
    expect(rule.body).toMatchObject({
      legalEntityId: 'LE-US',
      objectType: 'item',
      ownerConnectorId: owner.body.id,
    });
    expect(
      (await call('PUT', '/v1/ownership-rules/LE-US/item', { ownerConnectorId: 'con_aaaaaaaaaaaaaaaaaaaa' }))
        .status,
    ).toBe(404);
    const rules = await call<{ items: { objectType: string }[] }>(
      'GET',
      '/v1/ownership-rules?legalEntityId=LE-US',
    );
    expect(rules.body.items.map((r) => r.objectType)).toEqual(['item']);

    // The check every master-data update goes through (connectors call it when they ingest).
    const quarantine = createQuarantine(mongo.db(database));
    const ownership = createOwnership(mongo.db(database), quarantine);
    const item = { id: 'item-1', sku: 'WIDGET-1', description: 'Widget from the web shop' };
    expect(
      await ownership.checkMasterDataUpdate({
        legalEntityId: 'LE-US',
        objectType: 'item',
        connectorId: owner.body.id,
        document: item,
      }),
    ).toEqual({ allowed: true });
    const refused = await ownership.checkMasterDataUpdate({
      legalEntityId: 'LE-US',
      objectType: 'item',
      connectorId: other.body.id,
      document: item,
    });
    expect(refused.allowed).toBe(false);

    // Support sees it, with the reason and the document as received, and decides.
    type Held = {
      id: string;
      status: string;
      reason: string;
      document: unknown;
      history: { action: string }[];
    };
    const held = await call<{ items: Held[] }>('GET', '/v1/quarantine?status=held&objectType=item');
    expect(held.body.items).toHaveLength(1);
    const [record] = held.body.items;
    expect(record!.document).toEqual(item);
    expect(record!.reason).toContain(owner.body.id);
    expect((await call<Held>('GET', `/v1/quarantine/${record!.id}`)).body.id).toBe(record!.id);

    const noReason = await call<{ errors: { path: string }[] }>(
      'POST',
      `/v1/quarantine/${record!.id}/discard`,
      {},
    );
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors.map((e) => e.path)).toEqual(['/reason']);
    const released = await call<Held>('POST', `/v1/quarantine/${record!.id}/release`, {
      reason: 'price list fix, approved',
    });
    expect(released.status).toBe(200);
    expect(released.body.status).toBe('released');
    expect(released.body.history.map((h) => h.action)).toContain('released');
    expect((await call('POST', `/v1/quarantine/${record!.id}/discard`, { reason: 'too late' })).status).toBe(
      409,
    );
    expect((await call('GET', '/v1/quarantine/qtn_000000000000000000000000')).status).toBe(404);
  });
});
