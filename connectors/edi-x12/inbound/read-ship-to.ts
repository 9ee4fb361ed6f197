/**
 * The ship-to of an 856. N1*ST is the rule; pick-pack ASNs (sample 05) often name only the buyer (N1*BY, or N1*OB
 * "ordered by"), which is where the goods go when the buyer is the receiving party. That party is taken as the
 * ship-to with a warning so a person can confirm it; a set with none of the three still fails.
 */
import type { Party } from '../../../canonical-model/generated/index';
import type { FieldError } from '../../../platform/errors';
import type { ElementReader } from './read-elements';
import { requireParty } from './read-party';
import type { ReadParty } from './read-party';
import { fieldPath } from './read-set';
import type { At } from './read-set';

const FALLBACKS: Record<string, string> = { BY: 'buying party', OB: 'ordered-by party' };

/** N1*ST, else N1*BY, else N1*OB with a warning at its N101; `header` is named when none is sent. */
export function readShipTo(
  reader: ElementReader,
  parties: Map<string, ReadParty>,
  header: At,
  warnings: FieldError[],
): Party | undefined {
  const fallback = parties.has('ST') ? undefined : Object.keys(FALLBACKS).find((e) => parties.has(e));
  if (!fallback) return requireParty(reader, parties, ['ST', ...Object.keys(FALLBACKS)], header, 'ship-to');
  const read = parties.get(fallback)!;
  const party = requireParty(reader, parties, [fallback], header, 'ship-to');
  if (party) {
    warnings.push({
      path: fieldPath(read.n1, 1),
      message: `the set has no ship-to (N1*ST): the ${FALLBACKS[fallback]} N1*${fallback} at position ${read.n1.position} is taken as the ship-to`,
    });
  }
  return party;
}
