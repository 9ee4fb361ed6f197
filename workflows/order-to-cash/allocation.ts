/**
 * Allocation rounds and releases: reserve what each line still needs across the warehouses (the stock ledger
 * never promises a unit twice), backorder or cancel the shortage by policy and signal replenishment, then release
 * each warehouse's share to the WMS (to a 3PL's warehouse: as an EDI 940) as its own release (`<order id>.r<n>`,
 * the key that makes a resend harmless).
 */
import { addDecimal } from '../../canonical-model/decimal';
import type { SalesOrder } from '../../canonical-model/generated/index';
import { need, positive, sum } from './lines';
import type { OrderState } from './order-state';
import { DISCARDED, bookkeeping, connectorCalls, step } from './steps';
import type { ResolvedLine } from '../../activities/order-to-cash/types';
import type { ThirdPartyWarehouse } from '../../platform/orders/policy';

/** Runs one allocation round for every line with an open need; returns true when something was allocated. */
export async function allocateRound(
  s: OrderState,
  resolved: ResolvedLine[],
  round: number,
): Promise<boolean> {
  const needs = s.book
    .filter((l) => positive(need(l)))
    .map((l) => ({
      lineNumber: l.lineNumber,
      sku: l.sku,
      quantity: need(l),
      baseUnits: resolved.find((r) => r.lineNumber === l.lineNumber)?.baseUnits ?? '1',
    }));
  if (!needs.length) return false;
  const { order, policy } = s.input;
  const outcome = await bookkeeping.allocateStock({
    orderId: order.id,
    round,
    lines: needs,
    ...(order.requestedShipDate ? { needBy: order.requestedShipDate } : {}),
    shipTo: {
      ...(order.shipTo.address?.countryCode ? { countryCode: order.shipTo.address.countryCode } : {}),
      ...(order.shipTo.address?.region ? { region: order.shipTo.address.region } : {}),
    },
    policy,
    priorityCustomer: policy.priorityCustomerIds.includes(order.customerId),
  });
  for (const l of s.book) l.backordered = '0';
  for (const a of outcome.allocations) {
    s.line(a.lineNumber)?.allocations.push({
      reservationId: a.reservationId,
      locationId: a.locationId,
      sku: a.sku,
      ...(a.substituteFor ? { substituteFor: a.substituteFor } : {}),
      quantity: a.quantity,
      state: 'reserved',
    });
  }
  for (const short of outcome.shortages) {
    const line = s.line(short.lineNumber);
    if (!line) continue;
    if (policy.shortageAction === 'cancel') line.cancelled = addDecimal(line.cancelled, short.quantity);
    else line.backordered = addDecimal(line.backordered, short.quantity);
  }
  const allocated = sum(outcome.allocations.map((a) => a.quantity));
  s.note({
    kind: 'step',
    step: 'allocation',
    message: `round ${round}: allocated ${allocated} across ${new Set(outcome.allocations.map((a) => a.locationId)).size} warehouse(s); short ${sum(outcome.shortages.map((x) => x.quantity))} (${policy.shortageAction})`,
  });
  if (outcome.shortages.length && policy.shortageAction === 'backorder') {
    await bookkeeping.raiseReplenishment({
      orderId: order.id,
      legalEntityId: order.legalEntityId,
      ...(order.requestedShipDate ? { needBy: order.requestedShipDate } : {}),
      shortages: outcome.shortages,
    });
    s.note({
      kind: 'step',
      step: 'replenishment',
      message: 'replenishment signalled for the backordered quantity',
    });
  }
  return outcome.allocations.length > 0;
}

/** The order cut down to one release: the allocated quantities of one warehouse, under the release's id. */
function releaseOrder(
  order: SalesOrder,
  releaseId: string,
  locationId: string,
  quantities: Map<number, { sku: string; quantity: string }>,
): SalesOrder {
  return {
    ...order,
    id: releaseId,
    shipFromLocationId: locationId,
    lines: order.lines.flatMap((l) => {
      const q = quantities.get(l.lineNumber);
      if (!q) return [];
      const item =
        q.sku === (l.item.identifiers.find((i) => i.qualifier === 'SKU')?.value ?? q.sku)
          ? l.item
          : { ...l.item, identifiers: [{ qualifier: 'SKU' as const, value: q.sku }] };
      return [{ ...l, item, quantity: { ...l.quantity, value: q.quantity }, status: 'allocated' as const }];
    }),
  };
}

/** The 3PL running a warehouse, by the order's copy of the policy; undefined for the WMS's own warehouses. */
export function thirdPartyOf(s: OrderState, locationId: string): ThirdPartyWarehouse | undefined {
  return s.input.policy.warehouses.find((w) => w.locationId === locationId)?.thirdParty;
}

/** Releases every reserved (not yet released) allocation to its warehouse, one release per warehouse. */
export async function releaseAllocations(s: OrderState): Promise<void> {
  const wms = s.input.policy.wmsConnectorId;
  const byLocation = new Map<
    string,
    { lineNumber: number; sku: string; quantity: string; index: number }[]
  >();
  for (const line of s.book) {
    line.allocations.forEach((a, index) => {
      if (a.state !== 'reserved') return;
      const list = byLocation.get(a.locationId) ?? [];
      list.push({ lineNumber: line.lineNumber, sku: a.sku, quantity: a.quantity, index });
      byLocation.set(a.locationId, list);
    });
  }
  for (const [locationId, parts] of byLocation) {
    const releaseId = `${s.order.id}.r${s.releases.length + 1}`;
    const quantities = new Map<number, { sku: string; quantity: string }>();
    for (const p of parts) {
      const q = quantities.get(p.lineNumber);
      quantities.set(p.lineNumber, {
        sku: p.sku,
        quantity: q ? addDecimal(q.quantity, p.quantity) : p.quantity,
      });
    }
    const lines = [...quantities].map(([lineNumber, q]) => ({ lineNumber, ...q }));
    // A 3PL's warehouse is reached by EDI 940 through the partner's connector; any other through the WMS.
    const thirdParty = thirdPartyOf(s, locationId);
    const connectorId = thirdParty?.ediConnectorId ?? wms;
    let externalId: string | undefined;
    if (connectorId) {
      const order = releaseOrder(s.order, releaseId, locationId, quantities);
      const target = { ...(wms ? { wmsConnectorId: wms } : {}), ...(thirdParty ? { thirdParty } : {}) };
      const result = await step(
        s,
        `release-${releaseId}`,
        { releaseId, locationId },
        () => connectorCalls.releaseToWarehouse({ ...target, releaseId, locationId, order, lines }),
        connectorId,
      );
      if (result === DISCARDED) continue;
      externalId = result.externalId;
    }
    for (const p of parts) {
      const a = s.line(p.lineNumber)?.allocations[p.index];
      if (a) {
        a.state = 'released';
        a.releaseId = releaseId;
      }
    }
    s.releases.push({
      releaseId,
      locationId,
      ...(connectorId ? { connectorId } : {}),
      ...(externalId ? { externalId } : {}),
      status: 'released',
      lines,
    });
    const via = thirdParty
      ? ` (EDI 940 to 3PL partner ${thirdParty.partnerId})`
      : externalId
        ? ` (WMS order ${externalId})`
        : '';
    s.note({
      kind: 'connector-call',
      step: 'release',
      message: `release ${releaseId} sent to warehouse ${locationId}${via}`,
      ...(connectorId ? { connectorId } : {}),
      documentId: releaseId,
    });
  }
}
