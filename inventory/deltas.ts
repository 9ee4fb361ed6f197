/**
 * What an InventoryMovement does to the stock ledger. The quantity is never negative and `direction` gives the
 * sign. A hold moves units from free stock into held and a release moves them back: on hand (the physical count)
 * stays, because the ledger's held is part of on hand (available = on hand − held − reserved). Every other type —
 * receipt, pick, adjustment, transfer, count (the difference), return — changes on hand.
 */
import { subtractDecimal } from '../canonical-model/decimal';
import type { InventoryMovement } from '../canonical-model/generated/index';
import type { FieldError } from '../platform/errors';

/** Signed decimal changes of on hand and held. */
export interface MovementDeltas {
  onHandDelta: string;
  heldDelta: string;
}

const ON_HAND_TYPES: ReadonlySet<string> = new Set([
  'receipt',
  'pick',
  'adjustment',
  'transfer',
  'count',
  'return',
]);
const HELD_TYPES: ReadonlySet<string> = new Set(['hold', 'release']);
const QUANTITY = /^\d+(\.\d+)?$/;

/** The deltas of a movement, or what is wrong with it (JSON pointers into the movement). */
export function movementDeltas(
  movement: Pick<InventoryMovement, 'type' | 'direction' | 'quantity'>,
): MovementDeltas | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const value: unknown = (movement.quantity as { value?: unknown } | undefined)?.value;
  const quantity = typeof value === 'string' && QUANTITY.test(value) ? value : undefined;
  if (quantity === undefined) {
    errors.push({ path: '/quantity/value', message: 'must be a non-negative decimal string' });
  }
  if (movement.direction !== 'in' && movement.direction !== 'out') {
    errors.push({ path: '/direction', message: 'must be "in" or "out"' });
  }
  const type = String(movement.type);
  if (!ON_HAND_TYPES.has(type) && !HELD_TYPES.has(type)) {
    errors.push({
      path: '/type',
      message: `${JSON.stringify(movement.type)} is not a movement type the ledger applies`,
    });
  }
  if (quantity === undefined || errors.length) return { errors };
  const signed = movement.direction === 'in' ? quantity : subtractDecimal('0', quantity);
  return HELD_TYPES.has(type)
    ? { onHandDelta: '0', heldDelta: signed }
    : { onHandDelta: signed, heldDelta: '0' };
}
