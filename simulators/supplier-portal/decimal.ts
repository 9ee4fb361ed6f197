/** Shape checks on the portal's decimal strings (its arithmetic is the hub's exact decimals, connectors/sdk/decimal.ts). */

/** True when the decimal string is a whole number. */
export function isWhole(a: string): boolean {
  return /^\d+(\.0*)?$/.test(a);
}

/** Decimal places of a decimal string. */
export function placesOf(a: string): number {
  return a.split('.')[1]?.length ?? 0;
}
