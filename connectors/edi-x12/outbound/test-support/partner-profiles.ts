/** TEST SUPPORT ONLY. A trading partner profile and the delimiter sets the round trips run under. */
import type { OutboundDelimiters, TradingPartnerProfile } from '../../partner';
import type { OutboundContext } from '../context';

/** Delimiter sets the round trips must survive, with the ISA version each is sent under. */
export const DELIMITER_SETS: {
  name: string;
  version: string;
  groupVersion: string;
  delimiters: OutboundDelimiters;
}[] = [
  {
    name: '* > ~ with LF, 00401',
    version: '00401',
    groupVersion: '004010',
    delimiters: { element: '*', component: '>', segment: '~', suffix: '\n' },
  },
  {
    name: '| ^ ~ without suffix, 00501 repetition !',
    version: '00501',
    groupVersion: '005010',
    delimiters: { element: '|', component: '^', segment: '~', repetition: '!', suffix: '' },
  },
  {
    name: 'control characters 0x1D 0x1F 0x1C, 00401',
    version: '00401',
    groupVersion: '004010',
    delimiters: { element: '\x1d', component: '\x1f', segment: '\x1c', suffix: '' },
  },
  {
    name: 'control characters 0x7F 0x1F 0x15 with CRLF, 00501 repetition 0x1E',
    version: '00501',
    groupVersion: '005010',
    delimiters: { element: '\x7f', component: '\x1f', segment: '\x15', repetition: '\x1e', suffix: '\r\n' },
  },
];

/** A customer/supplier/3PL profile with the given delimiters. */
export function partnerProfile(
  overrides: Partial<TradingPartnerProfile> = {},
  delimiterSet: (typeof DELIMITER_SETS)[number] = DELIMITER_SETS[0]!,
): TradingPartnerProfile {
  return {
    id: 'tp_bigbox',
    connectorId: 'edi-bigbox',
    name: 'BigBox Retail',
    legalEntityId: 'le_acme_us',
    role: 'customer',
    partyId: 'cus_bigbox_retail',
    partner: { isa: { qualifier: '01', id: '007941234' }, gsId: '007941234' },
    us: { isa: { qualifier: 'ZZ', id: 'ACMEDIST' }, gsId: 'ACMEDIST' },
    interchangeVersion: delimiterSet.version,
    groupVersion: delimiterSet.groupVersion,
    delimiters: delimiterSet.delimiters,
    acknowledgement: { type: '997', ta1: 'on-request', setResponses: 'all', expectedWithinMinutes: 240 },
    usage: 'P',
    timeZone: 'America/Chicago',
    productIdQualifiers: ['UP', 'BP', 'VN'],
    sets: [],
    createdAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-01T00:00:00Z',
    revision: 1,
    ...overrides,
  };
}

/** The generator context for a profile. */
export function outboundContext(profile: TradingPartnerProfile): OutboundContext {
  return {
    profile,
    legalEntity: { id: 'le_acme_us', legalName: 'Acme Distribution US, LLC' },
    ourParty: { code: 'V-00417' },
  };
}
