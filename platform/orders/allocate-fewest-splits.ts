/**
 * The fewest-splits strategy: ship the whole order from one warehouse when one can, else use as few warehouses as
 * possible (greedy: the warehouse covering most of what is still needed first), substitutes last.
 */
import { isPositive, minDecimal, sumDecimals } from './stock-quantity';
import { subtractDecimal } from '../../canonical-model/decimal';
import { bestBy, candidatesOf, covers, fillSingle, fillSplit, take } from './allocate-fill';
import type { LineState, Pool } from './allocate-fill';

function needBySku(lines: LineState[]): Map<string, string> {
  const needs = new Map<string, string>();
  for (const s of lines) needs.set(s.line.sku, sumDecimals([needs.get(s.line.sku) ?? '0', s.need]));
  return needs;
}

/** Quantity of the still-unallocated lines a warehouse can fill completely, taking the lines in order. */
function wholeLinesCovered(lines: LineState[], pool: Pool, locationId: string): string {
  const left = new Map<string, string>();
  let covered = '0';
  for (const s of lines) {
    if (s.allocations.length || !isPositive(s.need)) continue;
    const have = left.get(s.line.sku) ?? pool.get(locationId, s.line.sku);
    if (!covers(have, s.need)) continue;
    left.set(s.line.sku, subtractDecimal(have, s.need));
    covered = sumDecimals([covered, s.need]);
  }
  return covered;
}

/** Plans `lines` with the fewest warehouses, honouring the split rule (no split: each line from one warehouse). */
export function fewestSplits(
  lines: LineState[],
  pool: Pool,
  order: string[],
  allowSplit: boolean,
  substitutes: Record<string, string[]>,
): void {
  const active = lines.filter((s) => isPositive(s.need));
  const total = needBySku(active);
  const single = order.find((l) => [...total].every(([sku, need]) => covers(pool.get(l, sku), need)));
  if (single) {
    for (const s of active) take(s, pool, single, s.line.sku);
    return;
  }
  const used: string[] = [];
  const unused = () => order.filter((l) => !used.includes(l));
  if (allowSplit) {
    for (;;) {
      const needs = needBySku(active);
      const best = bestBy(unused(), (l) =>
        sumDecimals([...needs].map(([sku, n]) => minDecimal(n, pool.get(l, sku)))),
      );
      if (!best) break;
      used.push(best);
      for (const s of active) take(s, pool, best, s.line.sku);
    }
    // Substitutes last, from the warehouses already shipping first.
    const preferred = [...used, ...unused()];
    for (const s of active) fillSplit(s, pool, candidatesOf(s.line.sku, substitutes).slice(1), preferred);
    return;
  }
  for (;;) {
    const best = bestBy(unused(), (l) => wholeLinesCovered(active, pool, l));
    if (!best) break;
    used.push(best);
    for (const s of active) {
      if (!s.allocations.length && covers(pool.get(best, s.line.sku), s.need))
        take(s, pool, best, s.line.sku);
    }
  }
  const preferred = [...used, ...unused()];
  for (const s of active) {
    if (!s.allocations.length) fillSingle(s, pool, candidatesOf(s.line.sku, substitutes), preferred);
  }
}
