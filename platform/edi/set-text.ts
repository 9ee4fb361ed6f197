import type { Delimiters, Segment } from '../../connectors/edi-x12/x12/types';

/** Sets larger than this are not kept as text on their record (their bytes stay in the raw interchange). */
export const MAX_SET_TEXT = 1024 * 1024;

/** A set's segments written back with the interchange's own delimiters, as it arrived (undefined past the limit). */
export function setText(segments: readonly Segment[], delimiters: Delimiters): string | undefined {
  let size = 0;
  const parts: string[] = [];
  for (const s of segments) {
    const line = [s.id, ...s.elements].join(delimiters.element) + delimiters.segment + delimiters.suffix;
    size += line.length;
    if (size > MAX_SET_TEXT) return undefined;
    parts.push(line);
  }
  return parts.join('');
}

/** The segments of a kept set's text (index and offset count within the set). */
export function segmentsFromText(text: string, delimiters: Delimiters): Segment[] {
  const segments: Segment[] = [];
  let offset = 0;
  for (const raw of text.split(delimiters.segment + delimiters.suffix)) {
    if (raw.length) {
      const [id = '', ...elements] = raw.split(delimiters.element);
      segments.push({ id, elements, index: segments.length + 1, offset });
    }
    offset += raw.length + delimiters.segment.length + delimiters.suffix.length;
  }
  return segments;
}
