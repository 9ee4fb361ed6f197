/**
 * Delimiter discovery from the fixed-width ISA. The input is latin1 text (one char per byte) so every byte value,
 * control characters included, can be a delimiter.
 */
import type { Delimiters } from './types';

/** ISA length including its segment terminator. */
export const ISA_LENGTH = 106;

/** Offsets of the 16 element separators of a well-formed ISA. */
const SEPARATOR_OFFSETS = [3, 6, 17, 20, 31, 34, 50, 53, 69, 76, 81, 83, 89, 99, 101, 103];

/** Delimiters found, and where the ISA sits in the text given. */
export interface DelimitersFound {
  ok: true;
  delimiters: Delimiters;
  /** Characters before the ISA (a byte-order mark and leading whitespace). */
  skipped: number;
  /** The 106 ISA characters, terminator included. */
  isa: string;
}

/** Why the text does not start with a usable ISA, as a TA1 note code. */
export interface DelimitersNotFound {
  ok: false;
  /** 022 not an ISA / wrong length, 023 ended inside the ISA, 026 element separator, 027 component, 004 terminator. */
  note: '004' | '022' | '023' | '026' | '027';
  problem: string;
  skipped: number;
}

const BOM = '\u00ef\u00bb\u00bf';

/** True for characters that can never be delimiters: letters, digits and space. */
function isDataCharacter(char: string): boolean {
  return /^[A-Za-z0-9 ]$/.test(char);
}

/** Characters before the ISA: a UTF-8 byte-order mark (as latin1) and whitespace. */
export function countLeading(text: string, atStart: boolean): number {
  let i = atStart && text.startsWith(BOM) ? BOM.length : 0;
  while (i < text.length && /\s/.test(text.charAt(i))) i += 1;
  return i;
}

/**
 * Reads the delimiters from the start of an interchange. `text` must hold at least 108 characters after any
 * leading BOM/whitespace unless the input ends sooner (`ended`). `atStart` says whether a BOM may be present.
 *
 * ISA11 is taken as the repetition separator only for ISA12 >= 00402 and when it is not a data character; even
 * then the reader never splits on it (sample 05 has `-` as repetition and `-` in its data, and none of our set
 * definitions has a repeating element).
 */
export function detectDelimiters(
  text: string,
  options: { atStart: boolean; ended: boolean },
): DelimitersFound | DelimitersNotFound {
  const skipped = countLeading(text, options.atStart);
  const isa = text.slice(skipped, skipped + ISA_LENGTH + 2);
  const fail = (note: DelimitersNotFound['note'], problem: string): DelimitersNotFound => ({
    ok: false,
    note,
    problem,
    skipped,
  });
  if (!isa.startsWith('ISA')) {
    if (isa.length < 3 && 'ISA'.startsWith(isa)) return fail('023', 'input ended before an ISA');
    return fail(
      '022',
      `input does not start with an ISA segment (found ${JSON.stringify(isa.slice(0, 12))})`,
    );
  }
  const element = isa.charAt(3);
  if (element === '' || isDataCharacter(element) || element === '\r' || element === '\n') {
    return fail('026', `invalid element separator ${JSON.stringify(element)} at ISA offset 3`);
  }
  const seen: number[] = [];
  for (let i = 3; i < isa.length && seen.length < 16; i += 1) if (isa.charAt(i) === element) seen.push(i);
  if (seen.length < 16) {
    return options.ended && isa.length < ISA_LENGTH
      ? fail('023', `input ended inside the ISA (${isa.length} characters)`)
      : fail('022', 'the ISA does not have 16 elements');
  }
  const misplaced = SEPARATOR_OFFSETS.findIndex((offset, n) => seen[n] !== offset);
  if (misplaced >= 0) {
    const actual = (seen[15] ?? 0) + 3;
    return fail(
      '022',
      `the ISA is ${actual} characters, not ${ISA_LENGTH} (ISA${String(misplaced).padStart(2, '0')} has the wrong width)`,
    );
  }
  if (isa.length < ISA_LENGTH) return fail('023', 'input ended inside the ISA');
  const component = isa.charAt(104);
  if (isDataCharacter(component) || component === element) {
    return fail('027', `invalid component separator ${JSON.stringify(component)} at ISA offset 104`);
  }
  const segment = isa.charAt(105);
  if (isDataCharacter(segment) || segment === element || segment === component) {
    return fail('004', `invalid segment terminator ${JSON.stringify(segment)} at ISA offset 105`);
  }
  return {
    ok: true,
    delimiters: {
      element,
      component,
      segment,
      repetition: repetitionSeparator(isa, [element, component, segment]),
      suffix: lineSuffix(isa, segment),
    },
    skipped,
    isa: isa.slice(0, ISA_LENGTH),
  };
}

/** ISA11 when it is a repetition separator (00402 and later, not a data character, not another delimiter). */
function repetitionSeparator(isa: string, others: string[]): string | undefined {
  const isa11 = isa.charAt(82);
  const version = isa.slice(84, 89);
  if (!/^\d{5}$/.test(version) || version < '00402') return undefined;
  if (isDataCharacter(isa11) || others.includes(isa11)) return undefined;
  return isa11;
}

/**
 * The CR/LF written after each terminator. When the terminator is itself LF (or CR), a following LF/CR is not a
 * suffix of the same kind: "\n\n" would be an empty segment, not a suffix, so only CR + LF counts.
 */
function lineSuffix(isa: string, terminator: string): string {
  const next = isa.slice(ISA_LENGTH, ISA_LENGTH + 2);
  if (terminator === '\n') return '';
  if (terminator === '\r') return next.startsWith('\n') ? '\n' : '';
  if (next === '\r\n') return '\r\n';
  if (next.startsWith('\n')) return '\n';
  if (next.startsWith('\r')) return '\r';
  return '';
}
