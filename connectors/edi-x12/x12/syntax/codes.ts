/**
 * Code lists for the ID elements we check. They are the codes the spec sheet names plus the ones common 4010
 * implementation guides use; lists marked (verify) were not confirmed against the X12 dictionary, so a partner's
 * valid but rarer code may be flagged — widen the list rather than drop the check.
 */
import { UNITS } from '../../../../canonical-model/uom';

/** E353 transaction set purpose (BEG01, BAK01, BSN01, BIA01, BCH01) (verify: common subset). */
export const PURPOSE = [
  '00',
  '01',
  '02',
  '03',
  '04',
  '05',
  '06',
  '07',
  '08',
  '10',
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '18',
  '19',
  '22',
  '24',
  '25',
  '26',
  '27',
  '28',
  '30',
  '35',
  '36',
  '37',
  '38',
  '44',
  '46',
  '52',
  '53',
  '54',
  '77',
];

/** E92 purchase order type (BEG02, BCH02). */
export const PO_TYPE = [
  'SA',
  'NE',
  'RL',
  'BK',
  'DS',
  'KN',
  'BE',
  'CF',
  'CN',
  'CO',
  'CP',
  'DR',
  'EO',
  'IN',
  'OS',
  'PR',
  'RC',
  'RE',
  'RO',
  'SD',
  'SO',
  'SP',
  'ST',
];

/** E587 acknowledgment type (BAK02). */
export const ACK_TYPE = ['AC', 'AD', 'AE', 'AH', 'AK', 'AP', 'AT', 'NA', 'RD', 'RF', 'RJ', 'RN', 'RO', 'ZZ'];

/** E668 line item status (ACK01): the official list, IE is "accepted, price pending". */
export const LINE_STATUS = [
  'AC',
  'AR',
  'BP',
  'DR',
  'IA',
  'IB',
  'IC',
  'ID',
  'IE',
  'IF',
  'IH',
  'IP',
  'IQ',
  'IR',
  'IS',
  'IW',
  'R1',
  'R2',
  'R3',
  'R4',
  'R5',
  'SP',
];

/** E1005 hierarchical structure code (BSN05). */
export const HL_STRUCTURE = ['0001', '0002', '0003', '0004'];

/** E735 hierarchical level code (HL03) used by 856 guides. */
export const HL_LEVEL = ['S', 'O', 'T', 'P', 'I'];

/** E640 transaction type (BIG07) (verify). */
export const INVOICE_TYPE = ['CR', 'DI', 'DR', 'FE', 'CN', 'PR'];

/** E755 report type (BIA02) (verify). */
export const REPORT_TYPE = ['DD', 'SI', 'MM', 'PS', 'MB'];

/** E673 quantity qualifier (QTY01) for inventory advice. */
export const QTY_QUALIFIER = ['33', '17', '37', 'QH', 'IQ', 'XU', '29', '01', '02', '38', '63'];

/** E473 order status (W0501) (verify). */
export const ORDER_STATUS = ['N', 'C', 'R', 'F'];

/** W0601 reporting code (verify). */
export const REPORTING_CODE = ['F', 'P', 'C', 'N'];

/** E368 shipment/order status (W1201) (verify). */
export const SHIP_STATUS = ['CC', 'CL', 'CP', 'PR', 'SH'];

/** E670 change or response type (POC02). */
export const CHANGE_TYPE = ['AI', 'CA', 'CT', 'DI', 'PC', 'QD', 'QI', 'RZ'];

/** E963 tax type (TXI01) (verify). */
export const TAX_TYPE = [
  'CA',
  'CI',
  'CP',
  'CS',
  'CT',
  'EV',
  'FD',
  'FT',
  'GS',
  'HS',
  'HT',
  'LO',
  'LS',
  'LT',
  'MN',
  'MP',
  'MT',
  'OH',
  'OT',
  'PG',
  'PS',
  'SA',
  'SC',
  'SE',
  'SL',
  'SP',
  'ST',
  'SU',
  'TX',
  'VA',
  'ZZ',
];

/** E717 set acknowledgment code (AK501); P tolerated inbound (Azure lists it). */
export const SET_ACK = ['A', 'E', 'M', 'R', 'W', 'X', 'P'];

/** E715 group acknowledgment code (AK901). */
export const GROUP_ACK = ['A', 'E', 'P', 'R', 'M', 'W', 'X'];

/** E716/E718 error codes (AK905-909, AK502-506): numeric codes 1-27. */
export const NOTE_CODES = Array.from({ length: 27 }, (_, i) => String(i + 1));

/**
 * E355 unit of measure: the X12 column of canonical-model/uom.ts, plus standard 355 codes the samples use that
 * have no canonical unit (UN unit in sample 03, CF cubic feet in 04 and 08, CR cubic metre).
 */
export const UNIT = [...Object.values(UNITS).map((unit) => unit.x12), 'UN', 'CF', 'CR'];
