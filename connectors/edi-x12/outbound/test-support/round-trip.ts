/**
 * TEST SUPPORT ONLY. One outbound round trip: generate the set body, envelope it for the partner, parse the
 * interchange with node-x12 and map the set back with a reader in the partner's perspective.
 */
import type { InboundContext, MappedSet } from '../../inbound/context';
import type { TradingPartnerProfile } from '../../partner';
import type { TransactionSet } from '../../x12/types';
import { envelope } from '../../writer/envelope';
import type { Interchange } from '../../writer/envelope';
import type { SetGenerator } from '../context';
import { setsWithNodeX12 } from './node-x12-sets';
import { outboundContext } from './partner-profiles';

/** What one round trip produced at each step. */
export interface RoundTrip {
  interchange: Interchange;
  sets: TransactionSet[];
  mapped: MappedSet;
}

/** The inbound context that reads a set the hub generated as the receiving partner would. */
export function partnerPerspective(profile: TradingPartnerProfile): InboundContext {
  return {
    connectorId: profile.connectorId,
    legalEntityId: profile.legalEntityId,
    partner: profile,
    perspective: 'partner',
  };
}

/** Runs `document` through generator → envelope → node-x12 → reader. */
export function roundTrip<D>(
  document: D,
  setId: string,
  generate: SetGenerator<D>,
  read: (set: TransactionSet, context: InboundContext) => MappedSet,
  profile: TradingPartnerProfile,
): RoundTrip {
  const body = generate(document, outboundContext(profile));
  const interchange = envelope({
    profile,
    interchangeControlNumber: 31_337,
    createdAt: new Date('2025-04-04T14:05:00Z'),
    groups: [{ controlNumber: 8812, sets: [{ setId, controlNumber: 17, body }] }],
  });
  const sets = setsWithNodeX12(interchange.text);
  if (sets.length !== 1) throw new Error(`node-x12 read ${sets.length} sets, expected 1`);
  return { interchange, sets, mapped: read(sets[0]!, partnerPerspective(profile)) };
}
