/**
 * The pure part of reconciliation: whether the ERP, the WMS and the hub's ledger agree on one SKU at one location,
 * and, when they do not, the likely cause. Checked in order: a unit mismatch (one figure a whole multiple of the
 * other by one of the item's unit factors), events in flight (the difference is what the hub's ledger moved in the
 * last minutes, or the WMS changed after the hub's latest movement), a missing movement (the difference equals one
 * older movement that one side has and the other lacks), else unknown.
 */
import { addDecimal, compareDecimal, multiplyDecimal, subtractDecimal } from '../../canonical-model/decimal';
import type {
  DiscrepancyCause,
  Finding,
  LedgerMovement,
  ReconciledSystem,
  SystemValue,
} from './reconcile-types';

/** What a run knows of one key. */
export interface KeyEvidence {
  sku: string;
  locationId: string;
  values: Partial<Record<ReconciledSystem, SystemValue>>;
  /** The ledger's movements of the key, newest first. */
  movements: LedgerMovement[];
  /** The item's unit factors: unit code → base units in one (only factors above 1). */
  factors: Record<string, string>;
}

/** How recent "recent" is. */
export interface ClassifyOptions {
  now: Date;
  /** Movements the hub recorded this many minutes before `now` or later may not have reached the other side. */
  inFlightMinutes: number;
}

const abs = (x: string) => (compareDecimal(x, '0') < 0 ? subtractDecimal('0', x) : x);
const same = (a: string, b: string) => compareDecimal(a, b) === 0;

/** The pairs compared, most telling first; a system without a record counts as zero (the hub's is skipped). */
function pairsOf(values: KeyEvidence['values']): [ReconciledSystem, ReconciledSystem][] {
  const pairs: [ReconciledSystem, ReconciledSystem][] = [['erp', 'wms']];
  if (values.hub) pairs.push(['erp', 'hub'], ['wms', 'hub']);
  return pairs;
}

const quantityOf = (values: KeyEvidence['values'], system: ReconciledSystem) =>
  values[system]?.quantity ?? '0';

/** The unit whose factor makes `big` = factor × `small`, if any. */
function unitFactor(
  big: string,
  small: string,
  factors: Record<string, string>,
): [string, string] | undefined {
  if (compareDecimal(small, '0') <= 0) return undefined;
  return Object.entries(factors).find(([, f]) => same(multiplyDecimal(small, f), big));
}

/** undefined when every compared pair agrees; else the finding with its likely cause. */
export function classifyKey(evidence: KeyEvidence, options: ClassifyOptions): Finding | undefined {
  const { values } = evidence;
  const differing = pairsOf(values).find(([a, b]) => !same(quantityOf(values, a), quantityOf(values, b)));
  if (!differing) return undefined;
  const [a, b] = differing;
  const qa = quantityOf(values, a);
  const qb = quantityOf(values, b);
  const found = (cause: DiscrepancyCause, explanation: string): Finding => ({
    sku: evidence.sku,
    locationId: evidence.locationId,
    values,
    cause,
    explanation,
  });

  const up = unitFactor(qa, qb, evidence.factors);
  if (up)
    return found('unit-mismatch', `${a} ${qa} = ${up[1]} × ${b} ${qb} (1 ${up[0]} = ${up[1]} base units)`);
  const down = unitFactor(qb, qa, evidence.factors);
  if (down)
    return found(
      'unit-mismatch',
      `${b} ${qb} = ${down[1]} × ${a} ${qa} (1 ${down[0]} = ${down[1]} base units)`,
    );

  const difference = abs(subtractDecimal(qa, qb));
  const since = options.now.getTime() - options.inFlightMinutes * 60_000;
  const recent = evidence.movements.filter((m) => Date.parse(m.recordedAt) >= since);
  const older = evidence.movements.filter((m) => Date.parse(m.recordedAt) < since);
  const recentSum = abs(recent.reduce((t, m) => addDecimal(t, m.onHandDelta), '0'));
  const single = recent.find((m) => same(abs(m.onHandDelta), difference));
  if (recent.length && (same(recentSum, difference) || single))
    return found(
      'events-in-flight',
      `${a} − ${b} = ${subtractDecimal(qa, qb)}, what the hub moved in the last ${options.inFlightMinutes} min ` +
        `(${(single ? [single] : recent).map((m) => m.opId).join(', ')})`,
    );
  const wmsAsOf = values.wms?.asOf ? Date.parse(values.wms.asOf) : Number.NaN;
  const latest = evidence.movements[0];
  if (wmsAsOf >= since && (!latest || wmsAsOf > Date.parse(latest.occurredAt)))
    return found(
      'events-in-flight',
      `the WMS changed at ${values.wms?.asOf ?? ''}, after the hub's latest movement`,
    );

  const missing = older.find((m) => same(abs(m.onHandDelta), difference));
  if (missing) {
    // The side that disagrees with the hub lacks it; without the hub's figure, the ERP (the WMS is its source).
    const lacking =
      values.hub && same(quantityOf(values, 'hub'), qa)
        ? b
        : values.hub && same(quantityOf(values, 'hub'), qb)
          ? a
          : 'erp';
    return found(
      'missing-movement',
      `${a} − ${b} = ${subtractDecimal(qa, qb)}, the quantity of movement ${missing.opId} ` +
        `(${missing.onHandDelta} at ${missing.occurredAt}) that ${lacking} lacks`,
    );
  }
  return found('unknown', `${a} ${qa} ≠ ${b} ${qb}; no unit factor, recent or single movement explains it`);
}
