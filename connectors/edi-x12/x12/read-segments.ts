/**
 * Streaming segment reader: bytes in, segments out, in constant memory (one partial segment is the most it holds).
 *
 * Why not x12-parser's stream (the issue names it; we tried it first, and the tests still use it as an independent
 * cross-check of this reader on every good fixture):
 * - it returns no byte offsets and cannot be made to: it rewrites CRLF to LF and trims every element before we see
 *   it, so the consumed length of a segment is lost (we store raw bytes and point errors at offsets);
 * - it detects delimiters once, from fixed offsets of the first chunk: a BOM, leading whitespace, a first chunk
 *   shorter than 106 bytes or a second interchange with other delimiters all break it (a BOM turned sample 05 into
 *   13 garbage segments; a 50-byte first chunk turned it into one);
 * - input without a terminator is re-joined and re-split on every chunk, so time grows with the square of the
 *   length (19 MB of unterminated bytes took 2.4 s; 200 MB would take minutes: a hang on garbage);
 * - it trims element values (ISA06 "A" + 14 spaces becomes "A"), which hides width errors and alters AN data.
 * Wrapping would have meant finding segment boundaries ourselves first, which is all this reader does.
 */
import type { Readable } from 'node:stream';
import { detectDelimiters, ISA_LENGTH } from './detect-delimiters';
import type { DelimitersNotFound } from './detect-delimiters';
import type { Delimiters, Segment } from './types';

/** Something that yields bytes: a Node Readable, a web stream reader adapter, or an async generator. */
export type ByteSource = Readable | AsyncIterable<Uint8Array | string>;

/** What the reader reports, in input order. */
export type ReadEvent =
  /** An ISA was read: a new interchange starts (the ISA is also its first segment). */
  | { kind: 'isa'; segment: Segment; isa: string; delimiters: Delimiters; end: number }
  /** Any other segment. `oversize`: longer than `maxSegmentLength`, its elements were dropped. */
  | { kind: 'segment'; segment: Segment; end: number; oversize?: boolean }
  /** Bytes that do not start with a usable ISA; everything from `offset` to the end of input is skipped. */
  | { kind: 'unreadable'; note: DelimitersNotFound['note']; problem: string; offset: number }
  /** End of input: `byteCount` bytes after any byte-order mark; `partial` when it ended inside a segment. */
  | { kind: 'end'; byteCount: number; partial: boolean };

/** Reader limits. */
export interface ReadOptions {
  /** Longest segment kept, in bytes (default 65536); longer ones are reported `oversize` without their data. */
  maxSegmentLength?: number;
}

const BOM = '\u00ef\u00bb\u00bf';

/** Reads segments as they arrive, batched per input chunk so the per-segment cost stays low. */
export async function* readSegmentBatches(
  input: ByteSource,
  options: ReadOptions = {},
): AsyncGenerator<ReadEvent[]> {
  const maxLength = options.maxSegmentLength ?? 65_536;
  let mode = 'seek' as 'seek' | 'body' | 'discard' | 'skip';
  let buffer = '';
  let bufferStart = 0; // offset of buffer[0], BOM excluded
  let atStart = true;
  let delimiters: Delimiters | undefined;
  let index = 0;
  let total = 0;

  const process = (ended: boolean): ReadEvent[] => {
    const events: ReadEvent[] = [];
    let pos = 0;
    for (;;) {
      if (mode === 'skip') {
        pos = buffer.length;
        break;
      }
      if (mode === 'seek') {
        const lead = countLeadingFiller(buffer, pos);
        if (pos + lead === buffer.length && !ended) {
          pos += lead;
          break;
        }
        if (!ended && buffer.length - pos - lead < ISA_LENGTH + 2) break;
        if (pos + lead === buffer.length && !atStart) {
          pos = buffer.length;
          break; // only whitespace after the last interchange
        }
        const found = detectDelimiters(buffer.slice(pos + lead, pos + lead + ISA_LENGTH + 2), {
          atStart: false,
          ended,
        });
        atStart = false;
        if (!found.ok) {
          events.push({
            kind: 'unreadable',
            note: found.note,
            problem: found.problem,
            offset: bufferStart + pos + lead,
          });
          mode = 'skip';
          continue;
        }
        delimiters = found.delimiters;
        index = 1;
        const offset = bufferStart + pos + lead;
        const raw = found.isa.slice(0, ISA_LENGTH - 1);
        pos += lead + ISA_LENGTH;
        events.push({
          kind: 'isa',
          segment: toSegment(raw, offset, index, delimiters),
          isa: found.isa,
          delimiters,
          end: bufferStart + pos,
        });
        mode = 'body';
        continue;
      }
      const terminator = (delimiters as Delimiters).segment;
      const stop = buffer.indexOf(terminator, pos);
      if (mode === 'discard') {
        if (stop < 0) {
          pos = buffer.length;
          break;
        }
        pos = stop + 1;
        mode = 'body';
        continue;
      }
      if (stop < 0 && !ended) {
        if (buffer.length - pos > maxLength) {
          const lead = countLineBreaks(buffer, pos);
          index += 1;
          const id =
            buffer.slice(pos + lead, pos + lead + 3).split((delimiters as Delimiters).element)[0] ?? '';
          events.push({
            kind: 'segment',
            segment: { id, elements: [], index, offset: bufferStart + pos + lead },
            end: bufferStart + buffer.length,
            oversize: true,
          });
          pos = buffer.length;
          mode = 'discard';
        }
        break;
      }
      const end = stop < 0 ? buffer.length : stop;
      const lead = countLineBreaks(buffer, pos, end);
      let raw = buffer.slice(pos + lead, end);
      if (terminator === '\n' && raw.endsWith('\r')) raw = raw.slice(0, -1);
      const offset = bufferStart + pos + lead;
      pos = stop < 0 ? buffer.length : stop + 1;
      if (raw.trim() === '') {
        if (stop < 0) break;
        continue;
      }
      const d = delimiters as Delimiters;
      if (
        raw.startsWith('ISA' + d.element) ||
        (raw.startsWith('ISA') && raw.length >= 4 && !/[A-Z0-9]/.test(raw.charAt(3)))
      ) {
        // A new ISA before this interchange's IEA: re-detect, the next interchange may use other delimiters.
        pos = offset - bufferStart;
        mode = 'seek';
        continue;
      }
      index += 1;
      const segment =
        raw.length > maxLength
          ? { id: raw.slice(0, 3).split(d.element)[0] ?? '', elements: [], index, offset }
          : toSegment(raw, offset, index, d);
      events.push({
        kind: 'segment',
        segment,
        end: bufferStart + pos,
        ...(raw.length > maxLength ? { oversize: true } : {}),
      });
      if (segment.id === 'IEA') mode = 'seek';
      if (stop < 0) break;
    }
    buffer = buffer.slice(pos);
    bufferStart += pos;
    return events;
  };

  // The first bytes are held until we know whether they are a BOM (which is not part of the interchange: offsets
  // and byte counts start after it).
  let head: string | undefined = '';
  const feed = (text: string): ReadEvent[] => {
    total += text.length;
    if (mode === 'skip') return [];
    buffer += text;
    return process(false);
  };
  for await (const chunk of input as AsyncIterable<Uint8Array | string>) {
    let text = typeof chunk === 'string' ? chunk : decodeLatin1(chunk);
    if (head !== undefined) {
      head += text;
      if (head.length < BOM.length) continue;
      text = head.startsWith(BOM) ? head.slice(BOM.length) : head;
      head = undefined;
    }
    const events = feed(text);
    if (events.length > 0) yield events;
  }
  const events = head !== undefined ? feed(head) : [];
  const partial = mode === 'body' && buffer.trim() !== '';
  if (mode !== 'skip') events.push(...process(true));
  events.push({ kind: 'end', byteCount: total, partial: partial || mode === 'discard' });
  yield events;
}

/** Reads segments one by one (convenience for tools and tests; the engine uses the batched form). */
export async function* readSegments(input: ByteSource, options: ReadOptions = {}): AsyncGenerator<Segment> {
  for await (const batch of readSegmentBatches(input, options)) {
    for (const event of batch) if (event.kind === 'isa' || event.kind === 'segment') yield event.segment;
  }
}

/** Splits a segment's text on the element separator; composites and repetitions stay whole. */
function toSegment(raw: string, offset: number, index: number, delimiters: Delimiters): Segment {
  const parts = raw.split(delimiters.element);
  const id = parts.shift() ?? '';
  return { id, elements: parts, index, offset };
}

/** One char per byte, so every byte value survives and string offsets are byte offsets. */
function decodeLatin1(chunk: Uint8Array): string {
  return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
}

/** CR/LF before a segment: the line-break suffix after the previous terminator, or blank lines. */
function countLineBreaks(text: string, from: number, to = text.length): number {
  let i = from;
  while (i < to && (text.charCodeAt(i) === 13 || text.charCodeAt(i) === 10)) i += 1;
  return i - from;
}

/** Whitespace, NUL and Ctrl-Z filler before an ISA (some senders pad files or end them with Ctrl-Z). */
function countLeadingFiller(text: string, from: number): number {
  let i = from;
  while (
    i < text.length &&
    (text.charCodeAt(i) === 0 || text.charCodeAt(i) === 0x1a || /\s/.test(text.charAt(i)))
  )
    i += 1;
  return i - from;
}
