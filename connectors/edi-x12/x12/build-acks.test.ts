import { describe, expect, it } from 'vitest';
import { build997 } from './build-997';
import { build999 } from './build-999';
import { buildTa1 } from './build-ta1';
import { receiveInterchanges } from './receive-interchange';
import { fixtureBytes, streamOf } from './test-support/fixtures';
import type { OutSegment } from './types';

/** Segments as X12 text with * and : (what a partner would read), to compare against the expected acks. */
const text = (segments: OutSegment[]) =>
  segments.map((s) =>
    [s.id, ...s.elements.map((e) => (Array.isArray(e) ? e.join(':') : (e ?? '')))]
      .join('*')
      .replace(/\*+$/, ''),
  );

const outcomeOf = async (name: string) => (await receiveInterchanges(streamOf(fixtureBytes(name))))[0];

describe('acknowledgement bodies', () => {
  it('997 for sample 11 carries AK5*R*3 and AK9 code 4, TA1 E 001', async () => {
    const outcome = await outcomeOf('11_BAD_940_control_numbers_mismatch.edi');
    const group = outcome?.groups[0];
    if (!outcome || !group) throw new Error('no group');
    expect(text(build997(group, { controlNumber: '0001' }))).toEqual([
      'ST*997*0001',
      'AK1*OW*3314',
      'AK2*940*0001',
      'AK5*R*3',
      'AK9*R*1*1*0*4',
      'SE*6*0001',
    ]);
    expect(text([buildTa1(outcome.ta1)])).toEqual(['TA1*000003438*101127*1719*E*001']);
  });

  it('997 for sample 12 carries AK5*R*4 with the W01 AK3/AK4 loops', async () => {
    const group = (await outcomeOf('12_BAD_940_SE01_count.edi'))?.groups[0];
    if (!group) throw new Error('no group');
    expect(text(build997(group, { controlNumber: '9' }))).toEqual([
      'ST*997*9',
      'AK1*OW*9221',
      'AK2*940*20066',
      'AK3*W01*5*W01*8',
      'AK4*1*330*1',
      'AK4*2*355*4*1',
      'AK4*3*438*4*EA',
      'AK5*R*4*5',
      'AK9*R*1*1*0',
      'SE*10*9',
    ]);
  });

  it('reports partial acceptance (P) and can leave accepted sets out', async () => {
    const group = (await outcomeOf('v08_unknown_set_123.edi'))?.groups[0];
    if (!group) throw new Error('no group');
    expect(text(build997(group, { controlNumber: '0002', setResponses: 'errors-only' }))).toEqual([
      'ST*997*0002',
      'AK1*PO*801',
      'AK2*123*0002',
      'AK5*R*1',
      'AK9*P*2*2*1',
      'SE*6*0002',
    ]);
    expect(build997(group, { controlNumber: '0002' }).filter((s) => s.id === 'AK2')).toHaveLength(2);
  });

  it('writes a component position inside AK401 and a 999 with IK segments and GS08', async () => {
    const bytes = Buffer.from(
      fixtureBytes('v13_846_inventory.edi').toString('latin1').replace('QTY*17*150*EA', 'QTY*17*150*XX'),
      'latin1',
    );
    const group = (await receiveInterchanges(streamOf(bytes)))[0]?.groups[0];
    if (!group) throw new Error('no group');
    const ack = text(build997(group, { controlNumber: '3' }));
    expect(ack).toContain('AK3*QTY*8*QTY*8');
    expect(ack).toContain('AK4*3:1*355*7*XX');
    const ik = text(build999(group, { controlNumber: '3' }));
    expect(ik.slice(0, 2)).toEqual(['ST*999*3*005010X231A1', 'AK1*IB*1301*004010']);
    expect(ik).toContain('IK4*3:1*355*7*XX');
    expect(ik).toContain('IK5*R*5');
  });

  it('TA1 for unreadable input echoes zeros and stamps the time it was refused', async () => {
    const outcome = await outcomeOf('v11_garbage.bin');
    if (!outcome) throw new Error('no outcome');
    expect(text([buildTa1(outcome.ta1, new Date('2024-03-15T09:30:00Z'))])).toEqual([
      'TA1*000000000*240315*0930*R*022',
    ]);
  });
});
