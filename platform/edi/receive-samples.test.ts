/**
 * Acceptance: every public sample interchange (connectors/edi-x12/fixtures, copied from ../shared/edi-samples with
 * their attribution) goes through the whole receiving path — stream, envelope and syntax checks, mapping,
 * validation, the acknowledgements — against the real MongoDB-wire server, and gives the outcome the samples'
 * README predicts.
 */
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, MongoClient } from 'mongodb';
import { createCanonicalValidator } from '../../canonical-model/validate';
import type { TradingPartnerProfile } from '../../connectors/edi-x12/partner';
import { createLogger } from '../../monitoring/logger';
import { createMetrics } from '../../monitoring/metrics';
import { openTestDatabase } from '../../test/support/database';
import { ediFixture, partnerInput } from '../../test/support/edi';
import type { ConnectorStore } from '../connector-store-types';
import type { EdiDeps } from './deps';
import { createEdiStores, ensureEdiIndexes } from './deps';
import { receiveEdi } from './receive-edi';

let client: MongoClient;
let db: Db;
let deps: EdiDeps;
const published: { key: string; document: { documentType: string } }[] = [];
let seq = 0;

beforeAll(async () => {
  ({ client, db } = await openTestDatabase('hub_edi_samples'));
  const stores = createEdiStores(db);
  await ensureEdiIndexes(stores);
  deps = {
    ...stores,
    connectors: {
      get: (id: string) => Promise.resolve({ id, kind: 'edi', type: 'edi-x12-api' }),
    } as unknown as ConnectorStore,
    registry: { getConnectorType: () => undefined, listConnectorTypes: () => [] },
    producer: {
      send: (_topic: string, key: string, value: Buffer) => {
        published.push({
          key,
          document: (JSON.parse(value.toString()) as { document: { documentType: string } }).document,
        });
        return Promise.resolve();
      },
    },
    validator: createCanonicalValidator(),
    logger: createLogger('test', 'silent'),
    metrics: createMetrics('api'),
  };
});
afterAll(async () => {
  await db?.dropDatabase();
  await client?.close();
});

/** Registers a profile for the sample's own ISA sender/receiver on a connector of its own, and receives it. */
async function receive(
  file: string,
  sender: [string, string],
  receiver: [string, string],
  extra: Partial<TradingPartnerProfile> = {},
) {
  seq += 1;
  const connectorId = `con_samples${seq}`;
  await deps.partners.create(
    partnerInput({
      connectorId,
      partner: { isa: { qualifier: sender[0], id: sender[1] }, gsId: sender[1] },
      us: { isa: { qualifier: receiver[0], id: receiver[1] }, gsId: receiver[1] },
      ...extra,
    }),
  );
  const result = await receiveEdi(deps, {
    connectorId,
    transport: 'http',
    body: Readable.from([ediFixture(file)]),
  });
  return { ...result, ack: result.acknowledgement?.content ?? '' };
}

describe('the public samples, received end to end', () => {
  it('01 VICS 850: one sales order for PO 520981, acknowledged A', async () => {
    const r = await receive('01_850_vics_grocery_tilde.x12', ['08', '9251750000'], ['ZZ', 'Your ID']);
    expect(r.interchange.status).toBe('accepted');
    expect(r.sets.map((s) => s.status)).toEqual(['accepted']);
    expect(r.sets[0]!.documents[0]).toMatchObject({
      documentType: 'sales-order',
      customerPoNumber: '520981',
    });
    expect(r.ack).toContain('AK1*PO*121');
    expect(r.ack).toMatch(/AK9\*A\*1\*1\*1/);
  });

  it('02 four 850s with dirty UPCs: syntax accepts all four, the fourth does not map and names its PO107s', async () => {
    const r = await receive('02_850_pipe_multi_st_dirty_upc.x12', ['ZZ', 'ABCCO'], ['ZZ', 'XYZCO']);
    expect(r.ack).toMatch(/AK9\*A\*4\*4\*4/);
    expect(r.sets.map((s) => s.status)).toEqual(['accepted', 'accepted', 'accepted', 'failed']);
    expect(r.sets[3]!.error?.fieldErrors?.every((e) => e.path.endsWith('/PO107'))).toBe(true);
  });

  it('03 book distributor 855: a purchase-order ack for POTEST1112', async () => {
    const r = await receive('03_855_book_distributor_ack.edi', ['ZZ', '1556150'], ['ZZ', '123MILL'], {
      role: 'supplier',
    });
    expect(r.sets.map((s) => s.status)).toEqual(['accepted']);
    expect(r.sets[0]!.documents[0]).toMatchObject({
      documentType: 'purchase-order-ack',
      poNumber: 'POTEST1112',
    });
    expect(r.ack).toContain('AK1*PR*5');
  });

  it('04 cross-dock 856: strict refuses its bad SSCC check digits by field; lenient maps it with warnings', async () => {
    const strict = await receive('04_856_crossdock_SOPI_newline.edi', ['ZZ', 'SENDER'], ['ZZ', 'RECEIVER'], {
      role: 'supplier',
    });
    expect(strict.sets[0]!.status).toBe('failed');
    expect(strict.sets[0]!.error?.fieldErrors?.some((e) => e.path.endsWith('/MAN02'))).toBe(true);
    expect(strict.ack).toMatch(/AK9\*A\*1\*1\*1/);
    // Another connector, so the same ISA13 is not a duplicate.
    const lenient = await receive('04_856_crossdock_SOPI_newline.edi', ['ZZ', 'SENDER'], ['ZZ', 'RECEIVER'], {
      role: 'supplier',
      identifierChecks: 'lenient',
    });
    expect(lenient.sets[0]!.status, JSON.stringify(lenient.sets[0]!.error)).toBe('accepted');
    const asn = lenient.sets[0]!.documents[0] as unknown as {
      asnNumber: string;
      orders: { poNumber: string }[];
    };
    expect(asn.asnNumber).toBe('000009');
    expect(asn.orders).toHaveLength(2);
    expect(lenient.sets[0]!.warnings?.length).toBeGreaterThan(0);
  });

  it('05 pick-pack 856 (S/O/I, 004060, "-" in data): strict names its bad UPCs; lenient gives the ASN with loose items', async () => {
    const strict = await receive(
      '05_856_pickpack_SOI_004060.edi',
      ['12', '4405197800'],
      ['01', '999999999'],
      { role: 'supplier' },
    );
    expect(strict.sets[0]!.status).toBe('failed');
    expect(strict.sets[0]!.error?.fieldErrors?.map((e) => e.path)).toEqual(['/21/LIN05', '/26/LIN05']);
    const r = await receive('05_856_pickpack_SOI_004060.edi', ['12', '4405197800'], ['01', '999999999'], {
      role: 'supplier',
      identifierChecks: 'lenient',
    });
    expect(r.sets[0]!.status, JSON.stringify(r.sets[0]!.error)).toBe('accepted');
    const asn = r.sets[0]!.documents[0] as unknown as {
      asnNumber: string;
      billOfLading: string;
      orders: { poNumber: string; items: { quantity: { value: string } }[] }[];
    };
    expect(asn).toMatchObject({ asnNumber: '829716', billOfLading: '999999-001' });
    expect(asn.orders[0]!.poNumber).toBe('99999817');
    expect(asn.orders[0]!.items.map((i) => i.quantity.value)).toEqual(['24', '6']);
  });

  it('08 940 from a depositor: acknowledged A (legacy GS07 T tolerated), a warehouse shipping order for 538686', async () => {
    const r = await receive(
      '08_940_food_3pl_newline.edi',
      ['ZZ', 'ABCDEFGHIJKLMNO'],
      ['ZZ', '123456789012345'],
    );
    expect(r.ack).toMatch(/AK9\*A\*1\*1\*1/);
    expect(r.sets[0], JSON.stringify(r.sets[0]!.error)).toMatchObject({
      status: 'accepted',
      orderNumber: '538686',
    });
    const order = r.sets[0]!.documents[0] as unknown as {
      documentType: string;
      lines: { quantity: { value: string; uom: string } }[];
    };
    expect(order.documentType).toBe('warehouse-shipping-order');
    // The three W01 lines, 56 cases in all as W76 says.
    expect(order.lines.map((l) => `${l.quantity.value} ${l.quantity.uom}`)).toEqual([
      '12 CS',
      '32 CS',
      '12 CS',
    ]);
  });

  it('11 control numbers wrong at every level: TA1 E 001, AK5 R 3, AK9 R with code 4; nothing published', async () => {
    const before = published.length;
    const r = await receive(
      '11_BAD_940_control_numbers_mismatch.edi',
      ['ZZ', 'ABCDEFGHIJKLMNO'],
      ['ZZ', '123456789012345'],
    );
    expect(r.interchange.ta1).toMatchObject({ status: 'E', note: '001' });
    expect(r.ack).toMatch(/TA1\*000003438\*101127\*1719\*E\*001/);
    expect(r.ack).toMatch(/AK5\*R\*3/);
    expect(r.ack).toMatch(/AK9\*R\*1\*1\*0\*4/);
    expect(r.sets[0]!.status).toBe('rejected');
    expect(published.length).toBe(before);
  });

  it('12 SE01 says 12 for 9 segments: AK5 R 4 (and 5, for the W01 whose quantity is missing)', async () => {
    const r = await receive('12_BAD_940_SE01_count.edi', ['ZZ', 'VENDOR'], ['ZZ', 'WAREHOUSE']);
    expect(r.ack).toMatch(/AK5\*R\*4\*5/);
    expect(r.ack).toMatch(/AK3\*W01\*5\*W01\*8/);
    expect(r.sets[0]!.status).toBe('rejected');
  });
});

describe('a file whose stream breaks part-way', () => {
  it('is recorded as interrupted, and the resent file is taken, not refused as a duplicate', async () => {
    const bytes = ediFixture('01_850_vics_grocery_tilde.x12');
    seq += 1;
    const connectorId = `con_samples${seq}`;
    await deps.partners.create(
      partnerInput({
        connectorId,
        partner: { isa: { qualifier: '08', id: '9251750000' }, gsId: '9251750000' },
        us: { isa: { qualifier: 'ZZ', id: 'Your ID' }, gsId: 'Your ID' },
      }),
    );
    const broken = new Readable({ read() {} });
    broken.push(bytes.subarray(0, 400));
    setTimeout(() => broken.destroy(new Error('connection reset by the partner')), 50);
    await expect(receiveEdi(deps, { connectorId, transport: 'sftp', body: broken })).rejects.toThrow(
      /connection reset/,
    );
    const [kept] = await deps.interchanges.list({ connectorId });
    expect(kept?.status).toBe('interrupted');
    expect(kept?.error?.message).toMatch(/connection reset/);

    const again = await receiveEdi(deps, { connectorId, transport: 'sftp', body: Readable.from([bytes]) });
    expect(again.interchange.status).toBe('accepted');
    expect(again.sets.map((s) => s.status)).toEqual(['accepted']);
  });
});
