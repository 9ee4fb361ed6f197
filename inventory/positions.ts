/**
 * The position and availability view of a SKU: per location on hand, reserved, on hold, in transit, inbound supply
 * with its due dates and available-to-promise, read from the stock ledger (in the database, so every API and
 * consumer replica answers the same) and summed over the locations.
 */
import { addDecimal, compareDecimal, subtractDecimal } from '../canonical-model/decimal';
import type { InboundSupply, StockLedger, StockPosition } from '../platform/orders/stock-types';
import { needByDate } from '../platform/orders/stock-inbound';

/** Inbound supply due into one location. */
export interface InboundView {
  quantity: string;
  nextDueDate?: string;
  supplies: Pick<InboundSupply, 'id' | 'quantity' | 'dueDate' | 'source'>[];
}

/** One location's position of a SKU. */
export interface LocationPosition {
  locationId: string;
  legalEntityId?: string;
  onHand: string;
  reserved: string;
  onHold: string;
  inTransit: string;
  inbound: InboundView;
  availableToPromise: string;
  seq: number;
  stockAsOf: string;
  updatedAt: string | null;
}

/** A SKU's positions and their totals. */
export interface InventoryPositions {
  sku: string;
  needBy?: string;
  locations: LocationPosition[];
  totals: Omit<
    LocationPosition,
    'locationId' | 'legalEntityId' | 'inbound' | 'seq' | 'stockAsOf' | 'updatedAt'
  > & {
    inbound: string;
  };
}

/** Which locations to read: named ones, those of a legal entity, or (neither) every location the ledger has. */
export interface PositionScope {
  locationIds?: string[];
  legalEntityId?: string;
  /** The legal entity's warehouses from its order policy (asked only when `legalEntityId` is given). */
  policyLocations?: (legalEntityId: string) => Promise<string[]>;
  needBy?: string;
}

const sum = (values: string[]) => values.reduce((a, b) => addDecimal(a, b), '0');

function locationPosition(
  locationId: string,
  head: StockPosition | undefined,
  supplies: InboundSupply[],
  needBy: string | undefined,
): LocationPosition {
  const onHand = head?.onHand ?? '0';
  const onHold = head?.held ?? '0';
  const reserved = head?.reserved ?? '0';
  const mine = supplies.filter((s) => s.locationId === locationId);
  const due = needBy === undefined ? [] : mine.filter((s) => s.dueDate <= needBy);
  const free = subtractDecimal(subtractDecimal(onHand, onHold), reserved);
  return {
    locationId,
    ...(head?.legalEntityId === undefined ? {} : { legalEntityId: head.legalEntityId }),
    onHand,
    reserved,
    onHold,
    inTransit: head?.inTransit ?? '0',
    inbound: {
      quantity: sum(mine.map((s) => s.quantity)),
      ...(mine[0] ? { nextDueDate: mine[0].dueDate } : {}),
      supplies: mine.map(({ id, quantity, dueDate, source }) => ({ id, quantity, dueDate, source })),
    },
    availableToPromise: addDecimal(free, sum(due.map((s) => s.quantity))),
    seq: head?.seq ?? 0,
    stockAsOf: head?.stockAsOf ?? '',
    updatedAt: head?.updatedAt ?? null,
  };
}

/** Reads the positions of `sku` in the scope's locations. */
export async function readInventoryPositions(
  ledger: Pick<StockLedger, 'position' | 'locationsOf' | 'openInbound'>,
  sku: string,
  scope: PositionScope = {},
): Promise<InventoryPositions> {
  const needBy = scope.needBy === undefined ? undefined : needByDate(scope.needBy);
  const held = await ledger.locationsOf(sku);
  let locationIds: string[];
  let heads: Map<string, StockPosition | undefined>;
  const readHeads = async (ids: string[]) =>
    new Map(
      await Promise.all(ids.map(async (id) => [id, await ledger.position({ sku, locationId: id })] as const)),
    );
  if (scope.locationIds) {
    locationIds = [...new Set(scope.locationIds)];
    heads = await readHeads(locationIds);
  } else {
    heads = await readHeads(held);
    locationIds = held;
    if (scope.legalEntityId !== undefined) {
      const entity = scope.legalEntityId;
      const policy = new Set(scope.policyLocations ? await scope.policyLocations(entity) : []);
      locationIds = [...new Set([...policy, ...held])].filter(
        (id) => policy.has(id) || heads.get(id)?.legalEntityId === entity,
      );
      const missing = locationIds.filter((id) => !heads.has(id));
      for (const [id, head] of await readHeads(missing)) heads.set(id, head);
    }
  }
  locationIds.sort((a, b) => a.localeCompare(b));
  const supplies = locationIds.length ? await ledger.openInbound(sku, locationIds) : [];
  const locations = locationIds.map((id) => locationPosition(id, heads.get(id), supplies, needBy));
  const total = (pick: (l: LocationPosition) => string) => sum(locations.map(pick));
  return {
    sku,
    ...(needBy === undefined ? {} : { needBy }),
    locations,
    totals: {
      onHand: total((l) => l.onHand),
      reserved: total((l) => l.reserved),
      onHold: total((l) => l.onHold),
      inTransit: total((l) => l.inTransit),
      inbound: total((l) => l.inbound.quantity),
      availableToPromise: total((l) => l.availableToPromise),
    },
  };
}

/** Whole units a channel may sell from a position: on hand − on hold − reserved, floored, never negative. */
export function sellableUnits(position: Pick<StockPosition, 'onHand' | 'held' | 'reserved'>): string {
  const free = subtractDecimal(subtractDecimal(position.onHand, position.held), position.reserved);
  if (compareDecimal(free, '0') <= 0) return '0';
  return free.split('.')[0] ?? '0';
}
