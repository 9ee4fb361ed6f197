/** 850 Purchase Order (GS01 PO), 4010 table: heading, PO1 detail loop, CTT summary. */
import { loop, table } from './spec-types';
import type { SetDefinition } from './spec-types';

/** Segment table of the 850. */
export const SET_850: SetDefinition = {
  setId: '850',
  functionalId: 'PO',
  table: table(
    'BEG M 1; CUR O 1; REF O >1; PER O 3; TAX O >1; FOB O >1; CTP O >1; PAM O 10; CSH O 5; TC2 O >1',
    loop('SAC', 'O', 25, 'SAC M 1; CUR O 1'),
    'ITD O >1; DIS O 20; INC O 1; DTM O 10; LDT O 12; LIN O 5; SI O >1; PID O 200; MEA O 40; PWK O 25',
    'PKG O 200; TD1 O 2; TD5 O 12; TD3 O 12; TD4 O 5; MAN O 10; PCT O >1; CTB O 5; TXI O >1',
    loop('AMT', 'O', '>1', 'AMT M 1; REF O >1; DTM O 1; PCT O >1'),
    loop('N9', 'O', 1000, 'N9 M 1; DTM O >1; MSG O 1000'),
    loop('N1', 'O', 200, 'N1 M 1; N2 O 2; N3 O 2; N4 O 1; NX2 O >1; REF O 12; PER O >1; SI O >1; FOB O 1'),
    loop(
      'PO1',
      'M',
      100000,
      'PO1 M 1; LIN O >1; SI O >1; CUR O 1; CN1 O 1; PO3 O 25',
      loop('CTP', 'O', '>1', 'CTP M 1; CUR O 1'),
      'MEA O 40',
      loop('PID', 'O', 1000, 'PID M 1; MEA O 10'),
      'PWK O 25; PO4 O >1; REF O >1; PER O 3',
      loop('SAC', 'O', 25, 'SAC M 1; CUR O 1; CTP O 1'),
      'IT8 O 1; CSH O >1; ITD O 2; DIS O 20; INC O 1; TAX O >1; FOB O >1; SDQ O 500; IT3 O 5; DTM O 10',
      'TC2 O >1; TD1 O 1; TD5 O 12; TD3 O 12; TD4 O 5; PCT O >1; MAN O 10; MSG O >1; SPI O >1; TXI O >1',
      'CTB O >1',
      loop('QTY', 'O', '>1', 'QTY M 1; SI O >1'),
      loop('SCH', 'O', 200, 'SCH M 1; TD1 O 2; TD5 O 12; TD3 O 12; TD4 O 5; REF O >1'),
      loop('PKG', 'O', 200, 'PKG M 1; MEA O >1'),
      'LS O 1',
      loop('LDT', 'O', '>1', 'LDT M 1; QTY O >1; MSG O 1; REF O 3'),
      'LE O 1',
      loop('N9', 'O', 1000, 'N9 M 1; DTM O >1; MEA O 40; MSG O 1000'),
      loop(
        'N1',
        'O',
        200,
        'N1 M 1; N2 O 2; N3 O 2; N4 O 1; QTY O >1; NX2 O >1; REF O 12; PER O 3; SI O >1; DTM O 1; FOB O 1; SCH O 200; TD1 O 2; TD5 O 12; TD3 O 12; TD4 O 5; PKG O 200',
      ),
      loop(
        'SLN',
        'O',
        1000,
        'SLN M 1; MSG O >1; SI O >1; PID O 1000; PO3 O 104; TC2 O >1; ADV O >1; DTM O 10; CTP O 25; PAM O 10; PO4 O 1; TAX O 3',
      ),
      loop('AMT', 'O', '>1', 'AMT M 1; REF O 1; PCT O >1'),
    ),
    loop('CTT', 'O', 1, 'CTT M 1; AMT O 1'),
  ),
};
