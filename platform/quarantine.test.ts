import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../test/support/database';
import type { MongoClient } from 'mongodb';
import type { Db } from 'mongodb';
import { createQuarantine } from './quarantine';
import type { Quarantine } from './quarantine';
import { isConflictError, isNotFoundError } from './store-errors';
import { isHubError } from './errors';

// Runs against a real MongoDB-wire server (FerretDB in the local stack), in a database of its own.
let client: MongoClient;
let db: Db;
let quarantine: Quarantine;

beforeAll(async () => {
  ({ client, db } = await openTestDatabase('hub_quarantine'));
  quarantine = createQuarantine(db);
  await quarantine.ensureIndexes();
  await quarantine.ensureIndexes(); // idempotent
});

afterAll(async () => {
  await db?.dropDatabase();
  await client?.close();
});

const held = (legalEntityId = `LE-${randomUUID().slice(0, 6)}`) =>
  quarantine.hold({
    legalEntityId,
    objectType: 'item',
    connectorId: 'shop-1',
    document: { sku: 'A-1', price: { amount: '9.99', currency: 'EUR' } },
    reason: 'shop-1 is not the system of record for item',
    correlationId: 'corr-1',
  });

describe('quarantine', () => {
  it('keeps the document as received, who sent it, why and when', async () => {
    const record = await held();
    expect(record._id).toMatch(/^qtn_/);
    const stored = await quarantine.get(record._id);
    expect(stored).toEqual(record);
    expect(stored).toMatchObject({
      status: 'held',
      objectType: 'item',
      connectorId: 'shop-1',
      document: { sku: 'A-1', price: { amount: '9.99', currency: 'EUR' } },
      reason: 'shop-1 is not the system of record for item',
      correlationId: 'corr-1',
    });
    expect(stored.receivedAt).toBeInstanceOf(Date);
  });

  it('releases a held document once, and refuses to discard it afterwards', async () => {
    const record = await held();
    const released = await quarantine.release(record._id, { by: 'md-steward' });
    expect(released.status).toBe('released');
    expect(released.history.map((h) => h.action)).toEqual(['held', 'released']);
    expect((await quarantine.release(record._id, { by: 'md-steward' })).history).toHaveLength(2);
    const err = await quarantine.discard(record._id, { by: 'x', reason: 'y' }).catch((e: unknown) => e);
    expect(isConflictError(err)).toBe(true);
  });

  it('discards only with a reason', async () => {
    const record = await held();
    const missing = await quarantine
      .discard(record._id, { by: 'md-steward', reason: '' })
      .catch((e: unknown) => e);
    expect(isHubError(missing) && missing.kind).toBe('data');
    const discarded = await quarantine.discard(record._id, {
      by: 'md-steward',
      reason: 'stale price from shop',
    });
    expect(discarded.status).toBe('discarded');
    expect(discarded.history.at(-1)).toMatchObject({
      action: 'discarded',
      by: 'md-steward',
      reason: 'stale price from shop',
    });
  });

  it('lists by status and legal entity, newest first in pages; unknown ids are not found', async () => {
    const le = `LE-${randomUUID().slice(0, 6)}`;
    const a = await held(le);
    const b = await held(le);
    const c = await held(le);
    await quarantine.release(b._id, { by: 'md-steward' });
    const page1 = await quarantine.list({ legalEntityId: le, limit: 2 });
    expect(page1.items).toHaveLength(2);
    const page2 = await quarantine.list({ legalEntityId: le, limit: 2, cursor: page1.nextCursor });
    expect([...page1.items, ...page2.items].map((r) => r._id).sort()).toEqual([a._id, b._id, c._id].sort());
    expect(page2.nextCursor).toBeUndefined();
    expect(
      (await quarantine.list({ legalEntityId: le, status: 'held' })).items.map((r) => r._id).sort(),
    ).toEqual([a._id, c._id].sort());
    expect(isNotFoundError(await quarantine.get('qtn_nope').catch((e: unknown) => e))).toBe(true);
    expect(isNotFoundError(await quarantine.release('qtn_nope', { by: 'x' }).catch((e: unknown) => e))).toBe(
      true,
    );
  });
});
