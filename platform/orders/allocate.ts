/**
 * The allocation planner: which warehouse ships how much of each order line, by the policy's strategy, split rule
 * and substitutes. Pure (no I/O): it plans against an availability snapshot; allocate-order.ts reserves the plan in
 * the stock ledger, which is what actually keeps two orders from taking the same units.
 */
import { subtractDecimal } from '../../canonical-model/decimal';
import type { AllocationStrategy, WarehousePolicy } from './policy';
import { atLeastZero, isPositive, protectedShare, sumDecimals } from './stock-quantity';
import type { Availability } from './stock-types';
import { fewestSplits } from './allocate-fewest-splits';
import { createPool, fillSingle, fillSplit, candidatesOf } from './allocate-fill';
import type { LineState, Pool } from './allocate-fill';
import type {
  AllocationInput,
  AllocationLine,
  AllocationPlan,
  AllocationShortage,
  PlannedAllocation,
} from './allocate-types';

/** The planner's shapes, re-exported so callers import the planner and its types from one place. */
export type { AllocationInput, AllocationLine, AllocationPlan, AllocationShortage, PlannedAllocation };

/** Whether the strategy keeps the protected share from this customer. */
export function protectsStock(strategy: AllocationStrategy, isPriorityCustomer: boolean): boolean {
  return strategy === 'customer-priority' && !isPriorityCustomer;
}

/** What a request may take of one availability: available (never below zero) less any protected share. */
export function usableQuantity(
  availability: Availability,
  protect: boolean,
  protectedStockPercent: number,
): string {
  const free = atLeastZero(availability.available);
  if (!protect) return free;
  return atLeastZero(subtractDecimal(free, protectedShare(availability.onHand, protectedStockPercent)));
}

function poolOf(input: AllocationInput): Pool {
  const protect = protectsStock(input.strategy, input.isPriorityCustomer);
  const pool = createPool();
  for (const [sku, rows] of Object.entries(input.availability)) {
    for (const row of rows) {
      if (!input.warehouseOrder.includes(row.locationId)) continue;
      pool.add(row.locationId, sku, usableQuantity(row, protect, input.protectedStockPercent));
    }
  }
  return pool;
}

/** Plans an order's allocation; never plans more of a SKU in a warehouse than its usable quantity. */
export function planAllocation(input: AllocationInput): AllocationPlan {
  const pool = poolOf(input);
  const lines: LineState[] = input.lines.map((line) => ({
    line,
    need: isPositive(line.quantity) ? line.quantity : '0',
    allocations: [],
  }));
  const order = [...new Set(input.warehouseOrder)];
  if (input.strategy === 'fewest-splits') {
    fewestSplits(lines, pool, order, input.allowSplitShipments, input.substitutes);
  } else {
    for (const state of lines) {
      const candidates = candidatesOf(state.line.sku, input.substitutes);
      if (input.allowSplitShipments) fillSplit(state, pool, candidates, order);
      else fillSingle(state, pool, candidates, order);
    }
  }
  return {
    allocations: lines.flatMap((s) => merged(s.allocations)),
    shortages: lines
      .filter((s) => isPositive(s.need))
      .map((s) => ({ lineNumber: s.line.lineNumber, sku: s.line.sku, quantity: s.need })),
  };
}

/** One allocation per (location, SKU) of a line. */
function merged(allocations: PlannedAllocation[]): PlannedAllocation[] {
  const byKey = new Map<string, PlannedAllocation>();
  for (const a of allocations) {
    const key = `${a.locationId}|${a.sku}`;
    const seen = byKey.get(key);
    byKey.set(key, seen ? { ...seen, quantity: sumDecimals([seen.quantity, a.quantity]) } : { ...a });
  }
  return [...byKey.values()];
}

/** Normalised region code: `US-IL` from country "us" and region "IL" or "US-IL". */
function regionCode(countryCode: string, region: string): string {
  const cc = countryCode.toUpperCase();
  const r = region.toUpperCase();
  return r.startsWith(`${cc}-`) ? r : `${cc}-${r}`;
}

/**
 * The warehouses to try for a ship-to, nearest first: those listing its country-region ("US-IL"), then those
 * listing its country ("US"), then the rest — each group in policy order.
 */
export function warehouseOrderFor(
  shipTo: { countryCode?: string; region?: string },
  warehouses: WarehousePolicy[],
): string[] {
  const country = shipTo.countryCode?.trim().toUpperCase();
  const region = country && shipTo.region?.trim() ? regionCode(country, shipTo.region.trim()) : undefined;
  const rank = (w: WarehousePolicy): number => {
    const regions = (w.regions ?? []).map((r) => r.trim().toUpperCase());
    if (region && regions.includes(region)) return 0;
    if (country && regions.includes(country)) return 1;
    return 2;
  };
  const ranked = warehouses.map((w, index) => ({ id: w.locationId, rank: rank(w), index }));
  ranked.sort((a, b) => a.rank - b.rank || a.index - b.index);
  return [...new Set(ranked.map((r) => r.id))];
}
