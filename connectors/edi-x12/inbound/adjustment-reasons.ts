/**
 * 947 W1901 quantity or status adjustment reason codes (X12 element 181) → canonical movement types and, where the
 * code itself says which way stock went, that direction. 05 (put on hold) and 55 (taken off hold) change the held
 * part of on hand, AA (physical count) is a count's difference, and every other reason changes on hand as an
 * adjustment. W1902 is the difference, never the new balance: "receipt less than previously reported" (04) sent as
 * 5 or -5 removes 5, while an increase (51, 53, 54, 56) sent negative contradicts itself and is refused; a reason
 * with no direction of its own (AA, AB, AU …) takes the sign of W1902. The names are for people reading it.
 */
import type { InventoryMovement } from '../../../canonical-model/generated/index';

/** The movement type of each reason that is not a plain adjustment. */
const TYPES: Record<string, InventoryMovement['type']> = {
  '05': 'hold',
  '55': 'release',
  AA: 'count',
};

/** Reasons that only ever remove from (out) or add to (in) on hand. */
const DIRECTIONS: Record<string, 'in' | 'out'> = {
  '03': 'out',
  '04': 'out',
  '06': 'out',
  '07': 'out',
  '51': 'in',
  '53': 'in',
  '54': 'in',
  '56': 'in',
};

/** What the 3PL means by the reason codes 3PLs commonly send. */
const NAMES: Record<string, string> = {
  '03': 'Shipment greater than previously reported',
  '04': 'Receipt less than previously reported',
  '05': 'Product put on hold',
  '06': 'Book adjustment decrease',
  '07': 'Product dumped or destroyed',
  '51': 'Unable-to-locate product located',
  '52': 'Recoup/rework of damaged product',
  '53': 'Shipment less than previously reported',
  '54': 'Receipt greater than previously reported',
  '55': 'Product taken off hold',
  '56': 'Book adjustment increase',
  AA: 'Physical count',
  AB: 'Accounting error',
  AH: 'Other',
  AK: 'Transfer',
  AU: 'Damaged in facility',
  AV: 'Damaged in transit',
  AW: 'Product recall',
  AY: 'Receipt error',
};

/** The canonical movement type of a W1901 reason code. */
export function movementTypeOf(reason: string): InventoryMovement['type'] {
  return TYPES[reason] ?? 'adjustment';
}

/** The name of a W1901 reason code, when it is one the hub names. */
export function reasonNameOf(reason: string): string | undefined {
  return NAMES[reason];
}

/** The direction a W1901 reason code fixes on its own ('in' or 'out'), if it fixes one. */
export function reasonDirectionOf(reason: string): 'in' | 'out' | undefined {
  return DIRECTIONS[reason];
}
