/**
 * Allocates one round of an order: read availability, plan (allocate.ts), reserve the plan in the stock ledger,
 * and re-plan only what a concurrent order won in between. Everything is derived from the order's reservations in
 * the ledger, whose ids are deterministic (`<order>/<round>/<line>/<location>/<sku>`, `#2`… for a second one of the
 * same tuple): a retry of the same round finds what it already reserved and reserves only what is still missing.
 */
import { compareDecimal, subtractDecimal } from '../../canonical-model/decimal';
import { HubError } from '../errors';
import { planAllocation, protectsStock } from './allocate';
import type { AllocationLine, AllocationShortage, PlannedAllocation } from './allocate';
import type { OrderPolicy } from './policy';
import { isPositive, protectedShare, requireQuantity, requireText, sumDecimals } from './stock-quantity';
import type { Availability, ReservationState, StockLedger } from './stock-types';

/** How often a round re-plans after concurrent orders took stock it had planned on. */
export const MAX_PLAN_ATTEMPTS = 5;

/** One allocation round of an order. */
export interface AllocationRequest {
  orderId: string;
  /** The workflow's allocation round; a retry of the same round reserves nothing twice. */
  round: number;
  /** Quantities in the item's base unit. */
  lines: AllocationLine[];
  needBy?: string;
  /** Location ids nearest first (warehouseOrderFor). */
  warehouseOrder: string[];
  policy: OrderPolicy;
  isPriorityCustomer: boolean;
}

/** A reserved allocation: one reservation of the ledger. */
export interface ReservedAllocation extends PlannedAllocation {
  reservationId: string;
}

/** What the round reserved, and what stays short. */
export interface AllocationResult {
  allocations: ReservedAllocation[];
  shortages: AllocationShortage[];
}

function validate(request: AllocationRequest): void {
  requireText(request.orderId, '/orderId');
  const seen = new Set<number>();
  request.lines.forEach((line, i) => {
    requireText(line.sku, `/lines/${i}/sku`);
    requireQuantity(line.quantity, `/lines/${i}/quantity`);
    if (!Number.isInteger(line.lineNumber) || seen.has(line.lineNumber)) {
      throw new HubError('data', `line ${line.lineNumber} is not a unique integer line number`, {
        fieldErrors: [{ path: `/lines/${i}/lineNumber`, message: 'must be a unique integer' }],
      });
    }
    seen.add(line.lineNumber);
  });
  if (!Number.isInteger(request.round) || request.round < 0) {
    throw new HubError('data', 'round must be a non-negative integer', {
      fieldErrors: [{ path: '/round', message: 'must be a non-negative integer' }],
    });
  }
}

const tupleOf = (r: { lineNumber: number; locationId: string; sku: string }) =>
  `${r.lineNumber}|${r.locationId}|${r.sku}`;

/** The reservations this round already made (zero answers included: their ids are taken). */
async function roundReservations(
  ledger: StockLedger,
  request: AllocationRequest,
): Promise<ReservationState[]> {
  const prefix = `${request.orderId}/${request.round}/`;
  return (await ledger.reservationsOf(request.orderId)).filter((r) => r.reservationId.startsWith(prefix));
}

/** Each line's quantity less what this round's reservations got. */
function remainderOf(lines: AllocationLine[], own: ReservationState[]): AllocationLine[] {
  return lines.map((line) => {
    const got = sumDecimals(own.filter((r) => r.lineNumber === line.lineNumber).map((r) => r.reserved));
    const left = subtractDecimal(line.quantity, got);
    return { ...line, quantity: isPositive(left) ? left : '0' };
  });
}

async function readAvailability(ledger: StockLedger, request: AllocationRequest, skus: string[]) {
  const rows = await Promise.all(
    skus.map((sku) => ledger.availability(sku, request.warehouseOrder, request.needBy)),
  );
  return Object.fromEntries(skus.map((sku, i) => [sku, rows[i] ?? []])) as Record<string, Availability[]>;
}

/**
 * Plans the remainder. Without split shipments a line that already has stock at a warehouse stays there; with
 * fewest-splits, warehouses the order already ships from come first.
 */
async function planRemainder(
  ledger: StockLedger,
  request: AllocationRequest,
  remaining: AllocationLine[],
  own: ReservationState[],
) {
  const { policy } = request;
  const open = remaining.filter((l) => isPositive(l.quantity));
  const skus = [...new Set(open.flatMap((l) => [l.sku, ...(policy.substitutes[l.sku] ?? [])]))];
  const availability = await readAvailability(ledger, request, skus);
  const got = own.filter((r) => isPositive(r.reserved));
  const used = request.warehouseOrder.filter((l) => got.some((r) => r.locationId === l));
  const order =
    policy.strategy === 'fewest-splits'
      ? [...used, ...request.warehouseOrder.filter((l) => !used.includes(l))]
      : request.warehouseOrder;
  const groups = new Map<string, AllocationLine[]>(); // '' = free to go anywhere
  for (const line of open) {
    const pinned = policy.allowSplitShipments
      ? undefined
      : got.find((r) => r.lineNumber === line.lineNumber)?.locationId;
    groups.set(pinned ?? '', [...(groups.get(pinned ?? '') ?? []), line]);
  }
  const planned: PlannedAllocation[] = [];
  for (const [pinned, lines] of [...groups].sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : 0))) {
    const plan = planAllocation({
      lines,
      availability: withoutPlanned(availability, planned),
      warehouseOrder: pinned ? [pinned] : order,
      strategy: policy.strategy,
      allowSplitShipments: policy.allowSplitShipments,
      substitutes: policy.substitutes,
      isPriorityCustomer: request.isPriorityCustomer,
      protectedStockPercent: policy.protectedStockPercent,
    });
    planned.push(...plan.allocations);
  }
  return { planned, availability };
}

/** The snapshot less what earlier groups planned, so two groups never plan the same units. */
function withoutPlanned(availability: Record<string, Availability[]>, planned: PlannedAllocation[]) {
  return Object.fromEntries(
    Object.entries(availability).map(([sku, rows]) => [
      sku,
      rows.map((row) => {
        const taken = sumDecimals(
          planned.filter((p) => p.sku === sku && p.locationId === row.locationId).map((p) => p.quantity),
        );
        return { ...row, available: subtractDecimal(row.available, taken) };
      }),
    ]),
  );
}

function reservationIdFor(request: AllocationRequest, a: PlannedAllocation, own: ReservationState[]): string {
  const base = `${request.orderId}/${request.round}/${a.lineNumber}/${a.locationId}/${a.sku}`;
  const earlier = own.filter((r) => tupleOf(r) === tupleOf(a)).length;
  return earlier ? `${base}#${earlier + 1}` : base;
}

/** Allocates one round of an order through the ledger; concurrent orders never oversell, retries never double. */
export async function allocateOrder(
  ledger: StockLedger,
  request: AllocationRequest,
): Promise<AllocationResult> {
  validate(request);
  const protect = protectsStock(request.policy.strategy, request.isPriorityCustomer);
  for (let attempt = 0; attempt < MAX_PLAN_ATTEMPTS; attempt += 1) {
    const own = await roundReservations(ledger, request);
    const remaining = remainderOf(request.lines, own);
    if (!remaining.some((l) => isPositive(l.quantity))) break;
    const { planned, availability } = await planRemainder(ledger, request, remaining, own);
    let lostRace = false;
    for (const a of planned) {
      const onHand = availability[a.sku]?.find((r) => r.locationId === a.locationId)?.onHand ?? '0';
      const result = await ledger.reserve({
        reservationId: reservationIdFor(request, a, own),
        sku: a.sku,
        locationId: a.locationId,
        quantity: a.quantity,
        orderId: request.orderId,
        lineNumber: a.lineNumber,
        allowPartial: true,
        ...(request.needBy ? { needBy: request.needBy } : {}),
        ...(protect
          ? { protectedQuantity: protectedShare(onHand, request.policy.protectedStockPercent) }
          : {}),
      });
      if (compareDecimal(result.reserved, a.quantity) < 0) lostRace = true;
    }
    if (!lostRace) break;
  }
  return resultOf(request, await roundReservations(ledger, request));
}

function resultOf(request: AllocationRequest, own: ReservationState[]): AllocationResult {
  const allocations: ReservedAllocation[] = [];
  const shortages: AllocationShortage[] = [];
  const rank = (locationId: string) => request.warehouseOrder.indexOf(locationId);
  for (const line of request.lines) {
    const mine = own
      .filter((r) => r.lineNumber === line.lineNumber && isPositive(r.reserved))
      .sort(
        (a, b) =>
          rank(a.locationId) - rank(b.locationId) ||
          (a.sku === line.sku ? -1 : 0) - (b.sku === line.sku ? -1 : 0),
      );
    for (const r of mine) {
      allocations.push({
        lineNumber: line.lineNumber,
        sku: r.sku,
        locationId: r.locationId,
        quantity: r.reserved,
        reservationId: r.reservationId,
        ...(r.sku === line.sku ? {} : { substituteFor: line.sku }),
      });
    }
    const short = subtractDecimal(line.quantity, sumDecimals(mine.map((r) => r.reserved)));
    if (isPositive(short)) shortages.push({ lineNumber: line.lineNumber, sku: line.sku, quantity: short });
  }
  return { allocations, shortages };
}
