/**
 * The ISA's fields as an InterchangeHeader, and the TA1 notes its content earns. Widths are already right: the
 * delimiter detection rejects an ISA whose separators are not at their fixed offsets.
 */
import { isValidDate, isValidTime } from './syntax/validate-elements';
import type { InterchangeHeader, Segment } from './types';
import { element } from './types';

/** A TA1 note found in the header, with what was wrong. */
export interface HeaderNote {
  note: string;
  problem: string;
}

/** Reads the ISA segment; every note returned rejects the interchange (TA1 R). */
export function readIsaHeader(isa: Segment): { header: InterchangeHeader; notes: HeaderNote[] } {
  const field = (n: number) => element(isa, n);
  const notes: HeaderNote[] = [];
  const check = (ok: boolean, note: string, problem: string) => {
    if (!ok) notes.push({ note, problem });
  };
  check(
    /^\d\d$/.test(field(1)),
    '010',
    `ISA01 authorization qualifier ${JSON.stringify(field(1))} is not two digits`,
  );
  check(
    /^\d\d$/.test(field(3)),
    '012',
    `ISA03 security qualifier ${JSON.stringify(field(3))} is not two digits`,
  );
  check(
    /^[A-Z0-9]{2}$/.test(field(5)),
    '005',
    `ISA05 sender qualifier ${JSON.stringify(field(5))} is invalid`,
  );
  check(field(6).trim() !== '', '006', 'ISA06 sender id is blank');
  check(
    /^[A-Z0-9]{2}$/.test(field(7)),
    '007',
    `ISA07 receiver qualifier ${JSON.stringify(field(7))} is invalid`,
  );
  check(field(8).trim() !== '', '008', 'ISA08 receiver id is blank');
  check(
    isValidDate(field(9)) && field(9).length === 6,
    '014',
    `ISA09 date ${JSON.stringify(field(9))} is not a valid YYMMDD`,
  );
  check(
    isValidTime(field(10)) && field(10).length === 4,
    '015',
    `ISA10 time ${JSON.stringify(field(10))} is not a valid HHMM`,
  );
  check(/^\d{5}$/.test(field(12)), '017', `ISA12 version ${JSON.stringify(field(12))} is not five digits`);
  check(
    /^\d{9}$/.test(field(13)),
    '018',
    `ISA13 control number ${JSON.stringify(field(13))} is not nine digits`,
  );
  check(
    field(14) === '0' || field(14) === '1',
    '019',
    `ISA14 acknowledgment requested ${JSON.stringify(field(14))} is not 0 or 1`,
  );
  check(
    ['P', 'T', 'I'].includes(field(15)),
    '020',
    `ISA15 usage indicator ${JSON.stringify(field(15))} is not P, T or I`,
  );
  const header: InterchangeHeader = {
    authorizationQualifier: field(1),
    authorization: field(2).trim(),
    securityQualifier: field(3),
    senderQualifier: field(5),
    senderId: field(6).trim(),
    receiverQualifier: field(7),
    receiverId: field(8).trim(),
    date: field(9),
    time: field(10),
    standardsOrRepetition: field(11),
    version: field(12),
    controlNumber: field(13),
    ackRequested: field(14) === '1',
    usage: (['P', 'T', 'I'].includes(field(15)) ? field(15) : 'P') as InterchangeHeader['usage'],
  };
  return { header, notes };
}

/** Compares control numbers numerically when both are digits (leading zeros vary), else exactly. */
export function sameControlNumber(a: string, b: string): boolean {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return BigInt(a) === BigInt(b);
  return a === b;
}
