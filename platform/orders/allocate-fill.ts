/** The planner's building blocks: a pool of usable stock per (warehouse, SKU) and the ways a line draws from it. */
import { compareDecimal, subtractDecimal } from '../../canonical-model/decimal';
import { isPositive, minDecimal, sumDecimals } from './stock-quantity';
import type { AllocationLine, PlannedAllocation } from './allocate-types';

/** Usable stock still unplanned, per (location, SKU); what one line takes the next line cannot. */
export interface Pool {
  add(locationId: string, sku: string, quantity: string): void;
  get(locationId: string, sku: string): string;
  take(locationId: string, sku: string, quantity: string): void;
}

/** A line being planned: what it still needs and what it got so far. */
export interface LineState {
  line: AllocationLine;
  need: string;
  allocations: PlannedAllocation[];
}

/** An empty pool. */
export function createPool(): Pool {
  const stock = new Map<string, string>();
  const keyOf = (locationId: string, sku: string) => `${locationId}|${sku}`;
  return {
    add: (locationId, sku, quantity) =>
      void stock.set(
        keyOf(locationId, sku),
        sumDecimals([stock.get(keyOf(locationId, sku)) ?? '0', quantity]),
      ),
    get: (locationId, sku) => stock.get(keyOf(locationId, sku)) ?? '0',
    take: (locationId, sku, quantity) =>
      void stock.set(
        keyOf(locationId, sku),
        subtractDecimal(stock.get(keyOf(locationId, sku)) ?? '0', quantity),
      ),
  };
}

/** The SKUs a line may ship: its own first, then its substitutes in policy order. */
export function candidatesOf(sku: string, substitutes: Record<string, string[]>): string[] {
  return [...new Set([sku, ...(substitutes[sku] ?? [])])];
}

/** True when `a` ≥ `b`. */
export function covers(a: string, b: string): boolean {
  return compareDecimal(a, b) >= 0;
}

/** Takes as much of the line's need as the pool has of `sku` at `locationId`. */
export function take(state: LineState, pool: Pool, locationId: string, sku: string): void {
  const quantity = minDecimal(state.need, pool.get(locationId, sku));
  if (!isPositive(quantity)) return;
  pool.take(locationId, sku, quantity);
  state.need = subtractDecimal(state.need, quantity);
  state.allocations.push({
    lineNumber: state.line.lineNumber,
    sku,
    locationId,
    quantity,
    ...(sku === state.line.sku ? {} : { substituteFor: state.line.sku }),
  });
}

/** Split shipments allowed: each candidate SKU in turn, from each warehouse in turn, until the need is met. */
export function fillSplit(state: LineState, pool: Pool, candidates: string[], locations: string[]): void {
  for (const sku of candidates) {
    for (const locationId of locations) {
      if (!isPositive(state.need)) return;
      take(state, pool, locationId, sku);
    }
  }
}

/**
 * No split: the whole line from one warehouse — the first that has all of it in the ordered SKU, else the first
 * that has all of it with substitutes, else the one with the most (the rest is short).
 */
export function fillSingle(state: LineState, pool: Pool, candidates: string[], locations: string[]): void {
  if (!isPositive(state.need)) return;
  const [own = state.line.sku] = candidates;
  const combined = (locationId: string) => sumDecimals(candidates.map((sku) => pool.get(locationId, sku)));
  const chosen =
    locations.find((l) => covers(pool.get(l, own), state.need)) ??
    locations.find((l) => covers(combined(l), state.need)) ??
    bestBy(locations, combined);
  if (!chosen) return;
  for (const sku of candidates) take(state, pool, chosen, sku);
}

/** The location with the largest positive score, the earliest on a tie; undefined when every score is zero. */
export function bestBy(locations: string[], score: (locationId: string) => string): string | undefined {
  let best: { locationId: string; score: string } | undefined;
  for (const locationId of locations) {
    const value = score(locationId);
    if (isPositive(value) && (!best || compareDecimal(value, best.score) > 0))
      best = { locationId, score: value };
  }
  return best?.locationId;
}
