import { describe, expect, it } from 'vitest';
import type { Delimiters } from '../x12/types';
import { serializeSegment, serializeSegments } from './serialize-segments';

const star: Delimiters = { element: '*', component: ':', segment: '~', repetition: '^', suffix: '\n' };

describe('serializeSegment', () => {
  it('never writes trailing empty elements or trailing empty components', () => {
    const text = serializeSegment({ id: 'PO1', elements: ['1', '', ['A', '', ''], '', undefined, ''] }, star);
    expect(text).toBe('PO1*1**A');
  });

  it('joins a composite with the component separator and keeps inner empty components', () => {
    expect(serializeSegment({ id: 'AK4', elements: [['5', '', '1'], '1331', '7'] }, star)).toBe(
      'AK4*5::1*1331*7',
    );
  });

  it('replaces every delimiter and CR/LF in a value with a space, so element positions survive', () => {
    const text = serializeSegment({ id: 'N3', elements: ['12*A:B~C^D\r\nE', 'Suite 4'] }, star);
    expect(text).toBe('N3*12 A B C D  E*Suite 4');
    expect(text.split('*')).toHaveLength(3);
  });

  it('refuses a segment id that is not one', () => {
    expect(() => serializeSegment({ id: 'po1', elements: [] }, star)).toThrow(/segment id/);
  });
});

describe('serializeSegments', () => {
  it('ends every segment with the terminator and the suffix', () => {
    const text = serializeSegments(
      [
        { id: 'LX', elements: ['1'] },
        { id: 'G69', elements: ['WIDGET'] },
      ],
      star,
    );
    expect(text).toBe('LX*1~\nG69*WIDGET~\n');
  });

  it('scrubs a value holding the segment terminator when the terminator is a line feed', () => {
    const lf: Delimiters = { element: '|', component: '>', segment: '\n', suffix: '' };
    const text = serializeSegments([{ id: 'NTE', elements: ['WHI', 'line one\nline two'] }], lf);
    expect(text).toBe('NTE|WHI|line one line two\n');
  });
});
