/**
 * The EDI part of command 1's demo, over the stack's real OpenSSH server: a customer and a supplier trading
 * partner on the demo SFTP connector; a customer's 850 dropped into the inbound folder is picked up, acknowledged
 * with a 997 in the outbound folder, archived and found by its PO number; the same customer posts another 850 over
 * HTTP; and a purchase order goes to the supplier as an 850 whose 997 the hub then waits for.
 */
import { loadFixture } from '../canonical-model/fixtures/load-fixture';
import { withGs1CheckDigit } from '../canonical-model/gtin';
import { stackSftpConfig } from '../connectors/edi-sftp/test-server';
import { withSftp } from '../connectors/edi-sftp/transport';

/** How the demo reaches the API. */
export interface DemoApi {
  call<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
  raw(
    method: string,
    path: string,
    body: Buffer,
    contentType: string,
  ): Promise<{ status: number; body: unknown }>;
  say(line: string): void;
}

const DEMO_DIRS = {
  inboundDir: 'inbound',
  outboundDir: 'outbound',
  archiveDir: 'archive',
  errorDir: 'error',
};

/** A customer's 850 for one PO, enveloped from DEMORETAIL to DISTHUB, with valid GS1 check digits. */
export function demo850(poNumber: string, controlNumber: number, now = new Date()): Buffer {
  const isa13 = String(controlNumber).padStart(9, '0');
  const ymd = now.toISOString().slice(0, 10).replace(/-/g, '');
  const upc1 = withGs1CheckDigit('07123400001');
  const upc2 = withGs1CheckDigit('07123400002');
  const segments = [
    `ISA*00*          *00*          *ZZ*DEMORETAIL     *ZZ*DISTHUB        *${ymd.slice(2)}*1200*U*00401*${isa13}*0*P*>`,
    `GS*PO*DEMORETAIL*DISTHUB*${ymd}*1200*${controlNumber}*X*004010`,
    'ST*850*0001',
    `BEG*00*SA*${poNumber}**${ymd}`,
    `DTM*002*${ymd}`,
    'N1*ST*DEMO RETAIL STORE 12*92*0012',
    'N3*12 MARKET ST',
    'N4*SPRINGFIELD*IL*62701*US',
    `PO1*1*12*EA*2.95*PE*UP*${upc1}*VN*WID-1001`,
    `PO1*2*4*EA*3.20*PE*UP*${upc2}*VN*WID-1002`,
    'CTT*2*16',
    'SE*10*0001',
    `GE*1*${controlNumber}`,
    `IEA*1*${isa13}`,
  ];
  return Buffer.from(segments.join('~\n') + '~\n', 'latin1');
}

function partner(connectorId: string, legalEntityId: string, kind: 'customer' | 'supplier') {
  const customer = kind === 'customer';
  return {
    connectorId,
    name: customer ? 'Demo Retail (EDI)' : 'Demo Supplier (EDI)',
    legalEntityId,
    role: kind,
    partyId: customer ? 'cust-demo-retail' : 'sup-demo-supply',
    partner: customer
      ? { isa: { qualifier: 'ZZ', id: 'DEMORETAIL' }, gsId: 'DEMORETAIL' }
      : { isa: { qualifier: 'ZZ', id: 'DEMOSUPPLY' }, gsId: 'DEMOSUPPLY' },
    us: { isa: { qualifier: 'ZZ', id: 'DISTHUB' }, gsId: 'DISTHUB' },
    interchangeVersion: '00401',
    groupVersion: '004010',
    delimiters: { element: '*', component: '>', segment: '~', suffix: '\n' },
    acknowledgement: { type: '997', ta1: 'on-request', setResponses: 'all', expectedWithinMinutes: 240 },
    usage: 'P',
    timeZone: 'America/Chicago',
    productIdQualifiers: ['UP', 'VN'],
    sets: customer
      ? ['850', '860', '997']
          .map((set) => ({ set, direction: 'inbound' }))
          .concat(['855', '856', '810'].map((set) => ({ set, direction: 'outbound' })))
      : [{ set: '850', direction: 'outbound' }].concat(
          ['855', '856', '810', '997'].map((set) => ({ set, direction: 'inbound' })),
        ),
  };
}

/** Polls `check` until it returns a value (20 s at most). */
async function waitFor<T>(check: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 80; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the EDI demo timed out waiting for the hub');
}

/** Runs the EDI demo against the demo SFTP connector. */
export async function runEdiDemo(api: DemoApi, connectorId: string, legalEntityId: string): Promise<void> {
  const sftp = stackSftpConfig();
  await withSftp(sftp, async (s) => {
    for (const dir of Object.values(DEMO_DIRS)) if (!(await s.statIfExists(dir))) await s.mkdir(dir);
  });
  await api.call('PATCH', `/v1/connectors/${connectorId}`, {
    config: { ...DEMO_DIRS, pollIntervalSeconds: 10 },
  });
  const existing = await api.call<{ items: { id: string; name: string }[] }>(
    'GET',
    `/v1/trading-partners?connectorId=${connectorId}`,
  );
  const ids: Record<string, string> = {};
  for (const kind of ['customer', 'supplier'] as const) {
    const body = partner(connectorId, legalEntityId, kind);
    const found = existing.items.find((p) => p.name === body.name);
    ids[kind] = found?.id ?? (await api.call<{ id: string }>('POST', '/v1/trading-partners', body)).id;
  }
  api.say(`EDI trading partners: Demo Retail ${ids.customer}, Demo Supplier ${ids.supplier}`);

  // A fresh control number and PO number each run: the hub refuses a resent ISA13 as a duplicate.
  const run = Math.floor(Date.now() / 1000) % 900_000_000;
  const poNumber = `EDI-PO-${run}`;
  await withSftp(sftp, async (s) => {
    await s.writeFile(`inbound/.${poNumber}.part`, demo850(poNumber, run));
    await s.rename(`inbound/.${poNumber}.part`, `inbound/${poNumber}.x12`);
  });
  // Take it now; the worker's own poller may have been quicker, which is fine: either one claims the file.
  await api.call('POST', `/v1/edi/${connectorId}/poll`);
  const taken = await waitFor(async () => {
    const sets = await api.call<{ items: { interchangeId: string; direction: string; setId: string }[] }>(
      'GET',
      `/v1/edi/transaction-sets?poNumber=${poNumber}`,
    );
    // The order flow answers the same PO with an 855 of its own: the customer's 850 is the inbound set.
    return sets.items.find((set) => set.direction === 'inbound' && set.setId === '850')?.interchangeId;
  });
  const interchange = await api.call<{
    fileName: string;
    status: string;
    acknowledgementInterchangeId: string | null;
  }>('GET', `/v1/edi/interchanges/${taken}`);
  const ack = interchange.acknowledgementInterchangeId
    ? await waitFor(async () => {
        const a = await api.call<{ fileName: string | null; status: string }>(
          'GET',
          `/v1/edi/interchanges/${interchange.acknowledgementInterchangeId}`,
        );
        return a.status === 'sent' ? a.fileName : undefined;
      })
    : undefined;
  api.say(
    `EDI over SFTP: ${interchange.fileName} → ${interchange.status === 'accepted' ? 'archived' : interchange.status}` +
      (ack ? `, 997 written to outbound/${ack}` : ''),
  );
  const found = await api.call<{
    items: { setId: string; status: string; documents: { documentType: string }[] }[];
  }>('GET', `/v1/edi/transaction-sets?poNumber=${poNumber}`);
  for (const s of found.items) {
    api.say(
      `EDI ${s.setId} ${poNumber}: ${s.status} → ${s.documents.map((d) => d.documentType).join(', ') || 'nothing'}`,
    );
  }

  const httpPo = `${poNumber}-H`;
  const posted = await api.raw(
    'POST',
    `/v1/edi/${connectorId}/interchanges`,
    demo850(httpPo, run + 1),
    'application/edi-x12',
  );
  const receipt = posted.body as { status: string; sets: { status: string }[] };
  api.say(
    `EDI over HTTP: 850 ${httpPo} → ${posted.status} ${receipt.status} (${receipt.sets.map((s) => s.status).join(', ')}), 997 in the answer`,
  );

  const order = loadFixture('purchase-order');
  order.id = `po-edi-${run}`;
  order.poNumber = `PO-EDI-${run}`;
  order.legalEntityId = legalEntityId;
  const sent = await api.call<{ controlNumber: string; delivery: { method: string; path?: string } }>(
    'POST',
    `/v1/edi/${connectorId}/outbound`,
    { partnerId: ids.supplier, documents: [order] },
  );
  api.say(
    `EDI 850 ${order.poNumber} to Demo Supplier: ISA13 ${sent.controlNumber}, ${sent.delivery.method} ${sent.delivery.path ?? ''}; its 997 is awaited at /v1/edi/acknowledgements?status=pending`,
  );
}
