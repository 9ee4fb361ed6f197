/**
 * X12 product/service id pairs (235 qualifier + 234 id: PO106/07 …, LIN02/03 …, IT106/07 …) → canonical item
 * identifiers. GS1 ids (UP, EN, EO, UK) are checked for length and check digit here, so a bad one is reported at
 * its own X12 field instead of surfacing later as a schema error on /lines/3/item.
 */
import { gs1KeyProblem } from '../../../canonical-model/gtin';
import type { ItemIdentifier } from '../../../canonical-model/generated/index';
import { CANONICAL_QUALIFIERS } from '../product-id-qualifiers';
import { invalidKey } from './identifier-checks';
import type { IdentifierChecks } from './identifier-checks';
import type { ElementReader } from './read-elements';
import { value } from './read-set';
import type { At } from './read-set';

/** What GS1 id each GS1 qualifier must be: its digit counts, and how many leading zeros may pad it. */
const GS1_SHAPES: Record<string, { label: string; lengths: number[] }> = {
  UP: { label: 'a UPC (UPC-A) has exactly 12 digits', lengths: [12] },
  EN: { label: 'an EAN has 8 or 13 digits', lengths: [8, 13] },
  EO: { label: 'an EAN-8 has 8 digits', lengths: [8] },
  UK: { label: 'a GTIN has 8, 12, 13 or 14 digits', lengths: [8, 12, 13, 14] },
};

const NAMES: Record<string, string> = { UP: 'UPC', EN: 'EAN', EO: 'EAN-8', UK: 'GTIN' };

/** The attribute-key spelling of each GS1 qualifier's name (`invalidUpc`, `invalidEan8`). */
const KEY_NAMES: Record<string, string> = { UP: 'Upc', EN: 'Ean', EO: 'Ean8', UK: 'Gtin' };

/** The identifiers of an item, and the pairs the canonical model has no qualifier for (kept as attributes). */
export interface ProductIds {
  identifiers: ItemIdentifier[];
  /** `x12Id:<qualifier>` → id, e.g. the book trade's B6 author or a UA case code (which has no check digit). */
  attributes: Record<string, string>;
}

/**
 * A GS1 id normalised to its shape: partners pad UPCs to GTIN-13/14 with leading zeros ("0000000000642" is UPC
 * 000000000642), so zeros beyond the expected length are dropped before the check digit is judged.
 */
function normaliseGs1(qualifier: string, raw: string): { value: string; problem?: string } {
  const shape = GS1_SHAPES[qualifier]!;
  if (!/^\d+$/.test(raw))
    return {
      value: raw,
      problem: `${JSON.stringify(raw)} is not a ${NAMES[qualifier]} (${qualifier}): ${shape.label}`,
    };
  let digits = raw;
  const longest = Math.max(...shape.lengths);
  while (digits.length > longest && digits.startsWith('0')) digits = digits.slice(1);
  if (!shape.lengths.includes(digits.length)) {
    return {
      value: raw,
      problem: `${JSON.stringify(raw)} is not a ${NAMES[qualifier]} (${qualifier}): ${shape.label}, this one has ${raw.length}`,
    };
  }
  const checked = gs1KeyProblem('gtin', digits);
  return checked
    ? {
        value: raw,
        problem: `${JSON.stringify(raw)} is not a valid ${NAMES[qualifier]} (${qualifier}): ${checked}`,
      }
    : { value: digits };
}

/**
 * Reads the qualifier/id pairs of a segment from element `firstQualifier` on. Identifiers come out in the
 * partner's preferred qualifier order. When `required`, a line with no id the hub can use is a problem at the
 * first qualifier (unless a bad id was already reported for it: one message per cause). Bad GS1 ids are problems
 * unless `checks` is lenient (see readIdPairs).
 */
export function readProductIds(
  reader: ElementReader,
  at: At,
  firstQualifier: number,
  preference: readonly string[] = [],
  required = true,
  checks?: IdentifierChecks,
): ProductIds {
  const pairs: IdPair[] = [];
  for (let n = firstQualifier; n < at.segment.elements.length; n += 2) {
    pairs.push({ qualifier: value(at, n).toUpperCase(), idElement: n + 1 });
  }
  return readIdPairs(reader, at, pairs, preference, required, firstQualifier, checks);
}

/** One qualifier (as sent, or implied by the element, like W1206 UPC) and the element holding its id. */
export interface IdPair {
  qualifier: string;
  idElement: number;
}

/**
 * Reads explicit id pairs; `reportAt` is the element named when the line has no usable id. With lenient `checks`
 * a bad GS1 id is set aside: when another id identifies the line it is kept as `attributes.invalid<Name>` with a
 * warning; when none does, it is the problem it would have been under strict checks.
 */
export function readIdPairs(
  reader: ElementReader,
  at: At,
  pairs: IdPair[],
  preference: readonly string[],
  required: boolean,
  reportAt: number,
  checks?: IdentifierChecks,
): ProductIds {
  const found: { x12: string; id: ItemIdentifier }[] = [];
  const setAside: { qualifier: string; idElement: number; raw: string; problem: string }[] = [];
  const attributes: Record<string, string> = {};
  const before = reader.problems.errors.length;
  for (const { qualifier, idElement } of pairs) {
    const id = value(at, idElement);
    if (!qualifier && !id) continue;
    if (!id) {
      reader.report(at, idElement, `is missing (the product id for qualifier ${qualifier})`);
      continue;
    }
    const canonical = CANONICAL_QUALIFIERS[qualifier];
    if (!canonical) {
      attributes[`x12Id:${qualifier || 'none'}`] = id;
      continue;
    }
    let idValue = id;
    if (GS1_SHAPES[qualifier]) {
      const gs1 = normaliseGs1(qualifier, id);
      if (gs1.problem) {
        if (checks?.lenient) setAside.push({ qualifier, idElement, raw: id, problem: gs1.problem });
        else reader.report(at, idElement, gs1.problem);
        continue;
      }
      idValue = gs1.value;
    }
    if (!found.some((f) => f.id.qualifier === canonical && f.id.value === idValue)) {
      found.push({ x12: qualifier, id: { qualifier: canonical, value: idValue } });
    }
  }
  const rank = (q: string) => {
    const i = preference.indexOf(q);
    return i < 0 ? preference.length : i;
  };
  const identifiers = found
    .map((f, i) => ({ ...f, i }))
    .sort((a, b) => rank(a.x12) - rank(b.x12) || a.i - b.i)
    .slice(0, 10)
    .map((f) => f.id);
  const first = setAside[0];
  if (first && !identifiers.length && checks) {
    // Nothing else identifies the line: the bad key is kept as the partner's own item code, so the line can still
    // be matched by cross-reference and a person sees why.
    identifiers.push({ qualifier: checks.fallbackQualifier, value: first.raw });
    checks.warn(
      at,
      first.idElement,
      `${first.problem}; the line has no other product id, so ${JSON.stringify(first.raw)} is kept as ${checks.fallbackQualifier}`,
    );
    setAside.shift();
  }
  for (const bad of setAside) {
    const key = invalidKey(KEY_NAMES[bad.qualifier]!, attributes);
    attributes[key] = bad.raw;
    const kept = identifiers.map((i) => `${i.qualifier} ${i.value}`).join(', ');
    checks!.warn(
      at,
      bad.idElement,
      `${bad.problem}; kept as attributes.${key}, the item is identified by ${kept}`,
    );
  }
  if (required && identifiers.length === 0 && reader.problems.errors.length === before) {
    reader.report(
      at,
      reportAt,
      `the line has no product id the hub can use (one of ${Object.keys(CANONICAL_QUALIFIERS).join(', ')})`,
    );
  }
  return { identifiers, attributes };
}
