/**
 * Units of measure of the canonical model. The codes are the hub's own; the `x12` (X12 element 355) and `unece`
 * (UN/ECE Recommendation 20, packages as Rec. 21 codes with the `X` prefix) columns are the usual equivalents that
 * EDI connectors start from — a trading partner's own usage wins and is configured in its connector.
 * There is deliberately no conversion table here: how many EA are in a CS depends on the item, so conversions
 * live on each Item (`uomConversions`).
 */

/** Which kind of thing a unit counts or measures. */
export type UnitCategory = 'count' | 'package' | 'mass' | 'volume' | 'length';

/** What one unit code means and how standards spell it. */
export interface UnitDefinition {
  name: string;
  category: UnitCategory;
  x12: string;
  unece: string;
}

/** Every unit code a canonical quantity may carry; `common.schema.json` lists the same codes (a test keeps them equal). */
export const UNITS = {
  EA: { name: 'each', category: 'count', x12: 'EA', unece: 'EA' },
  PC: { name: 'piece', category: 'count', x12: 'PC', unece: 'H87' },
  DZ: { name: 'dozen', category: 'count', x12: 'DZ', unece: 'DZN' },
  PR: { name: 'pair', category: 'count', x12: 'PR', unece: 'PR' },
  ST: { name: 'set', category: 'count', x12: 'ST', unece: 'SET' },
  KT: { name: 'kit', category: 'count', x12: 'KT', unece: 'KT' },
  CS: { name: 'case', category: 'package', x12: 'CA', unece: 'XCS' },
  BX: { name: 'box', category: 'package', x12: 'BX', unece: 'XBX' },
  PK: { name: 'pack', category: 'package', x12: 'PK', unece: 'XPK' },
  CT: { name: 'carton', category: 'package', x12: 'CT', unece: 'XCT' },
  PL: { name: 'pallet', category: 'package', x12: 'PL', unece: 'XPX' },
  RL: { name: 'roll', category: 'package', x12: 'RL', unece: 'XRO' },
  BG: { name: 'bag', category: 'package', x12: 'BG', unece: 'XBG' },
  BO: { name: 'bottle', category: 'package', x12: 'BO', unece: 'XBO' },
  CA: { name: 'can', category: 'package', x12: 'CN', unece: 'XCA' },
  DR: { name: 'drum', category: 'package', x12: 'DR', unece: 'XDR' },
  KG: { name: 'kilogram', category: 'mass', x12: 'KG', unece: 'KGM' },
  G: { name: 'gram', category: 'mass', x12: 'GR', unece: 'GRM' },
  LB: { name: 'pound', category: 'mass', x12: 'LB', unece: 'LBR' },
  OZ: { name: 'ounce (avoirdupois)', category: 'mass', x12: 'OZ', unece: 'ONZ' },
  L: { name: 'litre', category: 'volume', x12: 'LT', unece: 'LTR' },
  ML: { name: 'millilitre', category: 'volume', x12: 'ML', unece: 'MLT' },
  GAL: { name: 'gallon (US)', category: 'volume', x12: 'GA', unece: 'GLL' },
  M: { name: 'metre', category: 'length', x12: 'MR', unece: 'MTR' },
  CM: { name: 'centimetre', category: 'length', x12: 'CM', unece: 'CMT' },
  MM: { name: 'millimetre', category: 'length', x12: 'MM', unece: 'MMT' },
  FT: { name: 'foot', category: 'length', x12: 'FT', unece: 'FOT' },
  IN: { name: 'inch', category: 'length', x12: 'IN', unece: 'INH' },
} as const satisfies Record<string, UnitDefinition>;

/** A canonical unit code, e.g. `'EA'` or `'CS'`. */
export type UnitCode = keyof typeof UNITS;

/** The unit codes in their documented order. */
export const UNIT_CODES = Object.keys(UNITS) as UnitCode[];

/** True when `code` is a canonical unit code. */
export function isUnitCode(code: unknown): code is UnitCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(UNITS, code);
}
