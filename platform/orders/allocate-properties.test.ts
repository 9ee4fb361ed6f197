import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDecimal, compareDecimal } from '../../canonical-model/decimal';
import { planAllocation } from './allocate';
import type { AllocationInput, AllocationLine } from './allocate';
import type { Availability } from './stock-types';

// Properties of the planner over random orders, stock, strategies, split rules and substitutes.
const SKUS = ['A', 'B', 'C', 'D'];
const LOCATIONS = ['L1', 'L2', 'L3'];
const quantity = fc.oneof(
  fc.nat(30).map(String),
  fc.nat(30).map((n) => `${n}.5`),
);
const availabilityRow = fc.record({
  onHand: fc.nat(40),
  held: fc.nat(5),
  reserved: fc.nat(10),
  inbound: fc.nat(10),
});
const inputArb = fc
  .record({
    lines: fc.array(fc.record({ sku: fc.constantFrom(...SKUS), quantity }), { minLength: 1, maxLength: 5 }),
    rows: fc.array(fc.array(availabilityRow, { minLength: 3, maxLength: 3 }), { minLength: 4, maxLength: 4 }),
    warehouseOrder: fc.shuffledSubarray(LOCATIONS),
    strategy: fc.constantFrom(
      'nearest-warehouse' as const,
      'fewest-splits' as const,
      'customer-priority' as const,
    ),
    allowSplitShipments: fc.boolean(),
    substitutes: fc.array(fc.shuffledSubarray(SKUS, { maxLength: 2 }), { minLength: 4, maxLength: 4 }),
    isPriorityCustomer: fc.boolean(),
    protectedStockPercent: fc.nat(50),
  })
  .map(({ lines, rows, substitutes, ...rest }) => ({
    ...rest,
    lines: lines.map((l, i): AllocationLine => ({ lineNumber: i + 1, ...l })),
    substitutes: Object.fromEntries(
      SKUS.map((sku, i) => [sku, (substitutes[i] ?? []).filter((s) => s !== sku)]),
    ),
    availability: Object.fromEntries(
      SKUS.map((sku, i) => [
        sku,
        LOCATIONS.map((locationId, j): Availability => {
          const r = rows[i]?.[j] ?? { onHand: 0, held: 0, reserved: 0, inbound: 0 };
          const available = r.onHand - r.held - r.reserved + r.inbound;
          return {
            sku,
            locationId,
            onHand: String(r.onHand),
            held: String(r.held),
            reserved: String(r.reserved),
            inboundDue: String(r.inbound),
            available: String(available),
          };
        }),
      ]),
    ),
  }));

/** What the test itself says a customer may take of one row: available, less the protected whole units. */
function usable(input: AllocationInput, row: Availability): number {
  const protect = input.strategy === 'customer-priority' && !input.isPriorityCustomer;
  const kept = protect ? Math.floor((Number(row.onHand) * input.protectedStockPercent) / 100) : 0;
  return Math.max(0, Number(row.available) - kept);
}

describe('planAllocation properties', () => {
  it('never plans more than a customer may take of a SKU in a warehouse', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { allocations } = planAllocation(input);
        for (const [sku, rows] of Object.entries(input.availability)) {
          for (const row of rows) {
            const taken = allocations
              .filter((a) => a.sku === sku && a.locationId === row.locationId)
              .reduce((t, a) => addDecimal(t, a.quantity), '0');
            expect(Number(taken)).toBeLessThanOrEqual(usable(input, row));
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('allocated plus short is what each line ordered, from eligible warehouses and SKUs only', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const p = planAllocation(input);
        for (const line of input.lines) {
          const mine = p.allocations.filter((a) => a.lineNumber === line.lineNumber);
          const short = p.shortages.filter((s) => s.lineNumber === line.lineNumber).map((s) => s.quantity);
          const total = [...mine.map((a) => a.quantity), ...short].reduce(addDecimal, '0');
          expect(compareDecimal(total, line.quantity)).toBe(0);
          for (const a of mine) {
            expect(compareDecimal(a.quantity, '0')).toBe(1);
            expect(input.warehouseOrder).toContain(a.locationId);
            if (a.sku === line.sku) expect(a.substituteFor).toBeUndefined();
            else
              expect([a.substituteFor, input.substitutes[line.sku]?.includes(a.sku)]).toEqual([
                line.sku,
                true,
              ]);
          }
          if (!input.allowSplitShipments)
            expect(new Set(mine.map((a) => a.locationId)).size).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('with split shipments, a line is only short once its SKU and substitutes are exhausted everywhere', () => {
    fc.assert(
      fc.property(
        inputArb.filter((i) => i.allowSplitShipments),
        (input) => {
          const p = planAllocation(input);
          for (const short of p.shortages) {
            for (const sku of [short.sku, ...(input.substitutes[short.sku] ?? [])]) {
              for (const row of (input.availability[sku] ?? []).filter((r) =>
                input.warehouseOrder.includes(r.locationId),
              )) {
                const taken = p.allocations
                  .filter((a) => a.sku === sku && a.locationId === row.locationId)
                  .reduce((t, a) => addDecimal(t, a.quantity), '0');
                expect(Number(taken)).toBe(usable(input, row));
              }
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
