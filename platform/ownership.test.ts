import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../test/support/database';
import type { MongoClient } from 'mongodb';
import type { Db } from 'mongodb';
import { createOwnership } from './ownership';
import type { Ownership } from './ownership';
import { createQuarantine } from './quarantine';
import type { Quarantine } from './quarantine';
import { COLLECTIONS } from './collections';
import { isHubError } from './errors';

// Runs against a real MongoDB-wire server (FerretDB in the local stack), in a database of its own.
let client: MongoClient;
let db: Db;
let quarantine: Quarantine;
let ownership: Ownership;

beforeAll(async () => {
  ({ client, db } = await openTestDatabase('hub_ownership'));
  quarantine = createQuarantine(db);
  ownership = createOwnership(db, quarantine);
  await Promise.all([ownership.ensureIndexes(), quarantine.ensureIndexes()]);
  await ownership.ensureIndexes(); // idempotent
});

afterAll(async () => {
  await db?.dropDatabase();
  await client?.close();
});

const item = { sku: 'A-1', description: 'Hex bolt M8', listPrice: '0.42' };

describe('system-of-record ownership', () => {
  it('applies an update from the owning connector and quarantines one from any other, with a reason', async () => {
    const le = `LE-${randomUUID().slice(0, 6)}`;
    await ownership.setOwner({
      legalEntityId: le,
      objectType: 'item',
      ownerConnectorId: 'erp-main',
      by: 'admin',
    });

    expect(
      await ownership.checkMasterDataUpdate({
        legalEntityId: le,
        objectType: 'item',
        connectorId: 'erp-main',
        document: item,
      }),
    ).toEqual({ allowed: true });

    const refused = await ownership.checkMasterDataUpdate({
      legalEntityId: le,
      objectType: 'item',
      connectorId: 'shop-1',
      document: item,
      correlationId: 'corr-7',
    });
    expect(refused.allowed).toBe(false);
    if (refused.allowed) return;
    expect(refused.reason).toBe(
      `shop-1 is not the system of record for item of legal entity ${le}; erp-main is`,
    );
    const kept = await quarantine.get(refused.quarantineId);
    expect(kept).toMatchObject({
      status: 'held',
      legalEntityId: le,
      objectType: 'item',
      connectorId: 'shop-1',
      document: item,
      reason: refused.reason,
      correlationId: 'corr-7',
    });
  });

  it('quarantines updates of an object type that has no rule yet', async () => {
    const le = `LE-${randomUUID().slice(0, 6)}`;
    const refused = await ownership.checkMasterDataUpdate({
      legalEntityId: le,
      objectType: 'customer',
      connectorId: 'erp-main',
      document: { customerNumber: 'C-1' },
    });
    expect(refused.allowed).toBe(false);
    expect(!refused.allowed && refused.reason).toMatch(/no system of record is configured for customer/);
    expect(!refused.allowed && (await quarantine.get(refused.quarantineId)).status).toBe('held');
  });

  it('keeps one rule per legal entity and object type; setting a new owner moves ownership', async () => {
    const le = `LE-${randomUUID().slice(0, 6)}`;
    await ownership.setOwner({ legalEntityId: le, objectType: 'item', ownerConnectorId: 'erp-main' });
    await ownership.setOwner({ legalEntityId: le, objectType: 'price-list', ownerConnectorId: 'pricing-1' });
    await Promise.all([
      ownership.setOwner({ legalEntityId: le, objectType: 'item', ownerConnectorId: 'pim-1' }),
      ownership.setOwner({ legalEntityId: le, objectType: 'item', ownerConnectorId: 'pim-1' }),
    ]);
    const rules = await ownership.listRules({ legalEntityId: le });
    expect(rules.map((r) => [r.objectType, r.ownerConnectorId])).toEqual([
      ['item', 'pim-1'],
      ['price-list', 'pricing-1'],
    ]);
    expect(
      (
        await ownership.checkMasterDataUpdate({
          legalEntityId: le,
          objectType: 'item',
          connectorId: 'erp-main',
          document: item,
        })
      ).allowed,
    ).toBe(false);
    // The unique index is what holds the rule to one per pair, whoever writes.
    const dup = await db
      .collection(COLLECTIONS.ownershipRules)
      .insertOne({ legalEntityId: le, objectType: 'item', ownerConnectorId: 'rogue' })
      .catch((e: unknown) => e);
    expect((dup as { code?: number }).code).toBe(11000);
  });

  it('refuses a rule or an update without its identifying fields', async () => {
    const err = await ownership
      .setOwner({ legalEntityId: '', objectType: 'item', ownerConnectorId: 'erp-main' })
      .catch((e: unknown) => e);
    expect(isHubError(err) && err.kind).toBe('data');
    expect(isHubError(err) && err.fieldErrors).toEqual([{ path: 'legalEntityId', message: 'is required' }]);
  });
});
