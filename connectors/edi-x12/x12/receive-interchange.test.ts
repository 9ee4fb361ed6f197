import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InterchangeOutcome, SetOutcome } from './outcome-types';
import { receiveInterchanges } from './receive-interchange';
import { fixtureBytes, streamOf } from './test-support/fixtures';
import type { TransactionSet } from './types';

const receive = (name: string, chunk = 257) => receiveInterchanges(streamOf(fixtureBytes(name), chunk));

/** A compact view of an outcome: TA1, then per group AK9 and per set AK5. */
function summary(outcomes: InterchangeOutcome[]) {
  return outcomes.map((o) => ({
    ta1: `${o.ta1.status} ${o.ta1.note}`,
    groups: o.groups.map((g) => ({
      ak9: [g.status, g.included, g.received, g.accepted, ...g.codes].join(' '),
      sets: g.sets.map((s) => [s.setId, s.status, ...s.codes].join(' ')),
    })),
  }));
}

describe('receiveInterchanges on the fixtures', () => {
  it.each([
    ['01_850_vics_grocery_tilde.x12', [{ ak9: 'A 1 1 1', sets: ['850 A'] }]],
    ['02_850_pipe_multi_st_dirty_upc.x12', [{ ak9: 'A 4 4 4', sets: ['850 A', '850 A', '850 A', '850 A'] }]],
    ['03_855_book_distributor_ack.edi', [{ ak9: 'A 1 1 1', sets: ['855 A'] }]],
    ['04_856_crossdock_SOPI_newline.edi', [{ ak9: 'A 1 1 1', sets: ['856 A'] }]],
    ['05_856_pickpack_SOI_004060.edi', [{ ak9: 'A 1 1 1', sets: ['856 A'] }]],
    ['08_940_food_3pl_newline.edi', [{ ak9: 'A 1 1 1', sets: ['940 A'] }]],
    ['v01_850_pipe_lf.edi', [{ ak9: 'A 4 4 4', sets: ['850 A', '850 A', '850 A', '850 A'] }]],
    ['v02_850_ctrl_delimiters.edi', [{ ak9: 'A 1 1 1', sets: ['850 A'] }]],
    ['v03_856_crlf.edi', [{ ak9: 'A 1 1 1', sets: ['856 A'] }]],
    ['v04_855_bom.edi', [{ ak9: 'A 1 1 1', sets: ['855 A'] }]],
    [
      'v05_two_groups_po_sh.edi',
      [
        { ak9: 'A 2 2 2', sets: ['850 A', '850 A'] },
        { ak9: 'A 2 2 2', sets: ['856 A', '856 A'] },
      ],
    ],
    ['v12_810_tds_implied_decimals.edi', [{ ak9: 'A 1 1 1', sets: ['810 A'] }]],
    ['v13_846_inventory.edi', [{ ak9: 'A 1 1 1', sets: ['846 A'] }]],
    ['v14_945_shipping_advice.edi', [{ ak9: 'A 1 1 1', sets: ['945 A'] }]],
    ['v15_860_order_change.edi', [{ ak9: 'A 1 1 1', sets: ['860 A'] }]],
    ['v16_997_functional_ack.edi', [{ ak9: 'A 1 1 1', sets: ['997 A'] }]],
    ['v18_947_inventory_adjustment.edi', [{ ak9: 'A 1 1 1', sets: ['947 A'] }]],
  ])('accepts %s', async (name, groups) => {
    expect(summary(await receive(name))).toEqual([{ ta1: 'A 000', groups }]);
  });

  it('sample 11: SE02 ≠ ST02 (AK5 R 3), GE02 ≠ GS06 (AK9 4), IEA02 ≠ ISA13 (TA1 E 001)', async () => {
    expect(summary(await receive('11_BAD_940_control_numbers_mismatch.edi'))).toEqual([
      { ta1: 'E 001', groups: [{ ak9: 'R 1 1 0 4', sets: ['940 R 3'] }] },
    ]);
  });

  it('sample 12: SE01 12 for 9 segments (AK5 R 4), plus the W01 element errors it really has', async () => {
    const [outcome] = await receive('12_BAD_940_SE01_count.edi');
    const set = outcome?.groups[0]?.sets[0];
    expect(set).toMatchObject({ status: 'R', codes: ['4', '5'], segmentCount: 9 });
    expect(set?.segmentErrors).toEqual([
      {
        segmentId: 'W01',
        position: 5,
        loopId: 'W01',
        code: '8',
        elementErrors: [
          { position: 1, elementNumber: '330', code: '1' },
          { position: 2, elementNumber: '355', code: '4', data: '1' },
          { position: 3, elementNumber: '438', code: '4', data: 'EA' },
        ],
      },
    ]);
    expect(outcome?.ta1.status).toBe('A');
  });

  it.each([
    ['v06_850_truncated.edi', 'R 023', [{ ak9: 'R 2 2 1 3', sets: ['850 A', '850 R 2'] }]],
    ['v07_isa_wrong_length.edi', 'R 022', []],
    ['v08_unknown_set_123.edi', 'A 000', [{ ak9: 'P 2 2 1', sets: ['850 A', '123 R 1'] }]],
    ['v09_850_bad_date.edi', 'A 000', [{ ak9: 'R 1 1 0', sets: ['850 R 5'] }]],
    ['v10_ge_count_mismatch.edi', 'A 000', [{ ak9: 'R 3 2 2 5', sets: ['850 A', '850 A'] }]],
    ['v11_garbage.bin', 'R 022', []],
  ])('%s gives its documented outcome', async (name, ta1, groups) => {
    expect(summary(await receive(name, 13))).toEqual([{ ta1, groups }]);
  });

  it('points the bad BEG05 date at BEG (position 2) element 5', async () => {
    const [outcome] = await receive('v09_850_bad_date.edi');
    expect(outcome?.groups[0]?.sets[0]?.segmentErrors).toEqual([
      {
        segmentId: 'BEG',
        position: 2,
        code: '8',
        elementErrors: [{ position: 5, elementNumber: '373', code: '8', data: '20241301' }],
      },
    ]);
  });

  it('reports an empty input as a premature end', async () => {
    expect(summary(await receiveInterchanges(streamOf(Buffer.alloc(0))))).toEqual([
      { ta1: 'R 023', groups: [] },
    ]);
  });

  it('reads several interchanges from one file, each with its own TA1', async () => {
    const bytes = Buffer.concat([
      fixtureBytes('11_BAD_940_control_numbers_mismatch.edi'),
      fixtureBytes('v04_855_bom.edi').subarray(3),
    ]);
    const outcomes = await receiveInterchanges(streamOf(bytes, 50));
    expect(outcomes.map((o) => `${o.header?.controlNumber} ${o.ta1.status} ${o.ta1.note}`)).toEqual([
      '000003438 E 001',
      '000000005 A 000',
    ]);
    expect(outcomes[1]?.offset).toBe(fixtureBytes('11_BAD_940_control_numbers_mismatch.edi').length);
  });

  it('hands each set to onSet as it ends, with its envelope and verdict', async () => {
    const seen: [TransactionSet, SetOutcome][] = [];
    await receiveInterchanges(streamOf(fixtureBytes('v05_two_groups_po_sh.edi'), 31), {
      onSet: (set, outcome) => {
        seen.push([set, outcome]);
        return Promise.resolve();
      },
    });
    expect(
      seen.map(([set, o]) => `${set.group.functionalId} ${set.setId} ${set.controlNumber} ${o.status}`),
    ).toEqual(['PO 850 0001 A', 'PO 850 0002 A', 'SH 856 0001 A', 'SH 856 0002 A']);
    for (const [set, o] of seen) {
      expect(set.segments.length).toBe(Number(set.segments.at(-1)?.elements[0]));
      expect(o.segmentCount).toBe(set.segments.length);
    }
    expect(seen[0]?.[0].segments[0]?.id).toBe('ST');
    expect(seen[0]?.[0].segments.at(-1)?.id).toBe('SE');
    expect(seen[0]?.[0].interchange.controlNumber).toBe('000000501');
  });

  it('withholds the sets of a duplicate interchange and rejects it with TA1 025', async () => {
    let sets = 0;
    const outcomes = await receiveInterchanges(streamOf(fixtureBytes('03_855_book_distributor_ack.edi')), {
      onHeader: (header) => Promise.resolve(header.controlNumber === '000000005' ? 'duplicate' : 'continue'),
      onSet: () => {
        sets += 1;
        return Promise.resolve();
      },
    });
    expect(sets).toBe(0);
    expect(outcomes[0]).toMatchObject({ duplicate: true, groups: [], ta1: { status: 'R', note: '025' } });
  });

  it('passes no set of an interchange the caller withholds, and does not call it a duplicate', async () => {
    let sets = 0;
    const outcomes = await receiveInterchanges(streamOf(fixtureBytes('03_855_book_distributor_ack.edi')), {
      onHeader: () => Promise.resolve('withhold'),
      onSet: () => {
        sets += 1;
        return Promise.resolve();
      },
    });
    expect(sets).toBe(0);
    expect(outcomes[0]).toMatchObject({ duplicate: false, groups: [], ta1: { status: 'A', note: '000' } });
    expect(outcomes[0]!.segmentCount).toBeGreaterThan(10);
  });

  it('rejects an interchange with a bad ISA09 date (014) without passing its sets on', async () => {
    const bytes = Buffer.from(
      fixtureBytes('04_856_crossdock_SOPI_newline.edi').toString('latin1').replace('*091225*', '*091325*'),
      'latin1',
    );
    const outcomes = await receiveInterchanges(streamOf(bytes));
    expect(outcomes[0]?.ta1).toMatchObject({ status: 'R', note: '014' });
    expect(outcomes[0]?.groups).toEqual([]);
  });

  it('keeps only the sets in error when asked, counts all of them', async () => {
    const [outcome] = await receiveInterchanges(
      streamOf(fixtureBytes('v08_unknown_set_123.edi')),
      {},
      { keepSetOutcomes: 'errors-only' },
    );
    expect(outcome?.groups[0]).toMatchObject({ received: 2, accepted: 1, sets: [{ setId: '123' }] });
  });

  it('rejects a set under the wrong GS01 unless told to accept it', async () => {
    const bytes = Buffer.from(
      fixtureBytes('03_855_book_distributor_ack.edi').toString('latin1').replace('GS*PR*', 'GS*IN*'),
      'latin1',
    );
    expect(summary(await receiveInterchanges(streamOf(bytes)))[0]?.groups[0]?.sets).toEqual(['855 R 6']);
    const lenient = await receiveInterchanges(streamOf(bytes), {}, { functionalIdMismatch: 'accept' });
    expect(summary(lenient)[0]?.groups[0]).toEqual({ ak9: 'E 1 1 1', sets: ['855 E 6'] });
  });

  it('flags a duplicate ST02 within a group (AK5 23)', async () => {
    const bytes = Buffer.from(
      fixtureBytes('v05_two_groups_po_sh.edi')
        .toString('latin1')
        .replace(/\*0002([~*])/g, '*0001$1'),
      'latin1',
    );
    const groups = summary(await receiveInterchanges(streamOf(bytes)))[0]?.groups;
    expect(groups?.[0]?.sets).toEqual(['850 A', '850 R 23']);
  });

  it('never throws, always resolves, and always gives a TA1 for random mutations of a good fixture', async () => {
    const base = fixtureBytes('05_856_pickpack_SOI_004060.edi');
    const mutation = fc.array(fc.tuple(fc.nat({ max: base.length - 1 }), fc.integer({ min: -1, max: 255 })), {
      minLength: 1,
      maxLength: 8,
    });
    await fc.assert(
      fc.asyncProperty(mutation, fc.integer({ min: 1, max: 300 }), async (edits, chunk) => {
        const bytes = Buffer.from(base);
        let mutated: Buffer = bytes;
        for (const [at, value] of edits) {
          if (value < 0) mutated = Buffer.concat([mutated.subarray(0, at), mutated.subarray(at + 1)]);
          else mutated[at % mutated.length] = value;
        }
        const outcomes = await receiveInterchanges(streamOf(mutated, chunk));
        expect(outcomes.length).toBeGreaterThan(0);
        for (const o of outcomes) expect(['A', 'E', 'R']).toContain(o.ta1.status);
      }),
      { numRuns: 300 },
    );
  });
});
