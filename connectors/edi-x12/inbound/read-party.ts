/**
 * N1 loops (N1/N2/N3/N4) → canonical parties. N103 says what N104 is: UL a GLN (check digit verified), 92/91
 * buyer/seller-assigned codes, 15 SAN, 1/9 DUNS; any of them is kept as the party's `code`. A party that is one of
 * ours (our DC on an inbound ASN, a 3PL warehouse) also gets a provisional canonical location id.
 */
import { gs1KeyProblem } from '../../../canonical-model/gtin';
import type { Address, Party } from '../../../canonical-model/generated/index';
import { provisionalId } from '../../sdk/mapping';
import type { InboundContext } from './context';
import type { ElementReader } from './read-elements';
import { optional, segmentsOf, splitLoops, value } from './read-set';
import type { At } from './read-set';

const US_REGIONS = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR VI GU AS MP'.split(
    ' ',
  ),
);
const CA_REGIONS = new Set('AB BC MB NB NL NS NT NU ON PE QC SK YT'.split(' '));
const ALPHA3: Record<string, string> = { USA: 'US', CAN: 'CA', MEX: 'MX' };

/** One N1 loop read: the entity code (N101) and the party, or undefined when it has nothing to go on. */
export interface ReadParty {
  entity: string;
  party: Party | undefined;
  n1: At;
}

/** The external key of an N1 location id: GLNs are global; other codes are only unique within the partner. */
export function locationKeyOf(context: InboundContext, qualifier: string, id: string): string {
  return qualifier === 'UL' ? `gln:${id}` : `${context.partner.id}:${qualifier}:${id}`;
}

/** The provisional canonical location id of an N1 id. */
export function locationIdOf(context: InboundContext, qualifier: string, id: string): string {
  return provisionalId(context.connectorId, 'location', locationKeyOf(context, qualifier, id));
}

/** The country of an N4: N404 when sent, else the country whose region code N402 is (US and Canada only). */
function countryOf(n4: At): string | undefined {
  const sent = value(n4, 4).toUpperCase();
  if (sent) return ALPHA3[sent] ?? (/^[A-Z]{2}$/.test(sent) ? sent : undefined);
  const region = value(n4, 2).toUpperCase();
  if (US_REGIONS.has(region)) return 'US';
  if (CA_REGIONS.has(region)) return 'CA';
  return undefined;
}

function addressOf(loop: At[], name: string | undefined): Address | undefined {
  const lines = segmentsOf(loop, 'N3')
    .flatMap((n3) => [value(n3, 1), value(n3, 2)])
    .filter(Boolean)
    .slice(0, 4);
  const n4 = segmentsOf(loop, 'N4')[0];
  const city = n4 && value(n4, 1);
  const countryCode = n4 && countryOf(n4);
  // Without street, city and a country the canonical address would be invalid; the party keeps its code instead.
  if (!lines.length || !n4 || !city || !countryCode) return undefined;
  const attention = segmentsOf(loop, 'N2')
    .flatMap((n2) => [value(n2, 1), value(n2, 2)])
    .filter(Boolean)
    .join(' ');
  const region = optional(n4, 2);
  const postalCode = optional(n4, 3);
  return {
    ...(name ? { name } : {}),
    ...(attention ? { attention } : {}),
    lines,
    city,
    ...(region ? { region } : {}),
    ...(postalCode ? { postalCode } : {}),
    countryCode,
  };
}

/** Reads one N1 loop; `ours` marks parties that are hub locations. */
export function readParty(
  reader: ElementReader,
  context: InboundContext,
  loop: At[],
  ours = false,
): ReadParty {
  const n1 = loop[0]!;
  const entity = value(n1, 1);
  const name = optional(n1, 2);
  const qualifier = value(n1, 3);
  const id = value(n1, 4);
  if (qualifier && !id)
    reader.report(n1, 4, `is missing (the ${entity} party id for qualifier ${qualifier})`);
  let gln: string | undefined;
  if (qualifier === 'UL' && id) {
    const problem = gs1KeyProblem('gln', id);
    if (problem) reader.report(n1, 4, `${JSON.stringify(id)} is not a GLN: ${problem}`);
    else gln = id;
  }
  const address = addressOf(loop, name);
  const code = id && qualifier !== 'UL' ? id : undefined;
  const locationId = ours && id && qualifier ? locationIdOf(context, qualifier, id) : undefined;
  const party: Party = {
    ...(name ? { name } : {}),
    ...(code ? { code } : {}),
    ...(gln ? { gln } : {}),
    ...(locationId ? { locationId } : {}),
    ...(address ? { address } : {}),
  };
  const usable = Boolean(code || gln || locationId || address);
  return { entity, party: usable ? party : undefined, n1 };
}

/** Every N1 loop among `items` (which should hold only one loop level), by entity code; the first of a code wins. */
export function readParties(
  reader: ElementReader,
  context: InboundContext,
  items: At[],
  ours: readonly string[] = [],
): Map<string, ReadParty> {
  const parties = new Map<string, ReadParty>();
  const loopIds = new Set(['N1', 'N2', 'N3', 'N4', 'PER', 'REF']);
  const { loops } = splitLoops(
    items.filter((at) => loopIds.has(at.segment.id)),
    'N1',
  );
  for (const loop of loops) {
    const read = readParty(reader, context, loop, ours.includes(value(loop[0]!, 1)));
    if (!parties.has(read.entity)) parties.set(read.entity, read);
  }
  return parties;
}

/** A required party: reports the N1 when it identifies nothing, or the set when the loop is absent. */
export function requireParty(
  reader: ElementReader,
  parties: Map<string, ReadParty>,
  entities: string[],
  header: At,
  what: string,
): Party | undefined {
  for (const entity of entities) {
    const read = parties.get(entity);
    if (!read) continue;
    if (!read.party)
      reader.report(read.n1, 4, `the ${what} (N1*${entity}) has no id and no full address (N3/N4)`);
    return read.party;
  }
  reader.problems.add(
    `/${header.position}/N1`,
    `the set has no ${what}: send an N1 loop with N101 ${entities.join(' or ')} and an id (N103/N104) or an address`,
  );
  return undefined;
}
