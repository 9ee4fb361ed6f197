/**
 * TEST SUPPORT ONLY. Fixture text and inline sets → TransactionSets for the inbound mapper tests, read by the real
 * X12 engine in ../x12/ so the mappers are tested on exactly what they are given in production.
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { withGs1CheckDigit } from '../../../../canonical-model/gtin';
import { receiveInterchanges } from '../../x12/receive-interchange';
import type { TransactionSet } from '../../x12/types';

/** The fixtures folder of the EDI connector. */
export const FIXTURES = new URL('../../fixtures/', import.meta.url);

/** The text of a fixture in connectors/edi-x12/fixtures/. */
export function readFixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'latin1');
}

/**
 * Every transaction set of every interchange in `text`, in order, as the hub's X12 engine hands them on (sets with
 * syntax errors included; none from an interchange whose ISA it rejects).
 */
export async function setsFromText(text: string): Promise<TransactionSet[]> {
  const sets: TransactionSet[] = [];
  await receiveInterchanges(Readable.from([text]), {
    onSet: (set) => {
      sets.push(set);
      return Promise.resolve();
    },
  });
  return sets;
}

/** Wraps set text (ST … SE with `~` terminators and `*` separators) in an envelope, for inline test sets. */
export function envelope(functionalId: string, setText: string, version = '004010'): string {
  const isa =
    'ISA*00*          *00*          *ZZ*PARTNER        *ZZ*HUB            *240305*1200*U*00401*000000042*0*P*>~';
  return `${isa}GS*${functionalId}*PARTNER*HUB*20240305*1200*7*X*${version}~${setText.trim()}~GE*1*7~IEA*1*000000042~`;
}

/**
 * Gives the GS1 keys captured by `pattern` (group 1: the whole key) a correct check digit. Several public samples
 * carry placeholder UPCs and SSCCs whose last digit is wrong; tests of everything else use them corrected.
 */
export function withCheckDigitsCorrected(text: string, pattern: RegExp): string {
  return text.replace(pattern, (match, key: string) =>
    match.replace(key, withGs1CheckDigit(key.slice(0, -1))),
  );
}
