/**
 * OutSegment[] → X12 text. Composites are joined with the component separator, trailing empty components and
 * trailing empty elements are never written (X12 syntax forbids them), and every value is scrubbed so no data can
 * break the structure (see scrub-value.ts).
 */
import { HubError } from '../../../platform/errors';
import type { Delimiters, OutSegment } from '../x12/types';
import { scrubValue } from './scrub-value';

function dropTrailingEmpty(values: string[]): string[] {
  let end = values.length;
  while (end > 0 && values[end - 1] === '') end -= 1;
  return values.slice(0, end);
}

function elementText(value: OutSegment['elements'][number], delimiters: Delimiters): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return scrubValue(value, delimiters);
  return dropTrailingEmpty(value.map((component) => scrubValue(component, delimiters))).join(
    delimiters.component,
  );
}

/** One segment without its terminator, e.g. `PO1*1*5*EA`. */
export function serializeSegment(segment: OutSegment, delimiters: Delimiters): string {
  if (!/^[A-Z][A-Z0-9]{1,2}$/.test(segment.id)) {
    throw new HubError('bug', `${JSON.stringify(segment.id)} is not an X12 segment id`);
  }
  const elements = dropTrailingEmpty(segment.elements.map((value) => elementText(value, delimiters)));
  return [segment.id, ...elements].join(delimiters.element);
}

/** The segments, each followed by the segment terminator and the suffix. */
export function serializeSegments(segments: OutSegment[], delimiters: Delimiters): string {
  const end = delimiters.segment + delimiters.suffix;
  return segments.map((segment) => serializeSegment(segment, delimiters) + end).join('');
}
