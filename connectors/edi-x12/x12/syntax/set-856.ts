/**
 * 856 Ship Notice/Manifest (GS01 SH), 4010 table. The HL loop is flat in the table: HL02 parent links, not segment
 * order, make the S/O/T/P/I tree (the inbound mapper builds it), so every level shares one segment order.
 */
import { loop, table } from './spec-types';
import type { SetDefinition } from './spec-types';

/** Segment table of the 856. */
export const SET_856: SetDefinition = {
  setId: '856',
  functionalId: 'SH',
  table: table(
    'BSN M 1; DTM O 10',
    loop(
      'HL',
      'M',
      200000,
      'HL M 1; LIN O 1; SN1 O 1; SLN O 1000; PRF O 1; PO4 O 1; PID O 200; MEA O 40; PWK O 25; PKG O 25',
      'TD1 O 20; TD5 O 12; TD3 O 12; TD4 O 5; TSD O 1; REF O >1; PER O 3',
      loop(
        'LH1',
        'O',
        100,
        'LH1 M 1; LH2 O 4; LH3 O 12; LFH O 20; LEP O >1; LH4 O 1; LHT O 3; LHR O 10; PER O 5; LHE O 1',
      ),
      loop('CLD', 'O', 200, 'CLD M 1; REF O 200; DTP O 1'),
      'MAN O >1; DTM O 10; FOB O 1; PAL O 1',
      loop('N1', 'O', 200, 'N1 M 1; N2 O 2; N3 O 2; N4 O 1; REF O 12; PER O 3; FOB O 1'),
      'SDQ O 50; ETD O 1; CUR O 1',
      loop('SAC', 'O', '>1', 'SAC M 1; CUR O 1'),
      'GF O 1; YNQ O 10',
      loop('LM', 'O', 10, 'LM M 1; LQ O 100'),
      loop('V1', 'O', '>1', 'V1 M 1; R4 O >1; DTM O >1'),
    ),
    'CTT O 1',
  ),
};
