/** Business Central money: its JSON numbers are doubles, so an amount can carry float noise past the 6 decimals the
 * canonical model allows. */
import { toPlaces } from '../sdk/decimal';

/** A money amount with at most 6 decimals (the canonical limit): longer BC doubles are rounded, zeros trimmed to 2. */
export function moneyAmount(text: string): string {
  const frac = text.split('.')[1] ?? '';
  if (frac.length <= 6) return text;
  return toPlaces(text, 6).replace(/(\.\d{2}\d*?)0+$/, '$1');
}
