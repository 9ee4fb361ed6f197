import { describe, expect, it } from 'vitest';
import type { Segment } from '../types';
import { SET_DEFINITIONS } from './index';
import { checkValue, isValidDate, isValidTime } from './validate-elements';
import { el } from './spec-types';
import { validateSetBody } from './validate-set';

const set = (text: string): Segment[] =>
  text.split('~').map((raw, i) => {
    const [id = '', ...elements] = raw.split('*');
    return { id, elements, index: i + 1, offset: 0 };
  });

const codes = (text: string) =>
  validateSetBody(SET_DEFINITIONS.get('850')!, set(text), '>').map(
    (e) => `${e.segmentId}@${e.position}:${e.code}`,
  );

describe('set syntax', () => {
  const head = 'ST*850*1~BEG*00*SA*P1**20240101~';
  it('accepts a minimal order', () => {
    expect(codes(`${head}PO1*1*1*EA~CTT*1~SE*5*1`)).toEqual([]);
  });
  it('reports a missing mandatory loop, an unexpected and an unrecognized segment', () => {
    expect(codes(`${head}CTT*1~SE*4*1`)).toEqual(['PO1@3:3']);
    expect(codes(`${head}PO1*1*1*EA~W05*N*1~CTT*1~SE*6*1`)).toEqual(['W05@4:2']);
    expect(codes(`${head}PO1*1*1*EA~ZQ9*1~CTT*1~SE*6*1`)).toEqual(['ZQ9@4:1']);
  });
  it('reports a segment out of sequence and one over its max use', () => {
    expect(codes(`${head}PO1*1*1*EA~BEG*00*SA*P1**20240101~CTT*1~SE*6*1`)).toEqual(['BEG@4:7']);
    expect(codes(`ST*850*1~BEG*00*SA*P1**20240101~CUR*BY*USD~CUR*BY*USD~PO1*1*1*EA~SE*6*1`)).toEqual([
      'CUR@4:5',
    ]);
  });
  it('reports element errors: too many elements, invalid code, trailing empties tolerated', () => {
    expect(codes(`${head}PO1*1*1*EA~CTT*1*2*3*EA*4*EA*x*9~SE*5*1`)).toEqual(['CTT@4:8']);
    expect(codes(`${head}PO1*1*1*ZZ~SE*4*1`)).toEqual(['PO1@3:8']);
    expect(codes(`${head}PO1*1*1*EA****~SE*4*1`)).toEqual([]);
  });
});

describe('element checks', () => {
  it('checks dates, times, numbers and lengths', () => {
    expect(isValidDate('20240229')).toBe(true);
    expect(isValidDate('20230229')).toBe(false);
    expect(isValidDate('CCYYMMDD')).toBe(false);
    expect(isValidTime('2359')).toBe(true);
    expect(isValidTime('2460')).toBe(false);
    expect(checkValue('CCYYMMDD', el('M DT 8/8 373'), '>')).toMatchObject({ code: '8' });
    expect(checkValue('14400', el('M N2 1/15 610'), '>')).toBeUndefined();
    expect(checkValue('144.00', el('M N2 1/15 610'), '>')).toMatchObject({ code: '6' });
    expect(checkValue('-12.50', el('M R 1/4 212'), '>')).toBeUndefined();
    expect(checkValue('12345.6', el('M R 1/4 212'), '>')).toMatchObject({ code: '5' });
    expect(checkValue('A\u0007', el('M AN 1/10 93'), '>')).toMatchObject({ code: '6' });
    expect(checkValue('', el('M AN 1/10 93'), '>')).toMatchObject({ code: '1' });
  });
});
