/** 997 Functional Acknowledgment (GS01 FA), 4010 table: AK1, AK2 loops with AK3/AK4, AK9. */
import { loop, table } from './spec-types';
import type { SetDefinition } from './spec-types';

/** Segment table of the 997. */
export const SET_997: SetDefinition = {
  setId: '997',
  functionalId: 'FA',
  table: table(
    'AK1 M 1',
    loop('AK2', 'O', '>1', 'AK2 M 1', loop('AK3', 'O', '>1', 'AK3 M 1; AK4 O 99'), 'AK5 M 1'),
    'AK9 M 1',
  ),
};
