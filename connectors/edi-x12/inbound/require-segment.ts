/** Finding the segment a set cannot map without, and saying so when it is absent. */
import type { ElementReader } from './read-elements';
import type { At } from './read-set';

/** The first `id` segment of the set; when there is none, a problem at the position after ST names what is missing. */
export function requireSegment(reader: ElementReader, all: At[], id: string, what: string): At | undefined {
  const found = all.find((at) => at.segment.id === id);
  if (!found) reader.problems.add(`/2/${id}`, `the set has no ${id} segment (${what}); it is required`);
  return found;
}
