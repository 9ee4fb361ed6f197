/**
 * Element rules (4010) of the beginning, detail and summary segments particular to the sets we validate, and of
 * the 997 segments. Positions not listed are counted but not checked.
 */
import {
  ACK_TYPE,
  CHANGE_TYPE,
  GROUP_ACK,
  HL_LEVEL,
  HL_STRUCTURE,
  INVOICE_TYPE,
  LINE_STATUS,
  NOTE_CODES,
  ORDER_STATUS,
  PO_TYPE,
  PURPOSE,
  REPORT_TYPE,
  REPORTING_CODE,
  SET_ACK,
  SHIP_STATUS,
  UNIT,
} from './codes';
import { C001 } from './segments-common';
import { el, segmentSpec } from './spec-types';
import type { SegmentSpec } from './spec-types';

const uom = (req: 'M' | 'O' | 'X') => el(`${req} ID 2/2 355`, UNIT);

/** Set-specific segment rules by id. */
export const SET_SEGMENTS: SegmentSpec[] = [
  // 850 / 860 / 855
  segmentSpec('BEG', 12, {
    1: el('M ID 2/2 353', PURPOSE),
    2: el('M ID 2/2 92', PO_TYPE),
    3: el('M AN 1/22 324'),
    4: el('O AN 1/30 328'),
    5: el('M DT 8/8 373'),
    6: el('O AN 1/30 367'),
  }),
  segmentSpec('PO1', 25, {
    1: el('O AN 1/20 350'),
    2: el('X R 1/15 330'),
    3: uom('X'),
    4: el('X R 1/17 212'),
    5: el('O ID 2/2 639'),
    6: el('X ID 2/2 235'),
    7: el('X AN 1/48 234'),
  }),
  segmentSpec('BCH', 13, {
    1: el('M ID 2/2 353', PURPOSE),
    2: el('M ID 2/2 92', PO_TYPE),
    3: el('M AN 1/22 324'),
    4: el('O AN 1/30 328'),
    5: el('O AN 1/8 327'),
    6: el('M DT 8/8 373'),
  }),
  segmentSpec('POC', 27, {
    1: el('M AN 1/20 350'),
    2: el('M ID 2/2 670', CHANGE_TYPE),
    3: el('X R 1/9 330'),
    4: el('X R 1/9 671'),
    5: C001('X'),
    6: el('X R 1/17 212'),
    7: el('O ID 2/2 639'),
    8: el('X ID 2/2 235'),
    9: el('X AN 1/48 234'),
  }),
  segmentSpec('BAK', 10, {
    1: el('M ID 2/2 353', PURPOSE),
    2: el('M ID 2/2 587', ACK_TYPE),
    3: el('M AN 1/22 324'),
    4: el('M DT 8/8 373'),
    5: el('O AN 1/30 328'),
    6: el('O AN 1/45 326'),
    7: el('O AN 1/30 367'),
    8: el('O AN 1/30 127'),
    9: el('O DT 8/8 373'),
  }),
  segmentSpec('ACK', 29, {
    1: el('M ID 2/2 668', LINE_STATUS),
    2: el('X R 1/15 380'),
    3: uom('X'),
    4: el('X ID 3/3 374'),
    5: el('O DT 8/8 373'),
  }),
  segmentSpec('SCH', 12, {
    1: el('M R 1/15 380'),
    2: uom('M'),
    3: el('X ID 2/3 98'),
    4: el('X AN 1/60 93'),
    5: el('M ID 3/3 374'),
    6: el('M DT 8/8 373'),
    7: el('O TM 4/8 337'),
  }),
  // 856
  segmentSpec('BSN', 7, {
    1: el('M ID 2/2 353', PURPOSE),
    2: el('M AN 2/30 396'),
    3: el('M DT 8/8 373'),
    4: el('M TM 4/8 337'),
    5: el('O ID 4/4 1005', HL_STRUCTURE),
  }),
  segmentSpec('HL', 4, {
    1: el('M AN 1/12 628'),
    2: el('O AN 1/12 734'),
    3: el('M ID 1/2 735', HL_LEVEL),
    4: el('O ID 1/1 736'),
  }),
  segmentSpec('PRF', 8, { 1: el('M AN 1/22 324'), 2: el('O AN 1/30 328'), 4: el('O DT 8/8 373') }),
  segmentSpec('SN1', 8, {
    1: el('O AN 1/20 350'),
    2: el('M R 1/10 382'),
    3: uom('M'),
    4: el('O R 1/15 646'),
    5: el('X R 1/15 330'),
    6: uom('X'),
  }),
  // 810
  segmentSpec('BIG', 10, {
    1: el('M DT 8/8 373'),
    2: el('M AN 1/22 76'),
    3: el('O DT 8/8 373'),
    4: el('O AN 1/22 324'),
    7: el('O ID 2/2 640', INVOICE_TYPE),
  }),
  segmentSpec('IT1', 25, {
    1: el('O AN 1/20 350'),
    2: el('X R 1/10 358'),
    3: uom('X'),
    4: el('X R 1/17 212'),
    5: el('O ID 2/2 639'),
    6: el('X ID 2/2 235'),
    7: el('X AN 1/48 234'),
  }),
  segmentSpec('TDS', 4, {
    1: el('M N2 1/15 610'),
    2: el('O N2 1/15 610'),
    3: el('O N2 1/15 610'),
    4: el('O N2 1/15 610'),
  }),
  // 846
  segmentSpec('BIA', 6, {
    1: el('M ID 2/2 353', PURPOSE),
    2: el('M ID 2/2 755', REPORT_TYPE),
    3: el('M AN 1/30 127'),
    4: el('M DT 8/8 373'),
    5: el('O TM 4/8 337'),
  }),
  // 940 / 945
  segmentSpec('W05', 7, {
    1: el('M ID 1/1 473', ORDER_STATUS),
    2: el('M AN 1/22 324'),
    3: el('O AN 1/22 324'),
  }),
  segmentSpec('W01', 15, {
    1: el('M R 1/15 330'),
    2: uom('M'),
    3: el('O AN 12/12 438'),
    4: el('X ID 2/2 235'),
    5: el('X AN 1/48 234'),
    6: el('X ID 2/2 235'),
    7: el('X AN 1/48 234'),
  }),
  segmentSpec('W66', 11, { 1: el('M ID 2/2 146'), 2: el('M ID 1/2 91'), 5: el('O AN 1/35 387') }),
  segmentSpec('W76', 6, {
    1: el('M R 1/15 347'),
    2: el('X R 1/10 81'),
    3: uom('X'),
    4: el('X R 1/8 183'),
    5: uom('X'),
  }),
  segmentSpec('W06', 9, {
    1: el('M ID 1/1 473', REPORTING_CODE),
    2: el('O AN 1/22 324'),
    3: el('O DT 8/8 373'),
    4: el('O AN 1/30 145'),
    5: el('O AN 1/30 145'),
    6: el('O AN 1/22 324'),
  }),
  segmentSpec('W12', 22, {
    1: el('M ID 2/2 368', SHIP_STATUS),
    2: el('O R 1/9 330'),
    3: el('O R 1/9 382'),
    4: el('O R 1/9 380'),
    5: uom('O'),
    6: el('O AN 12/12 438'),
    7: el('X ID 2/2 235'),
    8: el('X AN 1/48 234'),
  }),
  segmentSpec('W03', 7, {
    1: el('M R 1/7 382'),
    2: el('X R 1/10 81'),
    3: uom('X'),
    4: el('X R 1/8 183'),
    5: uom('X'),
  }),
  segmentSpec('W27', 11, { 1: el('M ID 1/2 91'), 2: el('O ID 2/4 140') }),
  // 947: W1502 is the warehouse's adjustment number, W1503 the depositor's (both element 31; P0203 pairs them, but
  // relational conditions are not modelled, and 3PLs often send W1502 alone).
  segmentSpec('W15', 6, {
    1: el('M DT 8/8 373'),
    2: el('X AN 1/22 31'),
    3: el('X AN 1/22 31'),
    4: el('O ID 2/2 353'),
    5: el('O ID 2/2 640'),
    6: el('O ID 1/2 306'),
  }),
  segmentSpec('W19', 18, {
    1: el('M ID 2/2 181'),
    2: el('M R 1/10 477'),
    3: uom('M'),
    4: el('X AN 12/12 438'),
    5: el('X ID 2/2 235'),
    6: el('X AN 1/48 234'),
    7: el('X ID 2/2 235'),
    8: el('X AN 1/48 234'),
    9: el('O AN 1/12 451'),
    16: el('O ID 1/2 529'),
    17: el('X ID 2/2 235'),
    18: el('X AN 1/48 234'),
  }),
  // 997
  segmentSpec('AK1', 3, { 1: el('M ID 2/2 479'), 2: el('M N0 1/9 28') }),
  segmentSpec('AK2', 3, { 1: el('M ID 3/3 143'), 2: el('M AN 4/9 329') }),
  segmentSpec('AK3', 4, {
    1: el('M ID 2/3 721'),
    2: el('M N0 1/6 719'),
    3: el('O AN 1/6 447'),
    4: el('O ID 1/3 720', ['1', '2', '3', '4', '5', '6', '7', '8']),
  }),
  segmentSpec('AK4', 4, { 2: el('O N0 1/4 725'), 3: el('M ID 1/3 723'), 4: el('O AN 1/99 724') }),
  segmentSpec('AK5', 6, {
    1: el('M ID 1/1 717', SET_ACK),
    2: el('O ID 1/3 718', NOTE_CODES),
    3: el('O ID 1/3 718', NOTE_CODES),
  }),
  segmentSpec('AK9', 9, {
    1: el('M ID 1/1 715', GROUP_ACK),
    2: el('M N0 1/6 97'),
    3: el('M N0 1/6 123'),
    4: el('M N0 1/6 2'),
    5: el('O ID 1/3 716', NOTE_CODES),
  }),
];
