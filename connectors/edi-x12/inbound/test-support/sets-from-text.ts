/**
 * TEST SUPPORT ONLY — not the X12 reader. A tiny splitter that turns a fixture's text into TransactionSets so the
 * inbound mappers can be tested before (and independently of) the real streaming reader in ../x12/. It trusts the
 * envelope: no counts, control numbers or syntax are checked here.
 */
import { readFileSync } from 'node:fs';
import { withGs1CheckDigit } from '../../../../canonical-model/gtin';
import type { Delimiters, GroupHeader, InterchangeHeader, Segment, TransactionSet } from '../../x12/types';
import { element } from '../../x12/types';

/** The fixtures folder of the EDI connector. */
export const FIXTURES = new URL('../../fixtures/', import.meta.url);

/** The text of a fixture in connectors/edi-x12/fixtures/. */
export function readFixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'latin1');
}

function interchangeOf(isa: Segment): InterchangeHeader {
  const e = (n: number) => element(isa, n).trim();
  return {
    authorizationQualifier: e(1),
    authorization: e(2),
    securityQualifier: e(3),
    senderQualifier: e(5),
    senderId: e(6),
    receiverQualifier: e(7),
    receiverId: e(8),
    date: e(9),
    time: e(10),
    standardsOrRepetition: element(isa, 11),
    version: e(12),
    controlNumber: e(13),
    ackRequested: e(14) === '1',
    usage: e(15) as InterchangeHeader['usage'],
  };
}

function groupOf(gs: Segment): GroupHeader {
  const e = (n: number) => element(gs, n).trim();
  return {
    functionalId: e(1),
    senderId: e(2),
    receiverId: e(3),
    date: e(4),
    time: e(5),
    controlNumber: e(6),
    agency: e(7),
    version: e(8),
  };
}

/** Every transaction set of every interchange in `text`, in order. */
export function setsFromText(text: string): TransactionSet[] {
  const body = text.replace(/^\uFEFF/, '').replace(/^\s+/, '');
  const delimiters: Delimiters = {
    element: body[3]!,
    component: body[104]!,
    segment: body[105]!,
    suffix: '',
  };
  const sets: TransactionSet[] = [];
  let interchange: InterchangeHeader | undefined;
  let group: GroupHeader | undefined;
  let current: Segment[] | undefined;
  let offset = 0;
  let index = 0;
  for (const raw of body.split(delimiters.segment)) {
    const start = offset;
    offset += raw.length + 1;
    const trimmed = raw.replace(/^[\r\n]+|[\r\n]+$/g, '');
    if (!trimmed) continue;
    index += 1;
    const [id = '', ...elements] = trimmed.split(delimiters.element);
    const segment: Segment = { id, elements, index, offset: start };
    if (id === 'ISA') interchange = interchangeOf(segment);
    else if (id === 'GS') group = groupOf(segment);
    else if (id === 'ST') current = [segment];
    else if (current) {
      current.push(segment);
      if (id === 'SE') {
        sets.push({
          setId: element(current[0]!, 1),
          controlNumber: element(current[0]!, 2),
          segments: current,
          group: group!,
          interchange: interchange!,
          delimiters,
        });
        current = undefined;
      }
    }
  }
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
