import fc from 'fast-check';
import { Readable } from 'node:stream';
import { X12parser } from 'x12-parser';
import { describe, expect, it } from 'vitest';
import { readSegments } from './read-segments';
import { fixtureBytes, streamOf } from './test-support/fixtures';
import type { Segment } from './types';

async function all(bytes: Uint8Array, chunkSize?: number): Promise<Segment[]> {
  const out: Segment[] = [];
  for await (const segment of readSegments(streamOf(bytes, chunkSize))) out.push(segment);
  return out;
}

const GOOD = [
  '01_850_vics_grocery_tilde.x12',
  '02_850_pipe_multi_st_dirty_upc.x12',
  '03_855_book_distributor_ack.edi',
  '04_856_crossdock_SOPI_newline.edi',
  '05_856_pickpack_SOI_004060.edi',
  '08_940_food_3pl_newline.edi',
];

describe('readSegments', () => {
  it('gives each segment its ordinal and the byte offset of its first byte', async () => {
    const bytes = fixtureBytes('01_850_vics_grocery_tilde.x12');
    const segments = await all(bytes);
    expect(segments.map((s) => s.index)).toEqual(segments.map((_, i) => i + 1));
    for (const s of segments) expect(bytes.toString('latin1', s.offset, s.offset + s.id.length)).toBe(s.id);
    expect(segments.at(-1)?.id).toBe('IEA');
  });

  it('counts offsets after a byte-order mark', async () => {
    const plain = await all(fixtureBytes('03_855_book_distributor_ack.edi'));
    const withBom = await all(fixtureBytes('v04_855_bom.edi'), 2);
    expect(withBom).toEqual(plain);
  });

  it.each(GOOD)('reads %s the same in 1-byte chunks as whole', async (name) => {
    const bytes = fixtureBytes(name);
    expect(await all(bytes, 1)).toEqual(await all(bytes));
  });

  it('reads the last segment when the file ends without a terminator (sample 08)', async () => {
    const segments = await all(fixtureBytes('08_940_food_3pl_newline.edi'));
    expect(segments.at(-1)).toMatchObject({ id: 'IEA', elements: ['1', '000003438'] });
  });

  it("keeps sample 05's '-' data whole although ISA11 is '-'", async () => {
    const segments = await all(fixtureBytes('05_856_pickpack_SOI_004060.edi'));
    expect(segments.find((s) => s.id === 'REF')?.elements).toEqual(['BM', '999999-001']);
    expect(segments.find((s) => s.id === 'N4' && s.elements[0] === 'ATLANTA')?.elements[2]).toBe(
      '31139-0020',
    );
  });

  it('reads control-character delimiters and every byte value as latin1', async () => {
    const segments = await all(fixtureBytes('v02_850_ctrl_delimiters.edi'), 5);
    expect(segments.map((s) => s.id)).toEqual(
      (await all(fixtureBytes('01_850_vics_grocery_tilde.x12'))).map((s) => s.id),
    );
  });

  it('re-detects delimiters for a second interchange in the same file', async () => {
    const first = fixtureBytes('04_856_crossdock_SOPI_newline.edi');
    const second = fixtureBytes('02_850_pipe_multi_st_dirty_upc.x12');
    const segments = await all(Buffer.concat([first, second]), 100);
    const isas = segments.filter((s) => s.id === 'ISA');
    expect(isas).toHaveLength(2);
    expect(segments.filter((s) => s.id === 'ST')).toHaveLength(5);
    expect(isas[1]?.offset).toBe(first.length);
  });

  it('agrees with x12-parser on the segments and trimmed values of every good fixture', async () => {
    for (const name of GOOD) {
      const bytes = fixtureBytes(name);
      const theirs: Record<string, string>[] = [];
      await new Promise<void>((resolve, reject) => {
        Readable.from([bytes])
          .pipe(new X12parser('latin1'))
          .on('data', (d: Record<string, string>) => theirs.push(d))
          .on('end', resolve)
          .on('error', reject);
      });
      const ours = (await all(bytes)).map((s) => [
        s.id,
        ...s.elements.map((e) => e.split(s.id === 'ISA' ? '\u0000' : '>')[0]?.trim()),
      ]);
      const mapped = theirs
        .filter((d) => d.name !== '')
        .map((d) => [
          d.name,
          ...Object.keys(d)
            .filter((k) => /^\d+$/.test(k))
            .map((k) => d[k]),
        ]);
      expect(ours, name).toEqual(mapped);
    }
  });

  it('does not slow down or hold memory on megabytes without a terminator', async () => {
    const isa = fixtureBytes('04_856_crossdock_SOPI_newline.edi').subarray(0, 106);
    const junk = Buffer.alloc(8 * 1024 * 1024, 0x41);
    const started = Date.now();
    const segments = await all(Buffer.concat([isa, junk]), 64 * 1024);
    expect(segments.map((s) => s.id)).toEqual(['ISA', 'AAA']);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('never throws on arbitrary bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 400 }),
        fc.integer({ min: 1, max: 50 }),
        async (bytes, chunk) => {
          await all(bytes, chunk);
        },
      ),
      { numRuns: 200 },
    );
  });
});
