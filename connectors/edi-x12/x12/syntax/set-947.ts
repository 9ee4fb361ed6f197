/**
 * 947 Warehouse Inventory Adjustment Advice (GS01 AW), 4010 table: W15 heading, mandatory N1 loop, one W19 loop per
 * adjusted item. Written for this repo from the published 4010 segment list; the W19 loop's sub-loops are kept to
 * the ones 3PLs send (LM code lists, N1 parties).
 */
import { loop, table } from './spec-types';
import type { SetDefinition } from './spec-types';

/** Segment table of the 947. */
export const SET_947: SetDefinition = {
  setId: '947',
  functionalId: 'AW',
  table: table(
    'W15 M 1',
    loop('N1', 'M', 100, 'N1 M 1; N2 O 2; N3 O 2; N4 O 1; PER O 3'),
    'N9 O 10; G61 O 3; G62 O 5; NTE O 20',
    loop('LM', 'O', 10, 'LM M 1; LQ O 100'),
    loop(
      'W19',
      'M',
      '>1',
      'W19 M 1; G69 O 5; N9 O 10; AMT O 1; G62 O 10',
      loop('LM', 'O', 10, 'LM M 1; LQ O 100'),
      loop('N1', 'O', 10, 'N1 M 1; N2 O 2; N3 O 2; N4 O 1; G61 O 3'),
    ),
  ),
};
