/**
 * 940 Warehouse Shipping Order (GS01 OW), 4010 table. The N1 and LX loops and W76 are optional here, as in the
 * 4010 table EdiEngine transcribes; samples 11 and 12 (from its test data) have no W76 and 11 has no N1 loop.
 */
import { loop, table } from './spec-types';
import type { SetDefinition } from './spec-types';

/** Segment table of the 940. */
export const SET_940: SetDefinition = {
  setId: '940',
  functionalId: 'OW',
  table: table(
    'W05 M 1',
    loop('N1', 'O', 10, 'N1 M 1; N2 O 2; N3 O 2; N4 O 1; PER O 5'),
    'N9 O 10; G61 O 3; G62 O 10; NTE O >1; W09 O 1; W66 O 1; W6 O 1; R2 O 13; BNX O 1',
    loop('LM', 'O', 10, 'LM M 1; LQ O 100'),
    loop(
      'LX',
      'O',
      '>1',
      'LX M 1; MAN O >1; SDQ O >1; N1 O 1; G62 O 10',
      loop(
        'W01',
        'O',
        '>1',
        'W01 M 1; G69 O 5; N9 O 200; NTE O >1; W20 O 3; QTY O 10; AMT O 1; G62 O 10; G66 O 1; N1 O 3; PER O 5',
        'LH2 O 6; LHR O 1; LH6 O 5',
        loop('LM', 'O', 10, 'LM M 1; LQ O 100'),
        'LS O 1',
        loop(
          'LX',
          'O',
          '>1',
          'LX M 1; N9 O >1; G62 O 10; N1 O 1; SDQ O >1',
          loop('LM', 'O', 10, 'LM M 1; LQ O 100'),
          loop(
            'LH1',
            'O',
            '>1',
            'LH1 M 1; LH2 O 4; LH3 O 10; LFH O 20; LEP O 3; LH4 O 1; LHT O 3; LHR O 5; PER O 5',
          ),
        ),
        'LE O 1',
        loop('FA1', 'O', '>1', 'FA1 M 1; FA2 O >1'),
      ),
    ),
    'W76 O 1',
  ),
};
