import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { loadFixture } from '../../canonical-model/fixtures/load-fixture';
import { ensureTopics } from '../../platform/kafka';
import { TOPICS } from '../../platform/kafka-topics';
import { adminHeaders, apiCaller, eventually, startApi, startWorker } from '../support/processes';
import type { HubProcess } from '../support/processes';
import { ediFixture, partnerBody, postInterchange, sftpFolders } from '../support/edi';
import type { SftpFolders } from '../support/edi';

interface SetView {
  id: string;
  setId: string;
  status: string;
  syntaxStatus: string | null;
  syntaxCodes: string[];
  businessKeys: Record<string, string>;
  documents: { documentType: string; id: string }[];
  error: { message: string; fieldErrors?: { path: string }[] } | null;
}

/** The fixture with its interchange control number changed (ISA13 and IEA02), so it is not a duplicate. */
function renumbered(name: string, from: string, to: string): Buffer {
  return Buffer.from(ediFixture(name).toString('latin1').split(from).join(to), 'latin1');
}

describe('EDI over HTTP and SFTP, through the API', () => {
  const database = `hub_edi_${randomUUID().slice(0, 8)}`;
  let api: HubProcess & { url: string };
  let mongo: MongoClient;
  let sftp: SftpFolders;
  let connectorId: string;
  let customerId: string;
  const call = apiCaller(() => api.url);

  beforeAll(async () => {
    sftp = await sftpFolders();
    // The worker creates the hub's topics at start-up; this file starts one only for its last test.
    await ensureTopics(
      { brokers: process.env.HUB_KAFKA_BROKERS!, clientId: 'api-edi-test' },
      Object.values(TOPICS),
    );
    api = await startApi({ HUB_MONGODB_DATABASE: database });
    mongo = await MongoClient.connect(process.env.HUB_MONGODB_URI!);
    const connector = await call<{ id: string }>('POST', '/v1/connectors', {
      name: 'Hub Test Retail mailbox',
      type: 'edi-x12-sftp',
      config: { ...sftp.config, pollIntervalSeconds: 5 },
    });
    expect(connector.status, JSON.stringify(connector.body)).toBe(201);
    connectorId = connector.body.id;
    const partner = await call<{ id: string }>('POST', '/v1/trading-partners', partnerBody(connectorId));
    expect(partner.status, JSON.stringify(partner.body)).toBe(201);
    customerId = partner.body.id;
  });
  afterAll(async () => {
    await api?.stop();
    await mongo?.db(database).dropDatabase();
    await mongo?.close();
  });

  it('acknowledges every group of an interchange, keeps its bytes and finds its sets by PO number', async () => {
    const bytes = ediFixture('v17_850_856_mappable.edi');
    const res = await postInterchange(api.url, connectorId, bytes);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toMatchObject({ controlNumber: '000000701', partnerId: customerId, status: 'accepted' });
    const groups = res.body.groups as { functionalId: string; status: string }[];
    expect(groups.map((g) => [g.functionalId, g.status])).toEqual([
      ['PO', 'A'],
      ['SH', 'A'],
    ]);
    const sets = res.body.sets as unknown as SetView[];
    expect(
      sets.every((s) => s.status === 'accepted'),
      JSON.stringify(sets),
    ).toBe(true);
    const ack = (res.body.acknowledgement as { content: string; setIds: string[] }).content;
    expect(ack.slice(0, 106)).toMatch(/^ISA\*00\*.{10}\*00\*.{10}\*ZZ\*DISTRIB {8}\*ZZ\*HUBTEST {8}\*/);
    expect(ack).toContain('AK1*PO*701');
    expect(ack).toContain('AK1*SH*');
    expect(ack.match(/AK9\*A\*2\*2\*2/g)).toHaveLength(2);

    const found = await call<{ items: SetView[] }>('GET', '/v1/edi/transaction-sets?poNumber=PO-5001');
    const order = found.body.items.find((s) => s.setId === '850');
    expect(order?.documents[0]?.documentType).toBe('sales-order');

    const id = res.body.interchangeId as string;
    const raw = await fetch(`${api.url}/v1/edi/interchanges/${id}/raw`, { headers: adminHeaders() });
    expect(raw.headers.get('content-type')).toMatch(/application\/edi-x12/);
    expect(Buffer.from(await raw.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('answers a resent interchange with TA1 025 and processes none of it again', async () => {
    const res = await postInterchange(api.url, connectorId, ediFixture('v17_850_856_mappable.edi'));
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'duplicate', ta1: { status: 'R', note: '025' }, sets: [] });
    expect((res.body.acknowledgement as { content: string }).content).toMatch(
      /TA1\*000000701\*\d{6}\*\d{4}\*R\*025/,
    );
  });

  it('rejects a set with a bad date in its 997 and passes nothing of it on', async () => {
    const res = await postInterchange(api.url, connectorId, ediFixture('v09_850_bad_date.edi'));
    expect(res.status).toBe(202);
    const [set] = res.body.sets as unknown as SetView[];
    expect(set).toMatchObject({ status: 'rejected', syntaxStatus: 'R', documents: [] });
    const ack = (res.body.acknowledgement as { content: string }).content;
    expect(ack).toMatch(/AK3\*BEG\*2\*\*8/);
    expect(ack).toMatch(/AK4\*5\*373\*8\*20241301/);
    expect(ack).toMatch(/AK5\*R/);
  });

  it('keeps bytes that are not X12 and answers 422 naming what is wrong', async () => {
    const garbage = ediFixture('v11_garbage.bin');
    const res = await postInterchange(api.url, connectorId, garbage);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ type: '/problems/not-x12', errors: [{ path: '/ISA' }] });
    const kept = await call<{ status: string; byteCount: number }>(
      'GET',
      `/v1/edi/interchanges/${String(res.body.interchangeId)}`,
    );
    expect(kept.body).toMatchObject({ status: 'unreadable', byteCount: garbage.length });
  });

  it('refuses an interchange from a sender with no profile, naming ISA06, and keeps it', async () => {
    const res = await postInterchange(api.url, connectorId, ediFixture('02_850_pipe_multi_st_dirty_upc.x12'));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      type: '/problems/unknown-trading-partner',
      errors: [{ path: '/ISA06' }],
    });
    expect(String(res.body.detail)).toContain('ZZ/ABCCO');
  });

  it('answers 415 to a body that is not sent as X12', async () => {
    const res = await postInterchange(api.url, connectorId, Buffer.from('{}'), 'application/json');
    expect(res.status).toBe(415);
  });

  it('keeps a test-indicator interchange away from the flows', async () => {
    const test = Buffer.from(
      renumbered('v17_850_856_mappable.edi', '000000701', '000000711')
        .toString('latin1')
        .replace('*0*P*>', '*0*T*>'),
      'latin1',
    );
    const res = await postInterchange(api.url, connectorId, test);
    expect(res.status).toBe(202);
    const sets = res.body.sets as unknown as SetView[];
    expect(sets.length).toBeGreaterThan(0);
    expect(sets.every((s) => s.status === 'test')).toBe(true);
  });

  it('takes a file dropped on the SFTP server: acknowledged there, archived, found by its PO number', async () => {
    await sftp.drop('po-5001.x12', renumbered('v17_850_856_mappable.edi', '000000701', '000000721'));
    await sftp.drop('junk.bin', ediFixture('v11_garbage.bin'));
    const polled = await call<{
      files: { name: string; outcome: string; acknowledgementPath: string | null }[];
    }>('POST', `/v1/edi/${connectorId}/poll`);
    expect(polled.status, JSON.stringify(polled.body)).toBe(200);
    const byName = Object.fromEntries(polled.body.files.map((f) => [f.name, f]));
    expect(byName['po-5001.x12']?.outcome).toBe('archived');
    expect(byName['junk.bin']?.outcome).toBe('error-folder');
    expect(await sftp.names(sftp.config.archiveDir!)).toContain('po-5001.x12');
    expect(await sftp.names(sftp.config.errorDir!)).toContain('junk.bin');
    expect(await sftp.names(sftp.config.inboundDir)).toEqual([]);
    const ackPath = byName['po-5001.x12']!.acknowledgementPath!;
    expect((await sftp.read(ackPath)).toString('latin1')).toContain('AK1*PO*701');
    const found = await call<{ items: SetView[] }>('GET', '/v1/edi/transaction-sets?poNumber=PO-5001');
    expect(found.body.items.filter((s) => s.setId === '850').length).toBeGreaterThanOrEqual(2);
    // The partner sends the same file again: a duplicate, answered with a TA1 in a file of its own name.
    await sftp.drop('po-5001.x12', renumbered('v17_850_856_mappable.edi', '000000701', '000000721'));
    const again = await call<{
      files: { name: string; outcome: string; status: string; acknowledgementPath: string | null }[];
    }>('POST', `/v1/edi/${connectorId}/poll`);
    const resent = again.body.files[0]!;
    expect(resent).toMatchObject({ name: 'po-5001.x12', outcome: 'error-folder', status: 'duplicate' });
    expect(resent.acknowledgementPath).not.toBe(ackPath);
    expect((await sftp.read(resent.acknowledgementPath!)).toString('latin1')).toMatch(
      /TA1\*000000721\*\d{6}\*\d{4}\*R\*025/,
    );
  });

  it('sends a PO to a supplier over SFTP and matches the 997 the supplier answers with', async () => {
    const supplier = await call<{ id: string }>(
      'POST',
      '/v1/trading-partners',
      partnerBody(connectorId, {
        name: 'Supplier One',
        role: 'supplier',
        partyId: 'sup-one',
        partner: { isa: { qualifier: 'ZZ', id: 'SUPPLY1' }, gsId: 'SUPPLY1' },
        sets: [
          { set: '850', direction: 'outbound' },
          { set: '997', direction: 'inbound' },
        ],
      }),
    );
    expect(supplier.status, JSON.stringify(supplier.body)).toBe(201);
    const order = loadFixture('purchase-order');
    const sent = await call<{
      controlNumber: string;
      delivery: { method: string; path: string };
      sets: { groupControlNumber: string; controlNumber: string }[];
    }>('POST', `/v1/edi/${connectorId}/outbound`, { partnerId: supplier.body.id, documents: [order] });
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    expect(sent.body.delivery.method).toBe('sftp');
    const file = (await sftp.read(sent.body.delivery.path)).toString('latin1');
    expect(file).toMatch(/^ISA\*00\*.{10}\*00\*.{10}\*ZZ\*DISTRIB {8}\*ZZ\*SUPPLY1 {8}\*/);
    expect(file).toContain(`BEG*00*`);

    const pending = await call<{ items: { status: string; controlNumber: string }[] }>(
      'GET',
      `/v1/edi/acknowledgements?partnerId=${supplier.body.id}`,
    );
    expect(pending.body.items).toEqual([expect.objectContaining({ status: 'pending' })]);

    const gs06 = sent.body.sets[0]!.groupControlNumber;
    const st02 = sent.body.sets[0]!.controlNumber;
    const segments = [
      'ISA*00*          *00*          *ZZ*SUPPLY1        *ZZ*DISTRIB        *240401*1200*U*00401*000007001*0*P*>',
      'GS*FA*SUPPLY1*DISTRIB*20240401*1200*7001*X*004010',
      'ST*997*0001',
      `AK1*PO*${gs06}`,
      `AK2*850*${st02}`,
      'AK5*A',
      'AK9*A*1*1*1',
      'SE*6*0001',
      'GE*1*7001',
      'IEA*1*000007001',
    ];
    await sftp.drop('997-from-supplier.x12', Buffer.from(segments.join('~\n') + '~\n'));
    await call('POST', `/v1/edi/${connectorId}/poll`);
    const acked = await call<{ items: { status: string; overdue: boolean }[] }>(
      'GET',
      `/v1/edi/acknowledgements?partnerId=${supplier.body.id}`,
    );
    expect(acked.body.items).toEqual([expect.objectContaining({ status: 'accepted', overdue: false })]);
  });

  it('refuses documents that cannot be sent, naming each field', async () => {
    const order = { ...loadFixture('purchase-order'), poNumber: undefined };
    const res = await call<{ errors: { path: string }[] }>('POST', `/v1/edi/${connectorId}/outbound`, {
      partnerId: customerId,
      documents: [order, loadFixture('sales-order')],
    });
    expect(res.status).toBe(400);
    const paths = res.body.errors.map((e) => e.path);
    expect(paths).toContain('/documents/0/poNumber');
    expect(paths).toContain('/documents/1/documentType');
  });

  it('manages trading partner profiles, refusing bad ones with the field named', async () => {
    const listed = await call<{ items: { id: string }[] }>(
      'GET',
      `/v1/trading-partners?connectorId=${connectorId}`,
    );
    expect(listed.body.items.map((p) => p.id)).toContain(customerId);
    const again = await call('POST', '/v1/trading-partners', partnerBody(connectorId));
    expect(again.status).toBe(409);
    const bad = await call<{ errors: { path: string }[] }>(
      'POST',
      '/v1/trading-partners',
      partnerBody(connectorId, {
        partner: { isa: { qualifier: 'ZZ', id: 'OTHER' }, gsId: 'OTHER' },
        timeZone: 'Mars/Olympus',
        delimiters: { element: '*', component: '*', segment: '~', suffix: '' },
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.path).sort()).toEqual(['/delimiters', '/timeZone']);
    const shape = await call<{ errors: { path: string }[] }>(
      'POST',
      '/v1/trading-partners',
      partnerBody(connectorId, {
        usage: 'X',
        us: { isa: { qualifier: 'zz', id: 'DISTRIB' }, gsId: 'DISTRIB' },
      }),
    );
    expect(shape.status).toBe(400);
    expect(shape.body.errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['/usage', '/us/isa/qualifier']),
    );
  });

  it('keeps a set that does not map as failed, found by its PO number, and maps it again after the profile is fixed', async () => {
    const text = renumbered('v17_850_856_mappable.edi', '000000701', '000000741')
      .toString('latin1')
      .replace('PO-5001', 'PO-7401')
      .replace('UP*012345678905~', 'UP*012345678901~');
    const res = await postInterchange(api.url, connectorId, Buffer.from(text, 'latin1'));
    expect(res.status).toBe(202);
    const found = await call<{ items: SetView[] }>('GET', '/v1/edi/transaction-sets?poNumber=PO-7401');
    const failed = found.body.items.find((s) => s.setId === '850')!;
    expect(failed).toMatchObject({ status: 'failed', syntaxStatus: 'A' });
    expect(failed.error?.fieldErrors?.[0]?.path).toBe('/7/PO107');
    // The 997 accepted it: a 997 reports syntax; the business problem is the hub's to solve.
    expect((res.body.acknowledgement as { content: string }).content).toMatch(/AK2\*850\*0001~\nAK5\*A/);

    const profile = await call<Record<string, unknown>>('GET', `/v1/trading-partners/${customerId}`);
    const input = Object.fromEntries(
      Object.entries(profile.body).filter(([k]) => !['id', 'createdAt', 'updatedAt', 'revision'].includes(k)),
    );
    const revision = profile.body.revision;
    const fixed = await call('PUT', `/v1/trading-partners/${customerId}`, {
      ...input,
      identifierChecks: 'lenient',
      expectedRevision: revision,
    });
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    const replayed = await call<SetView & { replays: number }>(
      'POST',
      `/v1/edi/transaction-sets/${failed.id}/replay`,
    );
    expect(replayed.status, JSON.stringify(replayed.body)).toBe(200);
    expect(replayed.body).toMatchObject({ status: 'accepted', replays: 1, error: null });
    expect(replayed.body.documents[0]?.documentType).toBe('sales-order');
    const twice = await call('POST', `/v1/edi/transaction-sets/${failed.id}/replay`);
    expect(twice.status).toBe(409);
  });

  it('a worker picks up a dropped file by itself', async () => {
    const worker = await startWorker({ HUB_MONGODB_DATABASE: database });
    try {
      await sftp.drop('po-worker.x12', renumbered('v17_850_856_mappable.edi', '000000701', '000000731'));
      await eventually(
        'the worker archives the file',
        async () =>
          (await sftp.names(sftp.config.archiveDir!)).includes('po-worker.x12') ? true : undefined,
        45_000,
        500,
      );
      const kept = await call<{ items: { fileName: string; status: string }[] }>(
        'GET',
        `/v1/edi/interchanges?connectorId=${connectorId}&controlNumber=731`,
      );
      expect(kept.body.items[0]).toMatchObject({ fileName: 'po-worker.x12', status: 'accepted' });
    } finally {
      await worker.stop();
    }
  });
});
