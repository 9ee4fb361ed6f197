/**
 * Element rules (4010) of segments shared by several sets: names and addresses, references, dates, notes,
 * carrier details, totals. Positions not listed are counted but not checked.
 */
import { QTY_QUALIFIER, TAX_TYPE, UNIT } from './codes';
import { composite, el, segmentSpec } from './spec-types';
import type { SegmentSpec } from './spec-types';

const uom = (req: 'M' | 'O' | 'X') => el(`${req} ID 2/2 355`, UNIT);

/** C001 composite unit of measure (QTY03, POC05). */
export const C001 = (req: 'M' | 'O' | 'X') =>
  composite(`${req} C001`, [el('M ID 2/2 355', UNIT), el('O R 1/15 1018'), el('O R 1/10 649')]);

/** Shared segment rules by id. */
export const COMMON_SEGMENTS: SegmentSpec[] = [
  segmentSpec('N1', 6, {
    1: el('M ID 2/3 98'),
    2: el('X AN 1/60 93'),
    3: el('X ID 1/2 66'),
    4: el('X AN 2/80 67'),
    5: el('O ID 2/2 706'),
    6: el('O ID 2/3 98'),
  }),
  segmentSpec('N2', 2, { 1: el('M AN 1/60 93'), 2: el('O AN 1/60 93') }),
  segmentSpec('N3', 2, { 1: el('M AN 1/55 166'), 2: el('O AN 1/55 166') }),
  segmentSpec('N4', 6, {
    1: el('O AN 2/30 19'),
    2: el('O ID 2/2 156'),
    3: el('O ID 3/15 116'),
    4: el('O ID 2/3 26'),
    5: el('X ID 1/2 309'),
    6: el('O AN 1/30 310'),
  }),
  segmentSpec('REF', 4, { 1: el('M ID 2/3 128'), 2: el('X AN 1/30 127'), 3: el('X AN 1/80 352') }),
  segmentSpec('PER', 9, {
    1: el('M ID 2/2 366'),
    2: el('O AN 1/60 93'),
    3: el('X ID 2/2 365'),
    4: el('X AN 1/80 364'),
    5: el('X ID 2/2 365'),
    6: el('X AN 1/80 364'),
  }),
  segmentSpec('DTM', 6, {
    1: el('M ID 3/3 374'),
    2: el('X DT 8/8 373'),
    3: el('X TM 4/8 337'),
    4: el('O ID 2/2 623'),
    5: el('X ID 2/3 1250'),
    6: el('X AN 1/35 1251'),
  }),
  segmentSpec('CUR', 21, { 1: el('M ID 2/3 98'), 2: el('M ID 3/3 100'), 3: el('O R 4/10 280') }),
  segmentSpec('FOB', 9, { 1: el('M ID 2/2 146'), 2: el('X ID 2/2 309'), 3: el('O AN 1/80 352') }),
  segmentSpec('N9', 7, {
    1: el('M ID 2/3 128'),
    2: el('X AN 1/30 127'),
    3: el('X AN 1/45 369'),
    4: el('O DT 8/8 373'),
    5: el('X TM 4/8 337'),
    6: el('O ID 2/2 623'),
  }),
  segmentSpec('MSG', 3, { 1: el('M AN 1/264 933'), 2: el('X ID 2/2 934'), 3: el('O N0 1/9 1470') }),
  segmentSpec('NTE', 2, { 1: el('O ID 3/3 363'), 2: el('M AN 1/80 352') }),
  segmentSpec('PID', 9, {
    1: el('M ID 1/1 349'),
    2: el('O ID 2/3 750'),
    3: el('X ID 2/2 559'),
    4: el('X AN 1/12 751'),
    5: el('X AN 1/80 352'),
  }),
  segmentSpec('CTT', 7, {
    1: el('M N0 1/6 354'),
    2: el('O R 1/10 347'),
    3: el('X R 1/10 81'),
    4: uom('X'),
    5: el('X R 1/8 183'),
    6: uom('X'),
    7: el('O AN 1/80 352'),
  }),
  segmentSpec('AMT', 3, { 1: el('M ID 1/3 522'), 2: el('M R 1/18 782'), 3: el('O ID 1/1 478') }),
  segmentSpec('SAC', 16, {
    1: el('M ID 1/1 248'),
    2: el('X ID 4/4 1300'),
    5: el('O N2 1/15 610'),
    6: el('X ID 1/1 378'),
    7: el('X R 1/6 332'),
    8: el('O R 1/9 118'),
    9: el('X ID 2/2 355', UNIT),
    10: el('X R 1/15 380'),
  }),
  segmentSpec('ITD', 15, {
    1: el('O ID 2/2 336'),
    2: el('O ID 1/2 333'),
    3: el('O R 1/6 338'),
    4: el('X DT 8/8 370'),
    5: el('X N0 1/3 351'),
    6: el('X DT 8/8 446'),
    7: el('O N0 1/3 386'),
    8: el('O N2 1/10 362'),
  }),
  segmentSpec('TD1', 10, {
    1: el('O AN 3/5 103'),
    2: el('X N0 1/7 80'),
    6: el('O ID 1/2 187'),
    7: el('X R 1/10 81'),
    8: uom('X'),
    9: el('X R 1/8 183'),
    10: uom('X'),
  }),
  segmentSpec('TD5', 15, {
    1: el('O ID 1/2 133'),
    2: el('X ID 1/2 66'),
    3: el('X AN 2/80 67'),
    4: el('X ID 1/2 91'),
    5: el('X AN 1/35 387'),
  }),
  segmentSpec('MAN', 6, { 1: el('M ID 1/2 88'), 2: el('M AN 1/48 87'), 3: el('O AN 1/48 87') }),
  segmentSpec('PO4', 18, {
    1: el('O N0 1/6 356'),
    2: el('X R 1/8 357'),
    3: uom('X'),
    6: el('X R 1/9 384'),
    7: uom('X'),
  }),
  segmentSpec('LIN', 31, { 1: el('O AN 1/20 350'), 2: el('M ID 2/2 235'), 3: el('M AN 1/48 234') }),
  segmentSpec('QTY', 4, {
    1: el('M ID 2/2 673', QTY_QUALIFIER),
    2: el('X R 1/15 380'),
    3: C001('X'),
    4: el('X AN 1/30 61'),
  }),
  segmentSpec('G62', 5, {
    1: el('X ID 2/2 432'),
    2: el('X DT 8/8 373'),
    3: el('X ID 1/1 176'),
    4: el('X TM 4/8 337'),
    5: el('O ID 2/2 623'),
  }),
  segmentSpec('LX', 1, { 1: el('M N0 1/6 554') }),
  segmentSpec('G69', 1, { 1: el('M AN 1/45 369') }),
  segmentSpec('CTP', 11, {
    1: el('O ID 2/2 687'),
    2: el('X ID 3/3 236'),
    3: el('X R 1/17 212'),
    4: el('X R 1/15 380'),
  }),
  segmentSpec('TXI', 10, {
    1: el('M ID 2/2 963', TAX_TYPE),
    2: el('X R 1/18 782'),
    3: el('X R 1/10 954'),
    4: el('X ID 2/2 955'),
    5: el('X AN 1/30 956'),
    6: el('X ID 1/1 441'),
  }),
];
