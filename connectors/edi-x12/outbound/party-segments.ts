/**
 * A canonical party → its N1 loop: N1 (entity code, name, one id: a GLN under UL, else the party's code under 92
 * "assigned by buyer"), N2 attention, N3 street lines two per segment, N4 city/region/postal code/country.
 * A party's canonical locationId, contact, address company/name, phone and e-mail are not written: the partner
 * does not know our ids and X12 puts contacts in PER, which these sets do not send.
 */
import type { Party } from '../../../canonical-model/generated/index';
import type { OutSegment } from '../x12/types';
import { invalid } from './x12-values';

/** The N1 loop of `party` under entity code `entity` (ST, BT, SF, DE, WH, RI …). */
export function partySegments(entity: string, party: Party, path: string): OutSegment[] {
  const [qualifier, id] = party.gln
    ? ['UL', party.gln]
    : party.code
      ? ['92', party.code]
      : [undefined, undefined];
  if (!party.name && !id) invalid(path, `names no one X12 can identify: give it a name, a code or a GLN`);
  const segments: OutSegment[] = [{ id: 'N1', elements: [entity, party.name, qualifier, id] }];
  const address = party.address;
  if (!address) return segments;
  if (address.attention) segments.push({ id: 'N2', elements: [address.attention] });
  for (let i = 0; i < address.lines.length; i += 2) {
    segments.push({ id: 'N3', elements: [address.lines[i], address.lines[i + 1]] });
  }
  segments.push({
    id: 'N4',
    elements: [address.city, address.region, address.postalCode, address.countryCode],
  });
  return segments;
}
