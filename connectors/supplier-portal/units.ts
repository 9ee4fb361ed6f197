/** The portal's units of measure (its own lower-case names) and the canonical unit codes they stand for. */

/** Canonical unit code → portal unit name; a canonical unit missing here cannot be ordered through the portal. */
export const PORTAL_UNIT_BY_CANONICAL: Readonly<Record<string, string>> = {
  EA: 'each',
  PC: 'piece',
  DZ: 'dozen',
  PR: 'pair',
  ST: 'set',
  KT: 'kit',
  CS: 'case',
  BX: 'box',
  PK: 'pack',
  CT: 'carton',
  PL: 'pallet',
  RL: 'roll',
  BG: 'bag',
  KG: 'kg',
  LB: 'lb',
  L: 'liter',
  M: 'meter',
};

/** Portal unit name → canonical unit code, as aliases for `MappingProblems.unit`. */
export const CANONICAL_UNIT_BY_PORTAL: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(PORTAL_UNIT_BY_CANONICAL).map(([canonical, portal]) => [portal, canonical]),
);
