import { describe, expect, expectTypeOf, it } from 'vitest';
import type { UnitCode as SchemaUnitCode } from './generated/index';
import { loadSchemas } from './schemas';
import { UNITS, UNIT_CODES, isUnitCode } from './uom';
import type { UnitCode } from './uom';

describe('units of measure', () => {
  it('lists in the schema exactly the units documented in uom.ts, in the same order', () => {
    const common = loadSchemas().find((s) => s.name === 'common')!.schema as {
      $defs: { unitCode: { enum: string[] } };
    };
    expect(common.$defs.unitCode.enum).toEqual(UNIT_CODES);
    expectTypeOf<UnitCode>().toEqualTypeOf<SchemaUnitCode>();
  });

  it('gives every unit a name and its X12 355 (2 characters) and UN/ECE Rec 20 equivalents', () => {
    for (const code of UNIT_CODES) {
      const unit = UNITS[code];
      expect(unit.name.length).toBeGreaterThan(0);
      expect(unit.x12).toMatch(/^[A-Z0-9]{2}$/);
      expect(unit.unece).toMatch(/^[A-Z0-9]{2,3}$/);
    }
    expect(new Set(UNIT_CODES.map((c) => UNITS[c].x12)).size).toBe(UNIT_CODES.length);
  });

  it('recognises unit codes without trusting the prototype chain', () => {
    expect(isUnitCode('CS')).toBe(true);
    expect(isUnitCode('cs')).toBe(false);
    expect(isUnitCode('toString')).toBe(false);
    expect(isUnitCode(12)).toBe(false);
  });
});
