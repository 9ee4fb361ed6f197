import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, MongoClient } from 'mongodb';
import { Registry } from 'prom-client';
import { openTestDatabase } from '../../test/support/database';
import { registerOverdueAckGauge } from '../../monitoring/edi-acknowledgements';
import { createAckTracking } from './ack-tracking';
import type { AckTracking } from './ack-tracking';

// Against the real MongoDB-wire server of the test stack (FerretDB), in a database of its own.
let client: MongoClient;
let db: Db;
let acks: AckTracking;
const sentAt = new Date('2026-03-02T10:00:00Z');
const hour = 60 * 60_000;

beforeAll(async () => {
  ({ client, db } = await openTestDatabase('hub_edi_acks'));
  acks = createAckTracking(db);
  await acks.ensureIndexes();
});
afterAll(async () => {
  await db?.dropDatabase();
  await client?.close();
});

const group = (partnerId: string, controlNumber: string, sets: string[]) => ({
  partnerId,
  connectorId: 'con_x',
  interchangeId: `ich_${controlNumber}`,
  interchangeControlNumber: controlNumber.padStart(9, '0'),
  functionalId: 'PO',
  controlNumber,
  sets: sets.map((controlNumber) => ({ setId: '850', controlNumber })),
  sentAt,
  dueAt: new Date(sentAt.getTime() + hour),
});

describe('acknowledgement tracking', () => {
  it('matches a 997 to the group we sent, set by set, and lists what is overdue', async () => {
    await acks.expect(group('tp_1', '41', ['0001', '0002']));
    await acks.expect(group('tp_1', '42', ['0003']));
    await acks.expect(group('tp_2', '41', ['0001']));

    // Before the due time nothing is overdue; after it, every unacknowledged group is.
    expect(await acks.list({ status: 'overdue', now: new Date(sentAt.getTime() + hour / 2) })).toEqual([]);
    const later = new Date(sentAt.getTime() + 2 * hour);
    expect((await acks.list({ status: 'overdue', now: later })).map((g) => g._id).sort()).toEqual([
      'tp_1|41',
      'tp_1|42',
      'tp_2|41',
    ]);

    // A partial 997 that names only the rejected set accepts the other.
    const match = await acks.match(
      'tp_1',
      {
        functionalId: 'PO',
        controlNumber: '000041',
        groupStatus: 'P',
        groupCodes: [],
        sets: [{ setId: '850', controlNumber: '0002', status: 'R', codes: ['5'] }],
      },
      'ich_ack',
    );
    expect(match.matched).toBe(true);
    if (match.matched) {
      expect(match.group.ackStatus).toBe('partially-accepted');
      expect(match.group.sets).toEqual([
        { setId: '850', controlNumber: '0001', status: 'A', codes: [] },
        { setId: '850', controlNumber: '0002', status: 'R', codes: ['5'] },
      ]);
    }
    expect(await acks.countOverdue(later)).toBe(2);

    // The same 997 again, one for a group never sent, and one of another functional id do not match.
    const again = await acks.match(
      'tp_1',
      { functionalId: 'PO', controlNumber: '41', groupStatus: 'A', groupCodes: [], sets: [] },
      'x',
    );
    expect(again).toEqual({ matched: false, reason: 'already-acknowledged' });
    expect(
      await acks.match(
        'tp_1',
        { functionalId: 'PO', controlNumber: '99', groupStatus: 'A', groupCodes: [], sets: [] },
        'x',
      ),
    ).toEqual({ matched: false, reason: 'unknown-group' });
    expect(
      await acks.match(
        'tp_1',
        { functionalId: 'IN', controlNumber: '42', groupStatus: 'A', groupCodes: [], sets: [] },
        'x',
      ),
    ).toEqual({ matched: false, reason: 'unknown-group' });
  });

  it('reports the overdue count as a gauge read at scrape time', async () => {
    const registry = new Registry();
    registerOverdueAckGauge(registry, {
      countOverdue: () => acks.countOverdue(new Date(sentAt.getTime() + 2 * hour)),
    });
    expect(await registry.metrics()).toMatch(/^hub_edi_acknowledgements_overdue 2$/m);
  });
});
