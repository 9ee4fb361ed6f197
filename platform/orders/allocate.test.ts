import { describe, expect, it } from 'vitest';
import { planAllocation, warehouseOrderFor } from './allocate';
import type { AllocationInput } from './allocate';
import type { Availability } from './stock-types';

/** Availability of a SKU: `{ A: '6' }` is 6 available (and on hand) in warehouse A. */
function stock(rows: Record<string, Record<string, string>>): Record<string, Availability[]> {
  return Object.fromEntries(
    Object.entries(rows).map(([sku, byLocation]) => [
      sku,
      Object.entries(byLocation).map(([locationId, available]) => ({
        sku,
        locationId,
        onHand: available,
        held: '0',
        reserved: '0',
        inboundDue: '0',
        available,
      })),
    ]),
  );
}

function plan(
  lines: [string, string][],
  availability: Record<string, Availability[]>,
  overrides: Partial<AllocationInput> = {},
) {
  return planAllocation({
    lines: lines.map(([sku, quantity], i) => ({ lineNumber: i + 1, sku, quantity })),
    availability,
    warehouseOrder: ['A', 'B', 'C', 'D'],
    strategy: 'nearest-warehouse',
    allowSplitShipments: true,
    substitutes: {},
    isPriorityCustomer: false,
    protectedStockPercent: 0,
    ...overrides,
  });
}

const where = (p: ReturnType<typeof plan>) =>
  p.allocations.map((a) => `${a.lineNumber}:${a.locationId}:${a.sku}:${a.quantity}`);

describe('planAllocation: nearest-warehouse', () => {
  it('splits a line across warehouses nearest first when splits are allowed', () => {
    const p = plan([['X', '10']], stock({ X: { A: '6', B: '8' } }));
    expect(where(p)).toEqual(['1:A:X:6', '1:B:X:4']);
    expect(p.shortages).toEqual([]);
  });

  it('without splits takes the first warehouse that has the whole line, else the one with the most', () => {
    expect(
      where(plan([['X', '10']], stock({ X: { A: '6', B: '12' } }), { allowSplitShipments: false })),
    ).toEqual(['1:B:X:10']);
    const short = plan([['X', '10']], stock({ X: { A: '6', B: '8' } }), { allowSplitShipments: false });
    expect(where(short)).toEqual(['1:B:X:8']);
    expect(short.shortages).toEqual([{ lineNumber: 1, sku: 'X', quantity: '2' }]);
  });

  it('does not give the same units to two lines of the same SKU', () => {
    const p = plan(
      [
        ['X', '5'],
        ['X', '5'],
      ],
      stock({ X: { A: '7' } }),
    );
    expect(where(p)).toEqual(['1:A:X:5', '2:A:X:2']);
    expect(p.shortages).toEqual([{ lineNumber: 2, sku: 'X', quantity: '3' }]);
  });

  it('offers substitutes in order once the ordered SKU is exhausted', () => {
    const p = plan([['X', '10']], stock({ X: { A: '4' }, Y: { B: '3' }, Z: { A: '10' } }), {
      substitutes: { X: ['Y', 'Z'] },
    });
    expect(p.allocations).toEqual([
      { lineNumber: 1, sku: 'X', locationId: 'A', quantity: '4' },
      { lineNumber: 1, sku: 'Y', locationId: 'B', quantity: '3', substituteFor: 'X' },
      { lineNumber: 1, sku: 'Z', locationId: 'A', quantity: '3', substituteFor: 'X' },
    ]);
  });

  it('without splits keeps a line and its substitutes in one warehouse', () => {
    const p = plan([['X', '10']], stock({ X: { A: '4', B: '8' }, Y: { A: '6' } }), {
      substitutes: { X: ['Y'] },
      allowSplitShipments: false,
    });
    expect(where(p)).toEqual(['1:A:X:4', '1:A:Y:6']);
  });

  it('allocates from nowhere when no warehouse is eligible', () => {
    expect(plan([['X', '3']], stock({ X: { Z: '9' } })).shortages).toEqual([
      { lineNumber: 1, sku: 'X', quantity: '3' },
    ]);
  });
});

describe('planAllocation: fewest-splits', () => {
  it('ships the whole order from one warehouse when one can, even if it is further', () => {
    const availability = stock({ X: { A: '5', B: '5' }, Y: { B: '5' } });
    expect(
      where(
        plan(
          [
            ['X', '5'],
            ['Y', '5'],
          ],
          availability,
        ),
      ),
    ).toEqual(['1:A:X:5', '2:B:Y:5']);
    expect(
      where(
        plan(
          [
            ['X', '5'],
            ['Y', '5'],
          ],
          availability,
          { strategy: 'fewest-splits' },
        ),
      ),
    ).toEqual(['1:B:X:5', '2:B:Y:5']);
  });

  it('otherwise uses the warehouse covering most first', () => {
    const availability = stock({ X: { A: '10', C: '10' }, Y: { B: '10', C: '10' }, Z: { D: '10' } });
    const lines: [string, string][] = [
      ['X', '10'],
      ['Y', '10'],
      ['Z', '10'],
    ];
    expect(where(plan(lines, availability))).toEqual(['1:A:X:10', '2:B:Y:10', '3:D:Z:10']);
    for (const allowSplitShipments of [true, false]) {
      expect(where(plan(lines, availability, { strategy: 'fewest-splits', allowSplitShipments }))).toEqual([
        '1:C:X:10',
        '2:C:Y:10',
        '3:D:Z:10',
      ]);
    }
  });
});

describe('planAllocation: customer-priority', () => {
  const availability = stock({ X: { A: '15', B: '100' } });
  it('keeps the protected share (rounded down to whole units) from ordinary customers', () => {
    const p = plan([['X', '115']], availability, {
      strategy: 'customer-priority',
      protectedStockPercent: 10,
    });
    expect(where(p)).toEqual(['1:A:X:14', '1:B:X:90']);
    expect(p.shortages).toEqual([{ lineNumber: 1, sku: 'X', quantity: '11' }]);
  });

  it('lets priority customers take it', () => {
    const p = plan([['X', '115']], availability, {
      strategy: 'customer-priority',
      protectedStockPercent: 10,
      isPriorityCustomer: true,
    });
    expect(where(p)).toEqual(['1:A:X:15', '1:B:X:100']);
  });
});

describe('warehouseOrderFor', () => {
  const warehouses = [
    { locationId: 'W1', regions: ['US'] },
    { locationId: 'W2', regions: ['US-IL'] },
    { locationId: 'W3' },
    { locationId: 'W4', regions: ['CA'] },
    { locationId: 'W5', regions: ['US', 'us-il'] },
  ];
  it('puts the ship-to region first, then its country, then the rest, each in policy order', () => {
    expect(warehouseOrderFor({ countryCode: 'US', region: 'IL' }, warehouses)).toEqual([
      'W2',
      'W5',
      'W1',
      'W3',
      'W4',
    ]);
    expect(warehouseOrderFor({ countryCode: 'us', region: 'US-IL' }, warehouses)).toEqual([
      'W2',
      'W5',
      'W1',
      'W3',
      'W4',
    ]);
    expect(warehouseOrderFor({ countryCode: 'CA', region: 'ON' }, warehouses)).toEqual([
      'W4',
      'W1',
      'W2',
      'W3',
      'W5',
    ]);
    expect(warehouseOrderFor({}, warehouses)).toEqual(['W1', 'W2', 'W3', 'W4', 'W5']);
  });
});
