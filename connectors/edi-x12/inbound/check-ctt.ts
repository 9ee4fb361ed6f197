/**
 * CTT transaction totals: CTT01 is the number of line items (PO1/IT1/HL …) and CTT02 the hash total of their
 * quantities. A mismatch means lines were lost or garbled between the partner's system and us, so it is a
 * mapping problem, not a warning.
 */
import { addDecimal, compareDecimal } from '../../sdk/decimal';
import type { ElementReader } from './read-elements';
import { value } from './read-set';
import type { At } from './read-set';

/** X12 hash totals drop the decimal point and keep the rightmost ten digits; both readings are accepted. */
function hashMatches(sent: string, sum: string): boolean {
  if (/^-?\d+(\.\d+)?$/.test(sent) && compareDecimal(sent, sum) === 0) return true;
  const digits = sum
    .replace(/[-.]/g, '')
    .replace(/^0+(?=\d)/, '')
    .slice(-10);
  return sent.replace(/^0+(?=\d)/, '') === digits;
}

/**
 * Checks CTT01 against the number of `what` counted, and CTT02 (when sent) against the sum of `quantities`. Each
 * entry of `quantities` is one acceptable reading (an 855's hash may sum PO102 or ACK02, partners differ).
 */
export function checkCtt(
  reader: ElementReader,
  ctt: At | undefined,
  count: number,
  what: string,
  quantities: string[][] = [],
): void {
  if (!ctt) return;
  const sentCount = reader.integer(ctt, 1, `the number of ${what}`);
  if (sentCount !== undefined && sentCount !== count) {
    reader.report(ctt, 1, `says ${sentCount} ${what} but the set has ${count}`);
  }
  const hash = value(ctt, 2);
  if (!hash || !quantities.length) return;
  const sums = quantities.map((list) => list.reduce((total, q) => addDecimal(total, q), '0'));
  if (!sums.some((sum) => hashMatches(hash, sum))) {
    reader.report(ctt, 2, `hash total ${hash} does not match the sum of the line quantities, ${sums[0]}`);
  }
}
