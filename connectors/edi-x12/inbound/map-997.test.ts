import { describe, expect, it } from 'vitest';
import { map997 } from './map-997';
import { dataErrorsOf, partnerContext } from './test-support/inbound-context';
import { envelope, readFixture, setsFromText } from './test-support/sets-from-text';

const ack = async (ak9: string) =>
  (
    await setsFromText(
      envelope(
        'FA',
        'ST*997*0001~AK1*IN*1207~AK2*810*0001~AK5*A~AK2*810*0002~AK3*TXI*4**8~AK4*1*963*7*C1~AK5*R*5~' +
          `${ak9}~SE*10*0001`,
      ),
    )
  )[0]!;

describe('997 → received acknowledgement', () => {
  it('reads which of our groups and sets were accepted, and why one was rejected', async () => {
    const mapped = map997(await ack('AK9*P*2*2*1'), partnerContext());
    expect(mapped.documents).toEqual([]);
    expect(mapped.acknowledgement).toEqual({
      acknowledgedGroup: { functionalId: 'IN', controlNumber: '1207' },
      groupStatus: 'P',
      counts: { included: 2, received: 2, accepted: 1 },
      groupErrors: [],
      sets: [
        { setId: '810', controlNumber: '0001', status: 'A', errors: [] },
        {
          setId: '810',
          controlNumber: '0002',
          status: 'R',
          errors: [
            'segment TXI at position 4: segment has data element errors (8)',
            'segment TXI at position 4, element 1 (data element 963): invalid code value (7), sent "C1"',
            'set: one or more segments in error (5)',
          ],
        },
      ],
    });
  });

  it('accepts R for a partially accepted group as senders do, with its group error codes', async () => {
    const mapped = map997(await ack('AK9*R*2*2*1*5'), partnerContext());
    expect(mapped.acknowledgement?.groupStatus).toBe('R');
    expect(mapped.acknowledgement?.groupErrors).toEqual([
      'GE01 does not match the number of transaction sets (5)',
    ]);
  });

  it('names an unknown group status', async () => {
    const set = await ack('AK9*Q*2*2*1');
    expect(dataErrorsOf(() => map997(set, partnerContext())).map((e) => e.path)).toEqual(['/9/AK901']);
  });

  it('reads the 997 fixture: our 855 group 77, one set accepted, one rejected for a bad date', async () => {
    const mapped = map997(
      (await setsFromText(readFixture('v16_997_functional_ack.edi')))[0]!,
      partnerContext(),
    );
    expect(mapped.acknowledgement).toMatchObject({
      acknowledgedGroup: { functionalId: 'PR', controlNumber: '77' },
      groupStatus: 'P',
      counts: { included: 2, received: 2, accepted: 1 },
    });
    expect(mapped.acknowledgement?.sets.map((s) => [s.controlNumber, s.status])).toEqual([
      ['0001', 'A'],
      ['0002', 'R'],
    ]);
    expect(mapped.acknowledgement?.sets[1]?.errors).toContain(
      'segment BAK at position 2, element 4 (data element 373): invalid date (8), sent "20241301"',
    );
  });
});
