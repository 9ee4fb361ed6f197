import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, MongoClient } from 'mongodb';
import { openTestDatabase } from '../test/support/database';
import { loadFixture } from '../canonical-model/fixtures/load-fixture';
import { createCrossReferenceStore } from '../canonical-model/cross-reference';
import type { CrossReferenceStore } from '../canonical-model/cross-reference';
import { createInboundDedup } from './inbound-dedup';
import { createOwnership } from './ownership';
import type { Ownership } from './ownership';
import { createQuarantine } from './quarantine';
import type { Quarantine } from './quarantine';
import { compareVersions, createMasterData, versionOf } from './master-data';
import type { MasterData, MasterDataDocument } from './master-data';
import { isHubError } from './errors';

// Runs against the stack's real MongoDB-wire server, in a database of its own.
let client: MongoClient;
let db: Db;
let ownership: Ownership;
let quarantine: Quarantine;
let crossReferences: CrossReferenceStore;
let masterData: MasterData;

let sequence = 0;
/** A fresh item owned by `connectorId` in its own legal entity, so tests never see each other's records. */
async function freshItem(connectorId = 'erp-1'): Promise<MasterDataDocument> {
  sequence += 1;
  const item = structuredClone(loadFixture('item')) as unknown as MasterDataDocument;
  item.id = `itm_test_${sequence}`;
  item.legalEntityId = `LE-${sequence}`;
  item.source = { connectorId, system: 'netsuite', externalId: `ns-${sequence}`, version: '3' };
  await ownership.setOwner({
    legalEntityId: item.legalEntityId,
    objectType: 'item',
    ownerConnectorId: 'erp-1',
  });
  return item;
}

const withSource = (doc: MasterDataDocument, source: Partial<MasterDataDocument['source']>) => ({
  ...doc,
  source: { ...doc.source, ...source },
});

beforeAll(async () => {
  ({ client, db } = await openTestDatabase('hub_master_data'));
  quarantine = createQuarantine(db);
  ownership = createOwnership(db, quarantine);
  crossReferences = createCrossReferenceStore(db);
  const dedup = createInboundDedup(db);
  masterData = createMasterData(db, { dedup, ownership, crossReferences });
  for (const store of [quarantine, ownership, crossReferences, dedup, masterData])
    await store.ensureIndexes();
});

afterAll(async () => {
  await db?.dropDatabase();
  await client?.close();
});

describe('master-data ingest', () => {
  it("applies the owner's update, links its external id, and treats a redelivery as a duplicate", async () => {
    const item = await freshItem();
    const first = await masterData.ingest(item);
    expect(first).toMatchObject({ outcome: 'applied', record: { revision: 1, sourceVersion: '3' } });
    expect((await masterData.get('item', item.id))?.document).toEqual(item);
    expect(
      await crossReferences.toCanonical({
        connectorId: 'erp-1',
        objectType: 'item',
        externalId: item.source.externalId,
      }),
    ).toBe(item.id);

    expect(await masterData.ingest(structuredClone(item))).toEqual({ outcome: 'duplicate' });
    expect((await masterData.get('item', item.id))?.revision).toBe(1);
  });

  it('never lets an older version from the same sender overwrite a newer one', async () => {
    const item = await freshItem();
    await masterData.ingest(withSource({ ...item, name: 'version five' }, { version: '5' }));
    const older = await masterData.ingest(withSource({ ...item, name: 'version four' }, { version: '4' }));
    expect(older.outcome).toBe('stale');
    expect((await masterData.get('item', item.id))?.document.name).toBe('version five');

    const newer = await masterData.ingest(withSource({ ...item, name: 'version six' }, { version: '6' }));
    expect(newer).toMatchObject({ outcome: 'applied', record: { revision: 2 } });
    expect((await masterData.get('item', item.id))?.document.name).toBe('version six');
  });

  it('holds an update from a connector that does not own the object, and applies it only when released', async () => {
    const item = await freshItem();
    await masterData.ingest(item);
    const fromShop = withSource({ ...item, name: 'renamed by the web shop' }, { connectorId: 'shop-1' });
    const held = await masterData.ingest(fromShop, { correlationId: 'corr-42' });
    expect(held).toMatchObject({ outcome: 'held' });
    if (held.outcome !== 'held') return;
    expect(held.reason).toContain('erp-1');
    expect((await masterData.get('item', item.id))?.document.name).toBe(item.name);

    const record = await quarantine.get(held.quarantineId);
    expect(record).toMatchObject({ status: 'held', connectorId: 'shop-1', correlationId: 'corr-42' });
    expect(record.document).toEqual(fromShop);

    const applied = await masterData.apply(record.document as MasterDataDocument);
    expect(applied.outcome).toBe('applied');
    expect((await masterData.get('item', item.id))?.document.name).toBe('renamed by the web shop');
    expect((await masterData.apply(record.document as MasterDataDocument)).outcome).toBe('unchanged');
  });

  it('versions a document that carries none by its content, so only a changed document is new', async () => {
    const item = await freshItem();
    const unversioned = { ...item, source: { ...item.source } };
    delete unversioned.source.version;
    expect(versionOf(unversioned)).toMatch(/^sha256:/);
    expect(versionOf(unversioned)).toBe(versionOf(structuredClone(unversioned)));
    expect((await masterData.ingest(unversioned)).outcome).toBe('applied');
    expect((await masterData.ingest(structuredClone(unversioned))).outcome).toBe('duplicate');
    expect((await masterData.ingest({ ...unversioned, name: 'changed' })).outcome).toBe('applied');
  });

  it('refuses a second canonical id for the same external record, naming the field, and lets a fixed retry through', async () => {
    const item = await freshItem();
    await masterData.ingest(item);
    const clash = withSource({ ...item, id: `${item.id}_other` }, { version: '9' });
    const err = await masterData.ingest(clash).catch((e: unknown) => e);
    expect(isHubError(err) && err.kind).toBe('data');
    expect(isHubError(err) && err.fieldErrors?.map((f) => f.path)).toEqual(['/source/externalId']);
    expect(await masterData.get('item', clash.id)).toBeUndefined();

    // The refused delivery did not consume its version: the sender's corrected retry is processed.
    const fixed = withSource({ ...item, name: 'corrected' }, { version: '9' });
    expect((await masterData.ingest(fixed)).outcome).toBe('applied');
  });
});

describe('compareVersions', () => {
  it('orders revision numbers numerically and instants in time, and leaves other versions unordered', () => {
    expect(compareVersions('10', '9')).toBeGreaterThan(0);
    expect(compareVersions('2025-03-30T22:14:07Z', '2025-03-31T00:00:00+02:00')).toBeGreaterThan(0);
    expect(compareVersions('W/"abc"', 'W/"abd"')).toBeUndefined();
    expect(compareVersions('10', '2025-03-30T22:14:07Z')).toBeUndefined();
  });
});
