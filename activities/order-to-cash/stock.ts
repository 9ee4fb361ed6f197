/**
 * Stock activities: allocate an order's open needs through the stock ledger (taking each SKU's first on-hand figure
 * from the WMS the first time the ledger sees it), and give back or consume reservations. Every write carries its
 * op id, so a retried activity moves no unit twice.
 */
import { addDecimal, compareDecimal, multiplyDecimal, subtractDecimal } from '../../canonical-model/decimal';
import type { WmsPort } from '../../connectors/sdk/ports/wms';
import { warehouseOrderFor } from '../../platform/orders/allocate';
import { allocateOrder } from '../../platform/orders/allocate-order';
import type { OrderActivityDeps } from './deps';
import type { AllocateArgs, AllocationOutcome } from './types';

/** Whole base units per ordered unit divide a base quantity: how many whole ordered units it makes. */
function wholeUnits(base: string, baseUnits: string): string {
  if (baseUnits === '1') return base;
  if (!/^\d+$/.test(base) || !/^\d+$/.test(baseUnits)) return base;
  return (BigInt(base) / BigInt(baseUnits)).toString();
}

/** Seeds the ledger with the WMS's on-hand for SKUs it has never seen in these warehouses. */
async function seedFromWms(deps: OrderActivityDeps, args: AllocateArgs, skus: string[]): Promise<void> {
  const wmsId = args.policy.wmsConnectorId;
  if (!wmsId) return;
  const locations = args.policy.warehouses.map((w) => w.locationId);
  let wms: WmsPort | undefined;
  for (const sku of skus) {
    const missing: string[] = [];
    for (const locationId of locations)
      if (!(await deps.ledger.position({ sku, locationId }))) missing.push(locationId);
    if (!missing.length) continue;
    wms ??= await deps.runtime.instance<WmsPort>(wmsId, 'wms');
    const page = await wms.getInventorySnapshot({ sku });
    for (const locationId of missing) {
      const p = page.items.find((x) => x.locationId === locationId);
      await deps.ledger.setStock({
        opId: `wms-initial/${locationId}/${sku}`,
        sku,
        locationId,
        onHand: p?.onHand.value ?? '0',
        held: p?.onHold.value ?? '0',
        asOf: p?.asOf ?? new Date().toISOString(),
      });
    }
  }
}

/** The allocateStock activity. */
export function allocateStock(deps: OrderActivityDeps) {
  return async (args: AllocateArgs): Promise<AllocationOutcome> => {
    const skus = [...new Set(args.lines.flatMap((l) => [l.sku, ...(args.policy.substitutes[l.sku] ?? [])]))];
    await seedFromWms(deps, args, skus);
    const result = await allocateOrder(deps.ledger, {
      orderId: args.orderId,
      round: args.round,
      lines: args.lines.map((l) => ({
        lineNumber: l.lineNumber,
        sku: l.sku,
        quantity: multiplyDecimal(l.quantity, l.baseUnits),
      })),
      ...(args.needBy ? { needBy: args.needBy } : {}),
      warehouseOrder: warehouseOrderFor(args.shipTo, args.policy.warehouses),
      policy: args.policy,
      isPriorityCustomer: args.priorityCustomer,
    });
    const unitsOf = new Map(args.lines.map((l) => [l.lineNumber, l.baseUnits]));
    const outcome: AllocationOutcome = { allocations: [], shortages: [] };
    for (const a of result.allocations) {
      const baseUnits = unitsOf.get(a.lineNumber) ?? '1';
      const units = wholeUnits(a.quantity, baseUnits);
      const keep = multiplyDecimal(units, baseUnits);
      // A part of an ordered unit cannot ship: give it back.
      if (compareDecimal(keep, a.quantity) < 0)
        await deps.ledger.release({
          opId: `${a.reservationId}/fraction`,
          reservationId: a.reservationId,
          quantity: subtractDecimal(a.quantity, keep),
        });
      if (compareDecimal(units, '0') > 0) outcome.allocations.push({ ...a, quantity: units });
    }
    // Shortages in the order's unit: what each line asked for minus the whole units it got.
    for (const l of args.lines) {
      const allocated = outcome.allocations
        .filter((a) => a.lineNumber === l.lineNumber)
        .reduce((t, a) => addDecimal(t, a.quantity), '0');
      const left = subtractDecimal(l.quantity, allocated);
      if (compareDecimal(left, '0') > 0)
        outcome.shortages.push({ lineNumber: l.lineNumber, sku: l.sku, quantity: left });
    }
    return outcome;
  };
}

/** The releaseReservations activity (compensation and short picks). */
export function releaseReservations(deps: OrderActivityDeps) {
  return async ({
    reservations,
  }: {
    reservations: { reservationId: string; quantity?: string; opId: string }[];
  }): Promise<void> => {
    for (const r of reservations)
      await deps.ledger.release({
        opId: r.opId,
        reservationId: r.reservationId,
        ...(r.quantity ? { quantity: r.quantity } : {}),
      });
  };
}

/** The consumeReservations activity (what shipped leaves on hand and the reservation). */
export function consumeReservations(deps: OrderActivityDeps) {
  return async ({
    consumptions,
  }: {
    consumptions: { reservationId: string; quantity: string; opId: string }[];
  }): Promise<void> => {
    for (const c of consumptions) await deps.ledger.consume(c);
  };
}
