/** GS01 functional identifier codes of the transaction sets the hub writes and reads. */

const FUNCTIONAL_IDS: Record<string, string> = {
  '810': 'IN',
  '846': 'IB',
  '850': 'PO',
  '855': 'PR',
  '856': 'SH',
  '860': 'PC',
  '865': 'CA',
  '940': 'OW',
  '945': 'SW',
  '947': 'AW',
  '997': 'FA',
  '999': 'FA',
};

/** The GS01 code of a set id (ST01), or undefined for a set the hub does not know. */
export function functionalIdOf(setId: string): string | undefined {
  return FUNCTIONAL_IDS[setId];
}
