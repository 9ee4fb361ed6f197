/**
 * A trading partner profile: who the partner is on the wire (ISA/GS ids), how we write to it, how it wants to be
 * acknowledged, and which transaction sets flow in which direction. Stored by platform/edi/partner-store.ts and
 * managed through `/v1/trading-partners`.
 */

/** An ISA identity: the qualifier (ISA05/07, e.g. "ZZ", "01", "08", "12") and the id (ISA06/08, unpadded). */
export interface IsaIdentity {
  qualifier: string;
  id: string;
}

/** One side of the exchange: its ISA identity and its GS application id (GS02/GS03). */
export interface EdiParty {
  isa: IsaIdentity;
  gsId: string;
}

/** The delimiters we write to this partner (inbound delimiters are always read from the ISA). */
export interface OutboundDelimiters {
  element: string;
  component: string;
  segment: string;
  /** ISA11 repetition separator; only written for versions 00402 and later. */
  repetition?: string;
  /** Written after each segment terminator: "", "\n" or "\r\n". */
  suffix: '' | '\n' | '\r\n';
}

/** A transaction set the partner exchanges with us, and its direction from the hub's point of view. */
export interface ExchangedSet {
  /** X12 set id: 850, 860, 855, 856, 810, 846, 940, 945, 947, 997. */
  set: string;
  direction: 'inbound' | 'outbound';
}

/** How the partner is acknowledged, and how soon it must acknowledge us. */
export interface AcknowledgementPreference {
  /** Functional acknowledgement we send for each group received. */
  type: '997' | '999';
  /** TA1: "on-request" honours ISA14; "always" sends one for every interchange; envelope errors always get one. */
  ta1: 'on-request' | 'always';
  /** AK2 loops for every set ("all") or only for sets with errors ("errors-only"). */
  setResponses: 'all' | 'errors-only';
  /** Minutes after sending within which the partner's 997 is due; later is overdue. */
  expectedWithinMinutes: number;
}

/** A stored trading partner profile. */
export interface TradingPartnerProfile {
  /** Hub id of the profile. */
  id: string;
  /** The EDI connector (transport) this partner is reached through. */
  connectorId: string;
  name: string;
  legalEntityId: string;
  /** What the partner is to us: a customer (850 in, 855/856/810 out), a supplier, or a 3PL. */
  role: 'customer' | 'supplier' | '3pl';
  /** Canonical id of the partner's customer, supplier or location record. */
  partyId: string;
  /** The partner's identity on the wire. */
  partner: EdiParty;
  /** Our identity on the wire towards this partner. */
  us: EdiParty;
  /** ISA12 we send, e.g. "00401". */
  interchangeVersion: string;
  /** GS08 we send, e.g. "004010". */
  groupVersion: string;
  delimiters: OutboundDelimiters;
  acknowledgement: AcknowledgementPreference;
  /** ISA15 we send, and what we accept as production: "T" partners' production-flagged files are refused. */
  usage: 'P' | 'T';
  /** IANA time zone of the partner's DTM/G62 times, e.g. "America/Chicago". */
  timeZone: string;
  /** Product id qualifiers in order of preference (e.g. ["UP", "VN", "BP"]); the first the item has is sent. */
  productIdQualifiers: string[];
  /**
   * How GS1 ids (UPC/EAN/GTIN in LIN/PO1…, SSCC in MAN*GM) with a wrong check digit or length are judged inbound.
   * 'strict' (the default when absent) fails the set naming the field. 'lenient' keeps the set when the line has
   * another usable id: the bad value goes to the line's attributes and a warning names it. Only the 856 reads it
   * so far; every other set stays strict.
   */
  identifierChecks?: 'strict' | 'lenient';
  sets: ExchangedSet[];
  /** How the partner knows us in N1 loops (its vendor number for us, our GLN, our name as it expects it). */
  ourParty?: { name?: string; code?: string; gln?: string };
  createdAt: string;
  updatedAt: string;
  /** Optimistic-concurrency revision. */
  revision: number;
}
