/** 810 Invoice (GS01 IN), 4010 table: BIG heading, IT1 detail loop, TDS (N2 implied decimals) summary. */
import { loop, table } from './spec-types';
import type { SetDefinition } from './spec-types';

/** Segment table of the 810. */
export const SET_810: SetDefinition = {
  setId: '810',
  functionalId: 'IN',
  table: table(
    'BIG M 1; NTE O 100; CUR O 1; REF O 12; YNQ O 10; PER O 3',
    loop('N1', 'O', 200, 'N1 M 1; N2 O 2; N3 O 2; N4 O 1; REF O 12; PER O 3; DMG O 1'),
    'ITD O >1; DTM O 10; FOB O 1; PID O 200; MEA O 40; PWK O 25; PKG O 25; L7 O 1; BAL O >1; INC O 1; PAM O >1',
    loop('LM', 'O', 10, 'LM M 1; LQ O 100'),
    loop('N9', 'O', 1, 'N9 M 1; MSG O 10'),
    loop('V1', 'O', '>1', 'V1 M 1; R4 O >1; DTM O >1'),
    loop('FA1', 'O', '>1', 'FA1 M 1; FA2 O >1'),
    loop(
      'IT1',
      'O',
      200000,
      'IT1 M 1; CRC O 1; QTY O 5; CUR O 1; IT3 O 5; TXI O 10; CTP O 25; PAM O 10; MEA O 40',
      loop('PID', 'O', 1000, 'PID M 1; MEA O 10'),
      'PWK O 25; PKG O 25; PO4 O 1; ITD O 2; REF O >1; YNQ O 10; PER O 5; SDQ O 500; DTM O 10; CAD O >1',
      'L7 O >1; SR O 1',
      loop('SAC', 'O', 25, 'SAC M 1; TXI O 10'),
      loop('SLN', 'O', 1000, 'SLN M 1; DTM O 1; REF O >1; PID O 1000; SAC O 25; TC2 O 2; TXI O 10'),
      loop('N1', 'O', 200, 'N1 M 1; N2 O 2; N3 O 2; N4 O 1; REF O 12; PER O 3; DMG O 1'),
      loop('LM', 'O', 10, 'LM M 1; LQ O 100'),
      loop('V1', 'O', '>1', 'V1 M 1; R4 O >1; DTM O >1'),
      loop('FA1', 'O', '>1', 'FA1 M 1; FA2 O >1'),
    ),
    'TDS M 1; TXI O 10; CAD O 1; AMT O >1',
    loop('SAC', 'O', 25, 'SAC M 1; TXI O 10'),
    loop('ISS', 'O', '>1', 'ISS M 1; PID O 1'),
    'CTT O 1',
  ),
};
