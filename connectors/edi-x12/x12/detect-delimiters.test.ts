import { describe, expect, it } from 'vitest';
import { detectDelimiters } from './detect-delimiters';
import { fixtureBytes } from './test-support/fixtures';

const text = (name: string) => fixtureBytes(name).toString('latin1');

describe('detectDelimiters', () => {
  it.each([
    ['01_850_vics_grocery_tilde.x12', '*', '>', '~', '\n', undefined],
    ['02_850_pipe_multi_st_dirty_upc.x12', '|', '>', '~', '', undefined],
    ['03_855_book_distributor_ack.edi', '*', '>', '~', '\n', undefined],
    ['04_856_crossdock_SOPI_newline.edi', '*', '>', '\n', '', undefined],
    ['05_856_pickpack_SOI_004060.edi', '*', '>', '~', '\n', '-'],
    ['08_940_food_3pl_newline.edi', '*', '>', '\n', '', undefined],
    ['11_BAD_940_control_numbers_mismatch.edi', '*', '>', '\n', '', undefined],
    ['12_BAD_940_SE01_count.edi', '*', '>', '\n', '', undefined],
    ['v01_850_pipe_lf.edi', '|', '>', '\n', '', undefined],
    ['v02_850_ctrl_delimiters.edi', '\x7f', '>', '\x15', '', undefined],
    ['v03_856_crlf.edi', '*', '>', '~', '\r\n', '-'],
    ['v04_855_bom.edi', '*', '>', '~', '\n', undefined],
    ['v05_two_groups_po_sh.edi', '*', '>', '~', '\n', undefined],
  ])('reads %s', (name, element, component, segment, suffix, repetition) => {
    const found = detectDelimiters(text(name), { atStart: true, ended: true });
    expect(found).toMatchObject({
      ok: true,
      delimiters: { element, component, segment, suffix, repetition },
    });
  });

  it('skips a UTF-8 byte-order mark and leading whitespace before the ISA', () => {
    const found = detectDelimiters(text('v04_855_bom.edi'), { atStart: true, ended: true });
    expect(found).toMatchObject({ ok: true, skipped: 3 });
    const padded = detectDelimiters('\r\n  ' + text('01_850_vics_grocery_tilde.x12'), {
      atStart: false,
      ended: true,
    });
    expect(padded).toMatchObject({ ok: true, skipped: 4, delimiters: { segment: '~' } });
  });

  it('does not take an LF after an LF terminator as a suffix', () => {
    const doubled = text('04_856_crossdock_SOPI_newline.edi').replace('\n', '\n\n');
    expect(detectDelimiters(doubled, { atStart: true, ended: true })).toMatchObject({
      delimiters: { segment: '\n', suffix: '' },
    });
  });

  it('keeps ISA11 as a repetition separator only from 00402 on', () => {
    const isa401 = text('05_856_pickpack_SOI_004060.edi').replace('*00406*', '*00401*');
    const found = detectDelimiters(isa401, { atStart: true, ended: true });
    expect(found.ok && found.delimiters.repetition).toBe(undefined);
  });

  it('rejects what is not an ISA, and a wrong-length ISA, with the TA1 note that fits', () => {
    expect(detectDelimiters(text('v11_garbage.bin'), { atStart: true, ended: true })).toMatchObject({
      ok: false,
      note: '022',
    });
    expect(detectDelimiters(text('v07_isa_wrong_length.edi'), { atStart: true, ended: true })).toMatchObject({
      ok: false,
      note: '022',
      problem: expect.stringContaining('105 characters') as unknown,
    });
    const good = text('04_856_crossdock_SOPI_newline.edi');
    expect(detectDelimiters('ISAA' + good.slice(4), { atStart: true, ended: true })).toMatchObject({
      note: '026',
    });
    expect(
      detectDelimiters(good.slice(0, 104) + 'A' + good.slice(105), { atStart: true, ended: true }),
    ).toMatchObject({ note: '027' });
    expect(
      detectDelimiters(good.slice(0, 105) + 'G' + good.slice(106), { atStart: true, ended: true }),
    ).toMatchObject({ note: '004' });
    expect(detectDelimiters(good.slice(0, 60), { atStart: true, ended: true })).toMatchObject({
      note: '023',
    });
  });
});
