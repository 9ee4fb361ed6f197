/**
 * What every outbound set generator receives besides the canonical document. A generator is a pure function of
 * the document and this context, and returns the set body: the segments between ST and SE, which the enveloper
 * (../writer/envelope.ts) adds so that SE01 is counted in exactly one place.
 */
import type { LegalEntity, Party } from '../../../canonical-model/generated/index';
import type { TradingPartnerProfile } from '../partner';
import type { OutSegment } from '../x12/types';

/** Who we are writing to and as whom. */
export interface OutboundContext {
  /** The receiving partner: its product-id qualifier preference decides which item ids are sent first. */
  profile: Pick<TradingPartnerProfile, 'id' | 'role' | 'partyId' | 'productIdQualifiers' | 'timeZone'>;
  /** The legal entity the document belongs to (our name on N1 BY/SE when the document names no party for us). */
  legalEntity: Pick<LegalEntity, 'id' | 'legalName'>;
  /** How the partner knows us (its vendor number for us, our GLN …), written in the N1 loop that names us. */
  ourParty: Party;
}

/** Generates the body of one transaction set; throws a `data` HubError naming the canonical field that cannot go. */
export type SetGenerator<D> = (document: D, context: OutboundContext) => OutSegment[];
