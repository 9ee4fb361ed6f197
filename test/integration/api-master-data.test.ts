import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { loadFixture } from '../../canonical-model/fixtures/load-fixture';
import { createOwnership } from '../../platform/ownership';
import { createQuarantine } from '../../platform/quarantine';
import { adminHeaders, apiCaller, startApi } from '../support/processes';
import type { HubProcess } from '../support/processes';

describe('system of record: ownership rules and the quarantine review', () => {
  const database = `hub_md_${randomUUID().slice(0, 8)}`;
  let api: HubProcess & { url: string };
  let mongo: MongoClient;
  const call = apiCaller(() => api.url);

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
    // A held document that is not a valid canonical item cannot be released into the master data.
    const notCanonical = await call<{ errors: { path: string }[] }>(
      'POST',
      `/v1/quarantine/${record!.id}/release`,
      { reason: 'price list fix, approved' },
    );
    expect(notCanonical.status).toBe(400);
    expect(notCanonical.body.errors.map((e) => e.path)).toContain('/document/legalEntityId');
    expect((await call<Held>('GET', `/v1/quarantine/${record!.id}`)).body.status).toBe('held');
    const discarded = await call<Held>('POST', `/v1/quarantine/${record!.id}/discard`, {
      reason: 'not a canonical item',
    });
    expect(discarded.status).toBe(200);
    expect(discarded.body.status).toBe('discarded');
    expect(discarded.body.history.map((h) => h.action)).toEqual(['held', 'discarded']);
    expect((await call('POST', `/v1/quarantine/${record!.id}/release`, {})).status).toBe(409);
    expect((await call('GET', '/v1/quarantine/qtn_000000000000000000000000')).status).toBe(404);
  });

  it('takes canonical master data over the API: owner applied, others held until released, bad documents named', async () => {
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
    const erp = (
      await call<{ id: string }>('POST', '/v1/connectors', { name: 'ERP 2', type: 'edi-x12-sftp', config })
    ).body.id;
    const shop = (
      await call<{ id: string }>('POST', '/v1/connectors', { name: 'Shop 2', type: 'edi-x12-sftp', config })
    ).body.id;
    await call('PUT', '/v1/ownership-rules/LE-MD/item', { ownerConnectorId: erp });
    const issue = async (connectorId: string) =>
      (await call<{ key: string }>('POST', '/v1/api-keys', { name: 'pusher', role: 'system', connectorId }))
        .body.key;
    const erpKey = { ...adminHeaders(), authorization: `Bearer ${await issue(erp)}` };
    const shopKey = { ...adminHeaders(), authorization: `Bearer ${await issue(shop)}` };

    const item = loadFixture('item');
    item.id = 'itm_api_1';
    item.legalEntityId = 'LE-MD';
    item.source = { connectorId: erp, system: 'netsuite', externalId: '9001', version: '7' };

    // The owner's update is applied; the same delivery again is recognised as a duplicate.
    const applied = await call('POST', '/v1/master-data/item', item, erpKey);
    expect(applied).toMatchObject({
      status: 200,
      body: { outcome: 'applied', id: 'itm_api_1', revision: 1 },
    });
    expect((await call('POST', '/v1/master-data/item', item, erpKey)).body.outcome).toBe('duplicate');
    const stored = await call<{ document: { name: string }; revision: number }>(
      'GET',
      '/v1/master-data/item/itm_api_1',
    );
    expect(stored.body.document.name).toBe(item.name);

    // A key bound to one connector cannot speak for another.
    const spoofed = await call<{ errors: { path: string }[] }>('POST', '/v1/master-data/item', item, shopKey);
    expect(spoofed.status).toBe(403);
    expect(spoofed.body.errors.map((e) => e.path)).toEqual(['/source/connectorId']);

    // The shop does not own items: its update is held, not applied, until a person releases it.
    const fromShop = { ...item, name: 'Renamed in the shop', source: { ...item.source, connectorId: shop } };
    const held = await call<{ outcome: string; quarantineId: string; reason: string }>(
      'POST',
      '/v1/master-data/item',
      fromShop,
      shopKey,
    );
    expect(held.status).toBe(202);
    expect(held.body.outcome).toBe('held');
    expect(held.body.reason).toContain(erp);
    expect((await call<typeof stored.body>('GET', '/v1/master-data/item/itm_api_1')).body.document.name).toBe(
      item.name,
    );
    expect(
      (await call('POST', `/v1/quarantine/${held.body.quarantineId}/release`, { reason: 'ok' })).status,
    ).toBe(200);
    const after = await call<typeof stored.body>('GET', '/v1/master-data/item/itm_api_1');
    expect(after.body).toMatchObject({ document: { name: 'Renamed in the shop' }, revision: 2 });

    // Bad documents are answered 400 with the field named, and nothing is stored.
    const bad = (patch: (doc: Record<string, unknown>) => void) => {
      const doc = structuredClone({ ...item, id: 'itm_api_bad' }) as unknown as Record<string, unknown>;
      patch(doc);
      return call<{ errors: { path: string; message: string }[] }>(
        'POST',
        '/v1/master-data/item',
        doc,
        erpKey,
      );
    };
    const cases: [string, (doc: Record<string, unknown>) => void, string][] = [
      [
        'a GTIN with a wrong check digit',
        (d) => ((d.identifiers as { value: string }[])[2]!.value = '10012345678903'),
        '/identifiers/2/value',
      ],
      [
        'money as a number',
        (d) => ((d.standardCost as Record<string, unknown>).amount = 1.845),
        '/standardCost/amount',
      ],
      ['an unknown unit', (d) => (d.baseUom = 'BUCKET'), '/baseUom'],
      ['an unknown field', (d) => (d.colour = 'red'), '/colour'],
      [
        'an operator key',
        (d) => ((d.attributes as Record<string, unknown>).$where = 'sleep(1)'),
        '/attributes/$where',
      ],
      [
        'an unregistered connector',
        (d) => ((d.source as Record<string, unknown>).connectorId = 'con_aaaaaaaaaaaaaaaaaaaa'),
        '/source/connectorId',
      ],
    ];
    for (const [what, patch, path] of cases) {
      const res = await bad(patch);
      expect(res.status, what).toBe(what === 'an unregistered connector' ? 403 : 400);
      expect(
        res.body.errors.map((e) => e.path),
        what,
      ).toContain(path);
    }
    const viaAdmin = structuredClone({ ...item, id: 'itm_api_bad' });
    viaAdmin.source.connectorId = 'con_aaaaaaaaaaaaaaaaaaaa';
    const unknownConnector = await call<{ errors: { path: string }[] }>(
      'POST',
      '/v1/master-data/item',
      viaAdmin,
    );
    expect(unknownConnector.status).toBe(400);
    expect(unknownConnector.body.errors.map((e) => e.path)).toEqual(['/source/connectorId']);
    expect((await call('GET', '/v1/master-data/item/itm_api_bad')).status).toBe(404);

    const metrics = await (await fetch(`${api.url}/metrics`)).text();
    expect(metrics).toMatch(/hub_master_data_updates_total\{object_type="item",outcome="held"[^}]*\} 1/);
    expect(metrics).toMatch(new RegExp(`hub_inbound_duplicates_total\\{source="${erp}"[^}]*\\} 1`));
  });
});
