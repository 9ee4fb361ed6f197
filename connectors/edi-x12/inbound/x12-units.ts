/**
 * X12 unit codes (element 355) → canonical units. The table is the `x12` column of canonical-model/uom.ts read
 * backwards (X12 CA "case" is canonical CS; X12 CN "can" is canonical CA), plus the non-standard codes seen in
 * real traffic. Nothing here converts quantities: a unit is renamed, never multiplied.
 */
import { UNITS } from '../../../canonical-model/uom';
import type { UnitCode } from '../../../canonical-model/uom';

/** Codes partners send that are not in the 355 column of uom.ts, and the canonical unit they mean. */
const EXTRA_X12_UNITS: Record<string, UnitCode> = {
  // 355 UN "unit": one countable thing, which the hub counts as EA (the book trade sends UN; sample 03).
  UN: 'EA',
  // Some partners write "case" as CS rather than 355 CA.
  CS: 'CS',
};

const FROM_X12: ReadonlyMap<string, UnitCode> = new Map<string, UnitCode>([
  ...(Object.entries(UNITS) as [UnitCode, { x12: string }][]).map(
    ([code, unit]) => [unit.x12, code] as const,
  ),
  ...Object.entries(EXTRA_X12_UNITS),
]);

/** The canonical unit of an X12 355 code, or undefined when the hub does not know the code. */
export function unitFromX12(code: string): UnitCode | undefined {
  return FROM_X12.get(code.trim().toUpperCase());
}

/** The X12 codes the hub reads, for error messages. */
export function knownX12Units(): string[] {
  return [...FROM_X12.keys()].sort();
}
