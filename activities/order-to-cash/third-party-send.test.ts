import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db, MongoClient } from 'mongodb';
import { loadFixture } from '../../canonical-model/fixtures/load-fixture';
import type { SalesOrder } from '../../canonical-model/generated/index';
import { createCanonicalValidator } from '../../canonical-model/validate';
import { createLogger } from '../../monitoring/logger';
import { createMetrics } from '../../monitoring/metrics';
import type { ConnectorStore, ConnectorTypeLookup } from '../../platform/connector-store-types';
import type { EdiDeps } from '../../platform/edi/deps';
import { createEdiStores, ensureEdiIndexes } from '../../platform/edi/deps';
import { HubError } from '../../platform/errors';
import type { ThirdPartyWarehouse } from '../../platform/orders/policy';
import { openTestDatabase } from '../../test/support/database';
import { partnerInput } from '../../test/support/edi';
import type { OrderActivityDeps } from './deps';
import { cancelWarehouseRelease, releaseToWarehouse } from './erp-and-warehouse';
import { sendEdiOnce } from '../../platform/edi/send-once';
import { buildShippingOrder } from './third-party';
import type { ReleaseArgs } from './types';

// The release activity against the real MongoDB-wire server (FerretDB) and an SFTP connector that records uploads.
let client: MongoClient;
let db: Db;
let edi: EdiDeps;
let deps: OrderActivityDeps;
let thirdParty: ThirdPartyWarehouse;
const uploads: { name: string; bytes: Buffer }[] = [];
let failUploads = 0;

const sftpInstance = {
  claim: () => Promise.resolve(undefined),
  settle: () => Promise.resolve(undefined),
  upload: (name: string, bytes: Buffer) => {
    if (failUploads > 0) {
      failUploads -= 1;
      return Promise.reject(new HubError('transient', 'SFTP server went away'));
    }
    uploads.push({ name, bytes });
    return Promise.resolve({ path: `outbound/${name}`, bytes: bytes.length, status: 'uploaded' });
  },
};

beforeAll(async () => {
  ({ client, db } = await openTestDatabase('hub_o2c_3pl'));
  const stores = createEdiStores(db);
  await ensureEdiIndexes(stores);
  edi = {
    ...stores,
    connectors: {
      getDecryptedConfig: (id: string) => Promise.resolve({ id, type: 'fake-sftp', config: {} }),
    } as unknown as ConnectorStore,
    registry: {
      getConnectorType: () => ({ create: () => sftpInstance }),
      listConnectorTypes: () => [],
    } as unknown as ConnectorTypeLookup,
    producer: { send: () => Promise.resolve() },
    validator: createCanonicalValidator(),
    logger: createLogger('test', 'silent'),
    metrics: createMetrics('api'),
  };
  const partner = await stores.partners.create(
    partnerInput({
      connectorId: 'con_3pl',
      name: 'Reno Fulfilment 3PL',
      role: '3pl',
      partyId: 'loc_3pl_reno',
      partner: { isa: { qualifier: 'ZZ', id: 'RENO3PL' }, gsId: 'RENO3PL' },
      productIdQualifiers: ['SK', 'UP'],
      sets: [
        { set: '940', direction: 'outbound' },
        { set: '945', direction: 'inbound' },
      ],
    }),
  );
  thirdParty = { ediConnectorId: 'con_3pl', partnerId: partner.id };
  deps = { edi, logger: edi.logger } as unknown as OrderActivityDeps;
});
afterAll(async () => {
  await db?.dropDatabase();
  await client?.close();
});
beforeEach(() => {
  uploads.length = 0;
  failUploads = 0;
});

let seq = 0;
/** A release of line 1 (40 EA) of a fresh order to the 3PL. */
function releaseArgs(): ReleaseArgs & { thirdParty: ThirdPartyWarehouse } {
  seq += 1;
  const base = loadFixture('sales-order');
  const releaseId = `so_3pl_${Date.now().toString(36)}${seq}.r1`;
  const order: SalesOrder = {
    ...base,
    id: releaseId,
    lines: [{ ...base.lines[0]!, quantity: { value: '40', uom: 'EA' } }],
  };
  return {
    wmsConnectorId: 'con_wms',
    thirdParty,
    releaseId,
    locationId: 'loc_3pl_reno',
    order,
    lines: [{ lineNumber: 1, sku: 'WID-1001', quantity: '40' }],
  };
}

const outbound940s = async () =>
  (
    await edi.interchanges.list({ partnerId: thirdParty.partnerId, direction: 'outbound', limit: 200 })
  ).filter((i) => i.setIds?.includes('940'));

describe('releaseToWarehouse for a warehouse a 3PL runs', () => {
  it('sends one 940 per release: a retried activity finds it and sends nothing again', async () => {
    const args = releaseArgs();
    const before = (await outbound940s()).length;
    const first = await releaseToWarehouse(deps)(args);
    expect(first).toEqual({ externalId: args.releaseId, documentNumber: args.releaseId, created: true });
    expect(uploads).toHaveLength(1);
    expect(uploads[0]!.bytes.toString('latin1')).toContain(`W05*N*${args.releaseId}*4500098812~`);
    expect(uploads[0]!.bytes.toString('latin1')).toMatch(/W01\*40\*EA\*\*SK\*WID-1001\*UP\*012345678905~/);

    const again = await releaseToWarehouse(deps)(args);
    expect(again).toEqual({ ...first, created: false });
    expect(uploads).toHaveLength(1);
    expect((await outbound940s()).length).toBe(before + 1);
  });

  it('an upload that failed is delivered by the retry with the same file and control number, not a new 940', async () => {
    const args = releaseArgs();
    const before = (await outbound940s()).length;
    failUploads = 1;
    await expect(releaseToWarehouse(deps)(args)).rejects.toMatchObject({ kind: 'transient' });
    expect(uploads).toHaveLength(0);
    const [kept] = await outbound940s();
    expect(kept?.status).toBe('queued');

    const retried = await releaseToWarehouse(deps)(args);
    expect(retried.externalId).toBe(args.releaseId);
    expect(uploads.map((u) => u.name)).toEqual([kept!.fileName]);
    expect(uploads[0]!.bytes.toString('latin1')).toContain(`*${kept!.controlNumber}*0*P*`);
    const after = await outbound940s();
    expect(after.length).toBe(before + 1);
    expect(after[0]).toMatchObject({ _id: kept!._id, status: 'sent' });
  });

  it('a cancel after the 940 is refused with a reason naming the 3PL partner', async () => {
    const args = releaseArgs();
    await releaseToWarehouse(deps)(args);
    const answer = await cancelWarehouseRelease(deps)({
      wmsConnectorId: thirdParty.ediConnectorId,
      thirdParty,
      releaseId: args.releaseId,
      externalId: args.releaseId,
      reason: 'customer called',
      idempotencyKey: `cancel/${args.releaseId}`,
    });
    expect(answer.cancelled).toBe(false);
    expect(answer.reason).toContain(`Reno Fulfilment 3PL (${thirdParty.partnerId})`);
    expect(answer.reason).toContain(args.releaseId);
  });

  it('never answers a release with the 940 of another document that took its order number', async () => {
    const args = releaseArgs();
    await releaseToWarehouse(deps)(args);
    const other = { ...buildShippingOrder(args, new Date().toISOString()), id: `${args.releaseId}-other` };
    await expect(
      sendEdiOnce(
        edi,
        { connectorId: thirdParty.ediConnectorId, partnerId: thirdParty.partnerId, documents: [other] },
        { setId: '940', orderNumber: other.orderNumber },
      ),
    ).rejects.toSatisfy(
      (err: unknown) =>
        err instanceof HubError && err.kind === 'data' && err.message.includes(args.releaseId),
    );
    expect(uploads).toHaveLength(1);
  });
});
