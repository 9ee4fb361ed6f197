/** 846 Inventory Inquiry/Advice (GS01 IB), 4010 table: BIA heading, LIN loop with QTY loops per quantity kind. */
import { loop, table } from './spec-types';
import type { SetDefinition } from './spec-types';

/** Segment table of the 846. */
export const SET_846: SetDefinition = {
  setId: '846',
  functionalId: 'IB',
  table: table(
    'BIA M 1; CUR O 1; DTM O 10; REF O 12; PER O 3; MEA O 20',
    loop('N1', 'O', 5, 'N1 M 1; N2 O 2; N3 O 2; N4 O 1; REF O 12; PER O 3'),
    loop('LM', 'O', 10, 'LM M 1; LQ O 100'),
    loop(
      'LIN',
      'M',
      10000,
      'LIN M 1; PID O 200; MEA O 40; PKG O 25; DTM O 10; CTP O 25; CUR O 1; SAC O 25; REF O >1; PER O 3',
      'SDQ O 500; MAN O 1; UIT O 5; CS O 1; DD O >1; G53 O 1; PCT O >1; LDT O 12',
      loop('LM', 'O', 10, 'LM M 1; LQ O 100'),
      loop(
        'SLN',
        'O',
        1000,
        'SLN M 1; PID O 200; MEA O 40; PKG O 25',
        loop('MAN', 'O', 100, 'MAN M 1; MEA O 40'),
      ),
      loop(
        'QTY',
        'O',
        99,
        'QTY M 1; UIT O 12; MEA O 25; LDT O 12; DTM O 10',
        loop('SCH', 'O', 25, 'SCH M 1; MEA O 25'),
        loop('LM', 'O', '>1', 'LM M 1; LQ O 100'),
        'LS O 1',
        loop('REF', 'O', '>1', 'REF M 1; DTM O >1; N1 O 1', loop('LM', 'O', 10, 'LM M 1; LQ O 100')),
        'LE O 1',
      ),
      loop('N1', 'O', 200, 'N1 M 1; N2 O 2; N3 O 2; N4 O 1; REF O 12; PER O 3'),
    ),
    'CTT O 1',
  ),
};
