import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import type { Db } from 'mongodb';
import { openTestDatabase } from '../../test/support/database';
import { COLLECTIONS } from '../collections';
import { createPoNumberAllocator, FIRST_PO_NUMBER } from './po-numbers';
import type { PoNumberAllocator } from './store-types';

// Runs against the stack's real MongoDB-wire server; each test has a database of its own (numbers are global).
const opened: { client: MongoClient; db: Db }[] = [];

async function freshAllocator(): Promise<{ db: Db; allocator: PoNumberAllocator }> {
  const handle = await openTestDatabase('hub_po_numbers');
  opened.push(handle);
  const allocator = createPoNumberAllocator(handle.db);
  await allocator.ensureIndexes();
  return { db: handle.db, allocator };
}

let other: MongoClient;

beforeAll(async () => {
  other = await MongoClient.connect(process.env.HUB_MONGODB_URI ?? '', { serverSelectionTimeoutMS: 5_000 });
});

afterAll(async () => {
  for (const { client, db } of opened) {
    await db.dropDatabase();
    await client.close();
  }
  await other?.close();
});

describe('PO numbers', () => {
  it('starts at 4500000001, increases, and answers the same number for the same proposal forever', async () => {
    const { allocator } = await freshAllocator();
    const first = await allocator.next('prop_a', 'le_acme');
    const second = await allocator.next('prop_b', 'le_acme');
    const third = await allocator.next('prop_c', 'le_other');
    expect([first, second, third]).toEqual([
      String(FIRST_PO_NUMBER),
      String(FIRST_PO_NUMBER + 1),
      String(FIRST_PO_NUMBER + 2),
    ]);
    expect(first).toBe('4500000001');
    expect(await allocator.next('prop_a', 'le_acme')).toBe(first);
    expect(await allocator.next('prop_b', 'le_acme')).toBe(second);
  });

  it('reuses a number a proposal took before it could claim it (a crash in between)', async () => {
    const { db, allocator } = await freshAllocator();
    await allocator.next('prop_x', 'le_acme');
    await db.collection<Record<string, string> & { _id: string }>(COLLECTIONS.poNumbers).insertOne({
      _id: '4500000002',
      proposalId: 'prop_crashed',
      legalEntityId: 'le_acme',
      takenAt: '2025-01-01T00:00:00.000Z',
    });
    expect(await allocator.next('prop_crashed', 'le_acme')).toBe('4500000002');
    expect(await allocator.next('prop_y', 'le_acme')).toBe('4500000003');
  });

  it('never gives one number to two proposals, nor two numbers to one, across two processes at once', async () => {
    const { db, allocator } = await freshAllocator();
    // A second connection pool stands for a second worker process.
    const allocators = [allocator, createPoNumberAllocator(other.db(db.databaseName))];
    const proposals = Array.from({ length: 12 }, (_, i) => `prop_${i}`);
    // Every proposal asked for four times, interleaved across both processes, all at once.
    const asks = proposals.flatMap((p, i) => [0, 1, 2, 3].map((k) => ({ p, via: (i + k) % 2 })));
    const answers = await Promise.all(asks.map(({ p, via }) => allocators[via]!.next(p, 'le_acme')));

    const byProposal = new Map<string, Set<string>>();
    asks.forEach(({ p }, i) => byProposal.set(p, (byProposal.get(p) ?? new Set()).add(answers[i]!)));
    for (const [proposal, numbers] of byProposal) expect([...numbers], proposal).toHaveLength(1);
    const numbers = proposals.map((p) => [...byProposal.get(p)!][0]!);
    expect(new Set(numbers).size).toBe(proposals.length);
    for (const n of numbers) expect(n).toMatch(/^45\d{8}$/);
    // And it stays that way when asked again afterwards.
    for (const [i, p] of proposals.entries())
      expect(await allocators[i % 2]!.next(p, 'le_acme')).toBe(numbers[i]);
  });
});
