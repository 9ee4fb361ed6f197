/** 945 Warehouse Shipping Advice (GS01 SW), 4010 table: W06 heading, mandatory N1 loop, LX/W12 detail, W03 totals. */
import { loop, table } from './spec-types';
import type { SetDefinition } from './spec-types';

/** Segment table of the 945. */
export const SET_945: SetDefinition = {
  setId: '945',
  functionalId: 'SW',
  table: table(
    'W06 M 1',
    loop('N1', 'M', 10, 'N1 M 1; N2 O 1; N3 O 2; N4 O 1; PER O 5'),
    'N9 O 10; G61 O 3; G62 O 5; NTE O 20; W27 O 1; W6 O 1; W28 O 1; W10 O 10; G72 O 5',
    loop('LM', 'O', 10, 'LM M 1; LQ O 100'),
    loop(
      'LX',
      'O',
      '>1',
      'LX M 1; MAN O >1; PAL O 1; N9 O 5',
      loop(
        'W12',
        'O',
        '>1',
        'W12 M 1; G69 O 5; N9 O 200; G62 O 10; QTY O 10; MEA O 5; AMT O 1; R4 O 5; W27 O 1; N1 O 5; G72 O 5',
        loop('LM', 'O', 10, 'LM M 1; LQ O 100'),
        'LS O 1',
        loop('LX', 'O', '>1', 'LX M 1; N9 O >1; G62 O 10; N1 O 1', loop('LM', 'O', 10, 'LM M 1; LQ O 100')),
        'LE O 1',
        loop('FA1', 'O', '>1', 'FA1 M 1; FA2 O >1'),
      ),
    ),
    'W03 O 1',
  ),
};
