import { describe, expect, it } from 'vitest';
import { isHubError } from '../../../platform/errors';
import { DELIMITER_SETS, partnerProfile } from '../outbound/test-support/partner-profiles';
import { parseWithNodeX12 } from '../outbound/test-support/node-x12-sets';
import type { TradingPartnerProfile } from '../partner';
import type { EnvelopeInput } from './envelope';
import { envelope } from './envelope';

const ISA_WIDTHS = [3, 2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1];

function input(profile: TradingPartnerProfile, overrides: Partial<EnvelopeInput> = {}): EnvelopeInput {
  return {
    profile,
    interchangeControlNumber: 4711,
    // 03:30 UTC on New Year's Day is still 31 December in Chicago.
    createdAt: new Date('2025-01-01T03:30:00Z'),
    groups: [
      {
        controlNumber: 21,
        sets: [
          {
            setId: '855',
            controlNumber: 1,
            body: [{ id: 'BAK', elements: ['00', 'AD', 'PO-1', '20241231'] }],
          },
          {
            setId: '855',
            controlNumber: 2,
            body: [
              { id: 'BAK', elements: ['00', 'AD', 'PO-2', '20241231'] },
              { id: 'CTT', elements: ['0'] },
            ],
          },
        ],
      },
      {
        controlNumber: 22,
        sets: [{ setId: '810', controlNumber: 3, body: [{ id: 'BIG', elements: ['20241231', 'INV-1'] }] }],
      },
    ],
    ...overrides,
  };
}

function dataErrorPath(run: () => unknown): string | undefined {
  try {
    run();
  } catch (err) {
    if (isHubError(err) && err.kind === 'data') return err.fieldErrors?.[0]?.path;
    throw err;
  }
  return undefined;
}

describe('envelope', () => {
  it('writes a TA1 right after the ISA, alone or before the groups, without counting it in IEA01', () => {
    const profile = partnerProfile();
    const ta1 = { id: 'TA1', elements: ['000000501', '240315', '0930', 'R', '025'] };
    const alone = envelope(input(profile, { groups: [], ta1 })).text.split('~\n');
    expect(alone.slice(1)).toEqual(['TA1*000000501*240315*0930*R*025', 'IEA*0*000004711', '']);
    const withGroups = envelope(input(profile, { ta1 })).text.split('~\n');
    expect(withGroups[1]).toBe('TA1*000000501*240315*0930*R*025');
    expect(withGroups[2]).toMatch(/^GS\*PR\*/);
    expect(withGroups.at(-2)).toBe('IEA*2*000004711');
    expect(() => envelope(input(profile, { groups: [] }))).toThrow(/at least one functional group/);
  });

  it('writes an ISA of exactly 106 characters with every field at its fixed width', () => {
    for (const set of DELIMITER_SETS) {
      const { text } = envelope(input(partnerProfile({}, set)));
      const isa = text.slice(0, 106);
      expect(isa.endsWith(set.delimiters.segment)).toBe(true);
      const fields = isa.slice(0, -1).split(set.delimiters.element);
      expect(fields.map((f) => f.length)).toEqual(ISA_WIDTHS.slice(0, -1).concat(1));
      expect(fields[2]).toBe(' '.repeat(10));
      expect(fields[6]).toBe('ACMEDIST       ');
      expect(fields[8]).toBe('007941234      ');
      expect(fields[13]).toBe('000004711');
      expect(fields[11]).toBe(set.version === '00401' ? 'U' : set.delimiters.repetition);
      expect(fields[16]).toBe(set.delimiters.component);
    }
  });

  it('dates the ISA and GS in the partner time zone', () => {
    const { text } = envelope(input(partnerProfile()));
    const [isa, gs] = text.split('~\n');
    expect(isa!.split('*').slice(9, 11)).toEqual(['241231', '2130']);
    expect(gs!.split('*').slice(4, 6)).toEqual(['20241231', '2130']);
    const tokyo = envelope(input(partnerProfile({ timeZone: 'Asia/Tokyo' }))).text;
    expect(tokyo.split('~\n')[0]!.split('*').slice(9, 11)).toEqual(['250101', '1230']);
  });

  it('counts segments, sets and groups so an independent strict parser accepts them', () => {
    const result = envelope(input(partnerProfile(), { ackRequested: true }));
    const segments = result.text.split('~\n').filter(Boolean);
    expect(segments).toContain('SE*3*0001');
    expect(segments).toContain('SE*4*0002');
    expect(segments).toContain('GE*2*21');
    expect(segments).toContain('GE*1*22');
    expect(segments.at(-1)).toBe('IEA*2*000004711');
    expect(segments[0]!.split('*')[14]).toBe('1');
    expect(
      result.groups.map((g) => [g.functionalId, g.controlNumber, g.sets.map((s) => s.segmentCount)]),
    ).toEqual([
      ['PR', '21', [3, 4]],
      ['IN', '22', [3]],
    ]);
    const parsed = parseWithNodeX12(result.text);
    expect(parsed.functionalGroups.map((g) => g.transactions.length)).toEqual([2, 1]);
  });

  it('refuses ids wider than their ISA field, naming the field', () => {
    const long = partnerProfile({ us: { isa: { qualifier: 'ZZ', id: 'ACME-DISTRIBUTION' }, gsId: 'ACME' } });
    expect(dataErrorPath(() => envelope(input(long)))).toBe('profile.us.isa.id');
    const badQualifier = partnerProfile({ partner: { isa: { qualifier: 'Z', id: 'X' }, gsId: 'XX' } });
    expect(dataErrorPath(() => envelope(input(badQualifier)))).toBe('profile.partner.isa.qualifier');
  });

  it('refuses an alphanumeric delimiter, a delimiter used twice, a suffix equal to the terminator and a missing 00501 repetition separator', () => {
    const base = DELIMITER_SETS[0]!;
    const alpha = partnerProfile({ delimiters: { ...base.delimiters, component: 'A' } });
    expect(dataErrorPath(() => envelope(input(alpha)))).toBe('delimiters.component');
    const twice = partnerProfile({ delimiters: { ...base.delimiters, segment: '*' } });
    expect(dataErrorPath(() => envelope(input(twice)))).toBe('delimiters.segment');
    const lf = partnerProfile({ delimiters: { ...base.delimiters, segment: '\n', suffix: '\n' } });
    expect(dataErrorPath(() => envelope(input(lf)))).toBe('delimiters.suffix');
    const v5 = partnerProfile({ interchangeVersion: '00501', delimiters: { ...base.delimiters } });
    expect(dataErrorPath(() => envelope(input(v5)))).toBe('delimiters.repetition');
  });

  it('refuses an envelope value that would need a delimiter instead of scrubbing it', () => {
    const starId = partnerProfile({ partner: { isa: { qualifier: 'ZZ', id: 'BIG*BOX' }, gsId: 'BIGBOX' } });
    expect(dataErrorPath(() => envelope(input(starId)))).toBe('profile.partner.isa.id');
    const gs = partnerProfile({ us: { isa: { qualifier: 'ZZ', id: 'ACME' }, gsId: 'AC~ME' } });
    expect(dataErrorPath(() => envelope(input(gs)))).toBe('profile.us.gsId');
  });

  it('refuses control numbers out of range or reused, and an unknown time zone', () => {
    const profile = partnerProfile();
    expect(dataErrorPath(() => envelope(input(profile, { interchangeControlNumber: 1_000_000_000 })))).toBe(
      'interchangeControlNumber',
    );
    const reused = input(profile);
    reused.groups[1]!.controlNumber = 21;
    expect(dataErrorPath(() => envelope(reused))).toBe('groups[1].controlNumber');
    const sameSet = input(profile);
    sameSet.groups[0]!.sets[1]!.controlNumber = 1;
    expect(dataErrorPath(() => envelope(sameSet))).toBe('groups[0].sets[1].controlNumber');
    expect(dataErrorPath(() => envelope(input(partnerProfile({ timeZone: 'Mars/Olympus' }))))).toBe(
      'profile.timeZone',
    );
  });

  it('refuses a set of another functional group and a body that carries its own envelope', () => {
    const mixed = input(partnerProfile());
    mixed.groups[0]!.sets[1]!.setId = '856';
    expect(dataErrorPath(() => envelope(mixed))).toBe('groups[0].sets[1].setId');
    const nested = input(partnerProfile());
    nested.groups[1]!.sets[0]!.body.push({ id: 'SE', elements: ['3', '0003'] });
    expect(dataErrorPath(() => envelope(nested))).toBe('groups[1].sets[0].body');
  });
});
