/**
 * The stock ledger's stored shape and the pure arithmetic over it. Every change of a key is an appended entry that
 * carries the running totals after it, so the head entry (highest `seq`) is the key's position and a reservation's
 * state is the sum of its entries.
 */
import { addDecimal, compareDecimal, subtractDecimal } from '../../canonical-model/decimal';
import { HubError } from '../errors';
import { minDecimal, sumDecimals } from './stock-quantity';
import type { ReservationState, StockKey, StockPosition } from './stock-types';

/** What a ledger entry did. */
export type LedgerOp = 'set-stock' | 'reserve' | 'release' | 'consume' | 'receive' | 'movement';

/** What a movement entry was asked to move, and whether it did (see MovementResult.applied). */
export interface MovementRecord {
  onHandDelta: string;
  heldDelta: string;
  /** What it added to (or took from) in transit to this location; absent on entries written before transfers. */
  inTransitDelta?: string;
  /** When the movement happened at the source. */
  occurredAt: string;
  applied: boolean;
}

/** One appended ledger entry: `_id` is the writer's opId (a reserve's opId is its reservation id). */
export interface LedgerEntry extends StockKey {
  _id: string;
  /** `<locationId>|<sku>`; (key, seq) is unique, which serialises the writers of one key. */
  key: string;
  seq: number;
  op: LedgerOp;
  /**
   * What the entry moved: reserved / released / taken off the reservation; the new on-hand for set-stock; the
   * signed on-hand change a movement applied ("0" when it applied nothing).
   */
  quantity: string;
  /** What was asked for (reserve, release, consume); consume lowers on hand by this much. */
  requested?: string;
  /** Reserve only: the available-to-promise the request saw (after protection), before it reserved. */
  availableBefore?: string;
  reservationId?: string;
  /** Movement entries only. */
  movement?: MovementRecord;
  orderId?: string;
  lineNumber?: number;
  onHand: string;
  held: string;
  reserved: string;
  /** Shipped to this location by a transfer and not yet received; absent on entries written before transfers. */
  inTransit?: string;
  /** The legal entity whose stock this is, from the latest movement that named it. */
  legalEntityId?: string;
  /** When the on-hand figure was last taken from the warehouse; empty while it never was. */
  stockAsOf: string;
  at: Date;
}

/** An entry before the ledger gives it its id, key, sequence number and time. */
export type EntryBody = Omit<LedgerEntry, '_id' | 'key' | 'seq' | 'at'>;

/** The ledger key of a SKU in a warehouse. */
export function ledgerKey(key: StockKey): string {
  return `${key.locationId}|${key.sku}`;
}

/** Rejects a location id that would make the `<locationId>|<sku>` key ambiguous. */
export function requireLocationId(locationId: unknown): string {
  if (typeof locationId === 'string' && locationId.trim() !== '' && !locationId.includes('|'))
    return locationId;
  throw new HubError('data', `locationId must be a non-empty string without "|"`, {
    fieldErrors: [{ path: '/locationId', message: 'must be a non-empty string without "|"' }],
  });
}

/** The running totals of a key, as every entry carries them. */
export type Totals = Pick<
  LedgerEntry,
  'sku' | 'locationId' | 'onHand' | 'held' | 'reserved' | 'inTransit' | 'legalEntityId' | 'stockAsOf'
>;

/** The totals of `head`, or the zero totals a key starts from before its first entry. */
export function totalsAfter(key: StockKey, head: LedgerEntry | undefined): Totals {
  return head ? totalsOf(head) : emptyTotals(key);
}

/** The totals a key starts from before its first entry. */
export function emptyTotals(key: StockKey): Totals {
  return { sku: key.sku, locationId: key.locationId, onHand: '0', held: '0', reserved: '0', stockAsOf: '' };
}

/** The position a head entry describes. */
export function positionOf(entry: LedgerEntry): StockPosition {
  return {
    sku: entry.sku,
    locationId: entry.locationId,
    onHand: entry.onHand,
    held: entry.held,
    reserved: entry.reserved,
    inTransit: entry.inTransit ?? '0',
    ...(entry.legalEntityId === undefined ? {} : { legalEntityId: entry.legalEntityId }),
    seq: entry.seq,
    stockAsOf: entry.stockAsOf,
    updatedAt: entry.at.toISOString(),
  };
}

/** A reservation's state from its entries (the reserve entry and any release/consume entries). */
export function reservationStateOf(reservationId: string, entries: readonly LedgerEntry[]): ReservationState {
  const reserve = entries.find((e) => e.op === 'reserve' && e._id === reservationId);
  if (!reserve) throw new HubError('bug', `reservation ${reservationId} has no reserve entry`);
  const moved = (op: LedgerOp) => sumDecimals(entries.filter((e) => e.op === op).map((e) => e.quantity));
  const released = moved('release');
  const consumed = moved('consume');
  return {
    sku: reserve.sku,
    locationId: reserve.locationId,
    reservationId,
    orderId: reserve.orderId ?? '',
    lineNumber: reserve.lineNumber ?? 0,
    reserved: reserve.quantity,
    released,
    consumed,
    outstanding: subtractDecimal(subtractDecimal(reserve.quantity, released), consumed),
  };
}

/** The entry that gives back `quantity` (default: all outstanding, never more) of a reservation. */
export function releaseEntry(
  head: LedgerEntry,
  state: ReservationState,
  quantity: string | undefined,
): EntryBody {
  const released = minDecimal(quantity ?? state.outstanding, state.outstanding);
  return {
    ...totalsOf(head),
    op: 'release',
    quantity: released,
    requested: quantity ?? state.outstanding,
    reservationId: state.reservationId,
    orderId: state.orderId,
    lineNumber: state.lineNumber,
    reserved: subtractDecimal(head.reserved, released),
  };
}

/** The entry that ships `quantity`: on hand drops by all of it, the reservation by at most what is outstanding. */
export function consumeEntry(head: LedgerEntry, state: ReservationState, quantity: string): EntryBody {
  const consumed = minDecimal(quantity, state.outstanding);
  return {
    ...totalsOf(head),
    op: 'consume',
    quantity: consumed,
    requested: quantity,
    reservationId: state.reservationId,
    orderId: state.orderId,
    lineNumber: state.lineNumber,
    onHand: subtractDecimal(head.onHand, quantity),
    reserved: subtractDecimal(head.reserved, consumed),
  };
}

/** The entry that records a reservation of `got` units (zero included, so a retry gets the same answer). */
export function reserveEntry(
  totals: Totals,
  request: { reservationId: string; quantity: string; orderId: string; lineNumber: number },
  got: string,
  availableBefore: string,
): EntryBody {
  return {
    ...totals,
    op: 'reserve',
    quantity: got,
    requested: request.quantity,
    availableBefore,
    reservationId: request.reservationId,
    orderId: request.orderId,
    lineNumber: request.lineNumber,
    reserved: addDecimal(totals.reserved, got),
  };
}

const SIGNED_DECIMAL = /^-?\d+(\.\d+)?$/;

/** Returns `value` when it is a signed plain decimal string ("-3", "2.5"); otherwise a `data` HubError at `path`. */
export function requireDelta(value: unknown, path: string): string {
  if (typeof value === 'string' && SIGNED_DECIMAL.test(value)) return value;
  throw new HubError('data', `${path} must be a signed decimal string, got ${JSON.stringify(value)}`, {
    fieldErrors: [{ path, message: 'must be a signed decimal string' }],
  });
}

/**
 * The entry of a movement: on hand and held change by the deltas, unless the movement happened before the key's
 * latest stock count (which already holds it), when it is recorded with `applied: false` and moves nothing.
 */
export function movementEntry(
  totals: Totals,
  input: {
    onHandDelta: string;
    heldDelta: string;
    inTransitDelta?: string;
    at: string;
    legalEntityId?: string;
  },
): EntryBody {
  const applied = !totals.stockAsOf || Date.parse(input.at) >= Date.parse(totals.stockAsOf);
  const inTransitDelta = input.inTransitDelta ?? '0';
  return {
    ...totals,
    ...(input.legalEntityId === undefined ? {} : { legalEntityId: input.legalEntityId }),
    op: 'movement',
    quantity: applied ? input.onHandDelta : '0',
    movement: {
      onHandDelta: input.onHandDelta,
      heldDelta: input.heldDelta,
      ...(input.inTransitDelta === undefined ? {} : { inTransitDelta: input.inTransitDelta }),
      occurredAt: input.at,
      applied,
    },
    onHand: applied ? addDecimal(totals.onHand, input.onHandDelta) : totals.onHand,
    held: applied ? addDecimal(totals.held, input.heldDelta) : totals.held,
    // In transit is not part of a warehouse count, so a count never absorbs it: it always moves.
    inTransit: addDecimal(totals.inTransit ?? '0', inTransitDelta),
  };
}

/** True when a stored movement asked for the same deltas as `input` (so `input` is a repeat of it). */
export function sameMovement(
  stored: MovementRecord | undefined,
  input: { onHandDelta: string; heldDelta: string; inTransitDelta?: string },
): boolean {
  return (
    stored !== undefined &&
    compareDecimal(stored.onHandDelta, input.onHandDelta) === 0 &&
    compareDecimal(stored.heldDelta, input.heldDelta) === 0 &&
    compareDecimal(stored.inTransitDelta ?? '0', input.inTransitDelta ?? '0') === 0
  );
}

/** The running totals of an entry (nothing else of it), to start the next entry from. */
export function totalsOf(head: LedgerEntry): Totals {
  return {
    sku: head.sku,
    locationId: head.locationId,
    onHand: head.onHand,
    held: head.held,
    reserved: head.reserved,
    ...(head.inTransit === undefined ? {} : { inTransit: head.inTransit }),
    ...(head.legalEntityId === undefined ? {} : { legalEntityId: head.legalEntityId }),
    stockAsOf: head.stockAsOf,
  };
}
