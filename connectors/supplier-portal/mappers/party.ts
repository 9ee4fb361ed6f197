/** Parties (ship-from, ship-to, remit-to) between the portal's shape and the canonical Party. */
import type { Party } from '../../../canonical-model/generated/index';
import type { MappingProblems } from '../../sdk/mapping';
import { optionalText, record } from './context';

/** A portal party as a canonical Party; one with no code, GLN or address does not map. */
export function partyFromPortal(value: unknown, path: string, problems: MappingProblems): Party {
  const p = record(value);
  const name = optionalText(p.name);
  const code = optionalText(p.code);
  const gln = optionalText(p.gln);
  const a = p.address === undefined ? undefined : record(p.address);
  const party: Party = { ...(name ? { name } : {}), ...(code ? { code } : {}), ...(gln ? { gln } : {}) };
  if (a) {
    const lines = [optionalText(a.line1), optionalText(a.line2)].filter((l): l is string => !!l);
    const city = problems.text(a.city, `${path}/address/city`);
    const country = optionalText(a.country)?.toUpperCase();
    if (!lines.length) problems.add(`${path}/address/line1`, 'is missing');
    if (!country || !/^[A-Z]{2}$/.test(country))
      problems.add(`${path}/address/country`, 'is not an ISO country code');
    const region = optionalText(a.region);
    const postalCode = optionalText(a.postal_code);
    party.address = {
      lines: lines.length ? lines : ['?'],
      city,
      ...(region ? { region } : {}),
      ...(postalCode ? { postalCode } : {}),
      countryCode: country ?? 'ZZ',
    };
  }
  if (!code && !gln && !a) problems.add(path, 'has no code, GLN or address');
  return party;
}

/** A canonical Party as the portal's party (the canonical location id travels as the code when there is none). */
export function partyToPortal(party: Party): Record<string, unknown> {
  const a = party.address;
  const code = party.code ?? party.locationId;
  return {
    ...(party.name ? { name: party.name } : a?.company ? { name: a.company } : {}),
    ...(code ? { code } : {}),
    ...(party.gln ? { gln: party.gln } : {}),
    ...(a
      ? {
          address: {
            line1: a.lines[0],
            ...(a.lines.length > 1 ? { line2: a.lines.slice(1).join(', ') } : {}),
            city: a.city,
            ...(a.region ? { region: a.region } : {}),
            ...(a.postalCode ? { postal_code: a.postalCode } : {}),
            country: a.countryCode,
          },
        }
      : {}),
  };
}
