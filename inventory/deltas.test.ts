import { describe, expect, it } from 'vitest';
import type { InventoryMovement } from '../canonical-model/generated/index';
import { movementDeltas } from './deltas';

const deltas = (type: string, direction: string, value: string) =>
  movementDeltas({
    type: type as InventoryMovement['type'],
    direction: direction as InventoryMovement['direction'],
    quantity: { value, uom: 'EA' },
  });

describe('movement deltas', () => {
  it('changes on hand by the signed quantity for every type but hold and release', () => {
    expect(deltas('receipt', 'in', '12')).toEqual({ onHandDelta: '12', heldDelta: '0' });
    expect(deltas('return', 'in', '1.5')).toEqual({ onHandDelta: '1.5', heldDelta: '0' });
    expect(deltas('pick', 'out', '3')).toEqual({ onHandDelta: '-3', heldDelta: '0' });
    expect(deltas('adjustment', 'out', '0.25')).toEqual({ onHandDelta: '-0.25', heldDelta: '0' });
    expect(deltas('adjustment', 'in', '7')).toEqual({ onHandDelta: '7', heldDelta: '0' });
    expect(deltas('transfer', 'out', '4')).toEqual({ onHandDelta: '-4', heldDelta: '0' });
    expect(deltas('transfer', 'in', '4')).toEqual({ onHandDelta: '4', heldDelta: '0' });
    // A count carries the difference to what the ledger held.
    expect(deltas('count', 'out', '6')).toEqual({ onHandDelta: '-6', heldDelta: '0' });
  });

  it('moves hold and release between free stock and held, leaving on hand (held is part of on hand)', () => {
    expect(deltas('hold', 'in', '5')).toEqual({ onHandDelta: '0', heldDelta: '5' });
    expect(deltas('release', 'out', '2')).toEqual({ onHandDelta: '0', heldDelta: '-2' });
  });

  it('never writes "-0" for an outbound zero', () => {
    expect(deltas('pick', 'out', '0')).toEqual({ onHandDelta: '0', heldDelta: '0' });
  });

  it('names the fields it cannot apply', () => {
    expect(deltas('teleport', 'in', '1')).toEqual({
      errors: [{ path: '/type', message: '"teleport" is not a movement type the ledger applies' }],
    });
    expect(deltas('pick', 'sideways', '-1')).toEqual({
      errors: [
        { path: '/quantity/value', message: 'must be a non-negative decimal string' },
        { path: '/direction', message: 'must be "in" or "out"' },
      ],
    });
  });
});
