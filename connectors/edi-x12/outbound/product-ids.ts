/**
 * Canonical item identifiers → X12 235/234 qualifier/id pairs (PO106/07…, LIN02/03…, IT106/07…, W0104/05…).
 * The partner's productIdQualifiers preference decides the order: an identifier whose qualifier the partner
 * prefers goes first, in preference order; the others follow in the order the item lists them. Readers sort by
 * the same preference, so the order is not something the set carries.
 */
import type { ItemIdentifier, ItemReference } from '../../../canonical-model/generated/index';
import { CANONICAL_QUALIFIERS, DEFAULT_X12_QUALIFIERS } from '../product-id-qualifiers';
import { invalid } from './x12-values';

/** One identifier as it is written: its 235 qualifier and the identifier. */
export interface QualifiedIdentifier {
  x12: string;
  identifier: ItemIdentifier;
}

/** The identifiers of an item in the order they are written, each with the 235 qualifier it is written under. */
export function orderIdentifiers(item: ItemReference, preference: readonly string[]): QualifiedIdentifier[] {
  const qualified = item.identifiers.map((identifier, i) => {
    const preferred = preference.find((q) => CANONICAL_QUALIFIERS[q] === identifier.qualifier);
    return { x12: preferred ?? DEFAULT_X12_QUALIFIERS[identifier.qualifier], identifier, i };
  });
  const rank = (q: string) => {
    const at = preference.indexOf(q);
    return at < 0 ? preference.length : at;
  };
  return qualified
    .sort((a, b) => rank(a.x12) - rank(b.x12) || a.i - b.i)
    .map(({ x12, identifier }) => ({ x12, identifier }));
}

/** The flat qualifier/id elements for at most `maxPairs` pairs; an item with more ids than fit is an error. */
export function productIdPairs(
  item: ItemReference,
  preference: readonly string[],
  maxPairs: number,
  path: string,
): string[] {
  const ordered = orderIdentifiers(item, preference);
  if (!ordered.length) invalid(`${path}/identifiers`, 'is empty; X12 needs at least one product id');
  if (ordered.length > maxPairs) {
    invalid(
      `${path}/identifiers`,
      `has ${ordered.length} identifiers but this segment carries at most ${maxPairs}`,
    );
  }
  return ordered.flatMap(({ x12, identifier }) => [x12, identifier.value]);
}
