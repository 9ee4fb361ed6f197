import { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, MongoClient } from 'mongodb';
import { openTestDatabase } from '../../test/support/database';
import { isConflictError, isNotFoundError } from '../store-errors';
import { createControlNumbers } from './control-numbers';
import { createPartnerStore } from './partner-store';
import { partnerInput } from '../../test/support/edi';
import { createRawStore } from './raw-store';

// Against the real MongoDB-wire server of the test stack (FerretDB), in a database of its own.
let client: MongoClient;
let db: Db;

beforeAll(async () => {
  ({ client, db } = await openTestDatabase('hub_edi_stores'));
});
afterAll(async () => {
  await db?.dropDatabase();
  await client?.close();
});

describe('control numbers', () => {
  it('hands out consecutive numbers that are never reused, also by concurrent writers and a new process', async () => {
    const numbers = createControlNumbers(db);
    await numbers.ensureIndexes();
    const batches = await Promise.all(
      Array.from({ length: 12 }, (_, i) => numbers.reserve('tp_a', 'interchange', (i % 3) + 1)),
    );
    const all = batches.flat().sort((a, b) => a - b);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    // A new store (a restarted process) continues after the last reserved number.
    const again = createControlNumbers(db);
    expect(await again.reserve('tp_a', 'interchange')).toEqual([all.length + 1]);
    // Levels and partners have sequences of their own.
    expect(await again.reserve('tp_a', 'group', 2)).toEqual([1, 2]);
    expect(await again.reserve('tp_b', 'interchange')).toEqual([1]);
    expect(await again.last('tp_a', 'interchange')).toBe(all.length + 1);
  });
});

describe('trading partner store', () => {
  it('finds a profile by the ISA sender and receiver, ignoring padding and case, and refuses a second one', async () => {
    const partners = createPartnerStore(db);
    await partners.ensureIndexes();
    const created = await partners.create(partnerInput());
    expect(created.revision).toBe(1);
    const found = await partners.findByInterchange(
      'con_edi',
      { qualifier: 'zz', id: 'GROCERONE      ' },
      { qualifier: 'ZZ', id: 'disthub' },
    );
    expect(found?.id).toBe(created.id);
    expect(
      await partners.findByInterchange('con_other', { qualifier: 'ZZ', id: 'GROCERONE' }, created.us.isa),
    ).toBeUndefined();
    await expect(partners.create(partnerInput({ name: 'again' }))).rejects.toSatisfy(isConflictError);
  });

  it('replaces only at the stored revision, and removes', async () => {
    const partners = createPartnerStore(db);
    const created = await partners.create(
      partnerInput({ partner: { isa: { qualifier: '01', id: '123456789' }, gsId: '123456789' } }),
    );
    const next = await partners.replace(created.id, partnerInput({ ...created, name: 'Renamed' }), 1);
    expect(next).toMatchObject({ name: 'Renamed', revision: 2 });
    await expect(partners.replace(created.id, partnerInput(created), 1)).rejects.toSatisfy(isConflictError);
    await partners.remove(created.id);
    await expect(partners.get(created.id)).rejects.toSatisfy(isNotFoundError);
  });
});

describe('raw interchange store', () => {
  it('keeps the exact bytes of a multi-megabyte file streamed in, with its length and hash', async () => {
    const raw = createRawStore(db);
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + (i >> 8)) & 0xff;
    const upload = raw.open({ connectorId: 'con_edi', direction: 'inbound', fileName: 'big.x12' });
    Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]).pipe(upload.stream);
    const stored = await upload.done;
    expect(stored.length).toBe(bytes.length);
    expect(stored.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect((await raw.readAll(stored.id)).equals(bytes)).toBe(true);
    await expect(raw.read('0123456789abcdef01234567')).rejects.toSatisfy(isNotFoundError);
  });
});
