/**
 * What every inbound set mapper receives besides the set, and what it gives back. A mapper is a pure function of
 * the set and this context: no I/O, so the same interchange always maps to the same documents.
 */
import type { CanonicalDocument } from '../../../canonical-model/generated/index';
import type { FieldError } from '../../../platform/errors';
import type { TradingPartnerProfile } from '../partner';
import type { SetBusinessKeys } from '../x12/read-business-keys';
import type { TransactionSet } from '../x12/types';

/** Who sent the set and from whose side it is read. */
export interface InboundContext {
  /** The EDI connector the interchange came through; every provisional id is scoped to it. */
  connectorId: string;
  legalEntityId: string;
  partner: Pick<
    TradingPartnerProfile,
    'id' | 'role' | 'partyId' | 'timeZone' | 'productIdQualifiers' | 'identifierChecks'
  >;
  /**
   * 'hub': the partner sent the set to us (the normal case). 'partner': the set is one WE generated, read as the
   * receiving partner would (round-trip tests of outbound generation): our 855 gives an outbound ack, our 856 an
   * outbound ASN, our 810 an AR invoice.
   */
  perspective: 'hub' | 'partner';
}

/** A canonical document as a mapper produces it (the canonical validator judges it, not the mapper). */
export type MappedDocument = CanonicalDocument;

/** The business numbers a set carried, for linking the raw interchange to what it produced. */
export type BusinessKeys = SetBusinessKeys;

/** One set answered in a 997 we received (AK2 … AK5). */
export interface AcknowledgedSet {
  /** AK201, e.g. "850". */
  setId: string;
  /** AK202: the ST02 we sent. */
  controlNumber: string;
  /** AK501: A accepted, E accepted with errors, R rejected, M/W/X rejected for security reasons (P tolerated). */
  status: string;
  /** AK3/AK4 defects and AK502-506 codes, as a person reads them. */
  errors: string[];
}

/** A 997 we received: which of our groups it answers and how. */
export interface ReceivedAcknowledgement {
  acknowledgedGroup: { functionalId: string; controlNumber: string };
  /** AK901: A, E, P (partially accepted), R, M, W, X. */
  groupStatus: string;
  /** AK902-904: sets included, received, accepted. */
  counts: { included: number; received: number; accepted: number };
  /** AK905-909 group error codes. */
  groupErrors: string[];
  sets: AcknowledgedSet[];
}

/** What one transaction set maps to. */
export interface MappedSet {
  documents: MappedDocument[];
  businessKeys: BusinessKeys;
  /**
   * Inconsistencies worth a person's look that do not stop the set (e.g. 945 W03 totals, an 856 without N1*ST,
   * a GS1 id a 'lenient' partner sent with a wrong check digit).
   */
  warnings?: FieldError[];
  /** Only for a 997: the acknowledgement it carries (documents is then empty). */
  acknowledgement?: ReceivedAcknowledgement;
}

/** Maps one transaction set; throws a `data` HubError naming every X12 field that does not map. */
export type SetMapper = (set: TransactionSet, context: InboundContext) => MappedSet;
