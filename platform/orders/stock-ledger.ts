/**
 * The stock ledger over MongoDB / FerretDB v1: an append-only collection of entries per `<locationId>|<sku>` key,
 * serialised by a unique (key, seq) index and made idempotent by `_id` = opId (see stock-ledger-append.ts). No
 * document is ever updated, so the lost updates of FerretDB v1 cannot over-promise a unit.
 */
import type { Collection, Db } from 'mongodb';
import { compareDecimal, subtractDecimal, addDecimal } from '../../canonical-model/decimal';
import { COLLECTIONS } from '../collections';
import { HubError } from '../errors';
import { appendEntry, backfillMarkers, headOf } from './stock-ledger-append';
import type { LedgerCollections, SeqMarker } from './stock-ledger-append';
import {
  consumeEntry,
  emptyTotals,
  movementEntry,
  positionOf,
  releaseEntry,
  requireDelta,
  requireLocationId,
  reservationStateOf,
  reserveEntry,
  sameMovement,
  totalsAfter,
} from './stock-ledger-entries';
import type { EntryBody, LedgerEntry } from './stock-ledger-entries';
import { createInboundSupplyStore } from './stock-inbound';
import { createStockLocations } from './stock-locations';
import { atLeastZero, requireQuantity, requireText } from './stock-quantity';
import type { Availability, ReservationState, ReserveRequest, StockKey, StockLedger } from './stock-types';

function requireKey(key: StockKey): StockKey {
  return { sku: requireText(key.sku, '/sku'), locationId: requireLocationId(key.locationId) };
}

function requireTimestamp(value: unknown, path: string): string {
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return value;
  throw new HubError('data', `${path} must be an ISO 8601 timestamp`, {
    fieldErrors: [{ path, message: 'must be an ISO 8601 timestamp' }],
  });
}

/** The reservation a reserve request asks for, validated. */
function requireReserve(request: ReserveRequest): ReserveRequest {
  requireKey(request);
  requireText(request.reservationId, '/reservationId');
  requireText(request.orderId, '/orderId');
  requireQuantity(request.quantity, '/quantity');
  if (request.protectedQuantity !== undefined)
    requireQuantity(request.protectedQuantity, '/protectedQuantity');
  if (!Number.isInteger(request.lineNumber)) {
    throw new HubError('data', '/lineNumber must be an integer', {
      fieldErrors: [{ path: '/lineNumber', message: 'must be an integer' }],
    });
  }
  return request;
}

/** Builds the stock ledger over `COLLECTIONS.stockLedger` and `COLLECTIONS.inboundSupply` of `db`. */
export function createStockLedger(db: Db): StockLedger {
  const entries: Collection<LedgerEntry> = db.collection(COLLECTIONS.stockLedger);
  const store: LedgerCollections = {
    entries,
    markers: db.collection<SeqMarker>(COLLECTIONS.stockLedgerSeq),
    bases: db.collection<{ _id: string; seq: number }>(COLLECTIONS.stockLedgerSeq),
    heads: new Map(),
  };
  const inbound = createInboundSupplyStore(db);
  const locations = createStockLocations(db);
  /** Every write goes through here: the location is on the registry before the ledger has an entry there. */
  const append = async (...args: Parameters<typeof appendEntry>) => {
    await locations.note(args[3].locationId);
    return appendEntry(...args);
  };

  const inboundDue = async (sku: string, locationIds: string[], needBy: string | undefined) =>
    needBy === undefined ? new Map<string, string>() : inbound.dueBy(sku, locationIds, needBy);

  /** A reservation's entries up to and including `seq` (its state as of that entry of its key). */
  const stateAsOf = async (reservationId: string, seq: number): Promise<ReservationState> =>
    reservationStateOf(reservationId, await entries.find({ reservationId, seq: { $lte: seq } }).toArray());

  /** Appends a release or consume entry against a reservation, re-reading its state on every try. */
  const settleReservation = async (
    op: 'release' | 'consume',
    opId: string,
    reservationId: string,
    compute: (head: LedgerEntry, state: ReservationState) => EntryBody,
  ): Promise<ReservationState | undefined> => {
    const reserve = await entries.findOne({ _id: reservationId, op: 'reserve' });
    if (!reserve) return undefined;
    const outcome = await append(store, opId, op, reserve, async (head) => {
      // The head is read first, so an entry appended after it makes this insert lose its seq and try again.
      const current = head ?? reserve;
      return compute(current, await stateAsOf(reservationId, current.seq));
    });
    if (outcome.kind === 'skipped') throw new HubError('bug', `${op} ${opId} wrote nothing`);
    if (outcome.entry.reservationId !== reservationId) {
      throw new HubError(
        'data',
        `opId ${opId} was already used for reservation ${outcome.entry.reservationId}`,
        {
          fieldErrors: [{ path: '/opId', message: 'already used for another reservation' }],
        },
      );
    }
    return stateAsOf(reservationId, outcome.entry.seq);
  };

  return {
    async ensureIndexes() {
      // One by one: a multi-index createIndexes can drop the connection on FerretDB.
      await entries.createIndex({ key: 1, seq: 1 }, { name: 'stock_ledger_key_seq_unique', unique: true });
      await entries.createIndex({ reservationId: 1 }, { name: 'stock_ledger_reservation' });
      await entries.createIndex({ orderId: 1 }, { name: 'stock_ledger_order' });
      await inbound.ensureIndexes();
      await backfillMarkers(store);
      await locations.backfill(entries);
    },

    async setStock(input) {
      const key = requireKey(input);
      const opId = requireText(input.opId, '/opId');
      const onHand = requireQuantity(input.onHand, '/onHand');
      const held = requireQuantity(input.held, '/held');
      const asOf = requireTimestamp(input.asOf, '/asOf');
      const outcome = await append(store, opId, 'set-stock', key, (head) => {
        // A count older than the one the ledger holds (a late or replayed snapshot) must not roll it back.
        if (head?.stockAsOf && Date.parse(asOf) < Date.parse(head.stockAsOf)) return undefined;
        return {
          ...totalsAfter(key, head),
          op: 'set-stock',
          quantity: onHand,
          onHand,
          held,
          stockAsOf: asOf,
        };
      });
      if (outcome.kind !== 'skipped') return positionOf(outcome.entry);
      if (!outcome.head) throw new HubError('bug', `set-stock ${opId} skipped on an empty key`);
      return positionOf(outcome.head);
    },

    async position(key) {
      const head = await headOf(store, requireKey(key));
      return head ? positionOf(head) : undefined;
    },

    async locationsOf(sku) {
      requireText(sku, '/sku');
      const all = await locations.list();
      const heads = await Promise.all(all.map((locationId) => headOf(store, { sku, locationId })));
      return all.filter((_, i) => heads[i] !== undefined);
    },

    async keys() {
      // `<locationId>|<sku>`: a canonical location id has no "|", a SKU may.
      const keys = await entries.distinct('key', {});
      return keys
        .filter((k): k is string => typeof k === 'string' && k.includes('|'))
        .sort()
        .map((k) => ({ locationId: k.slice(0, k.indexOf('|')), sku: k.slice(k.indexOf('|') + 1) }));
    },

    openInbound: (sku, locationIds) => inbound.open(requireText(sku, '/sku'), locationIds),

    async availability(sku, locationIds, needBy) {
      requireText(sku, '/sku');
      const due = await inboundDue(sku, locationIds, needBy);
      return Promise.all(
        locationIds.map(async (locationId): Promise<Availability> => {
          const totals = (await headOf(store, { sku, locationId })) ?? emptyTotals({ sku, locationId });
          const inboundQty = due.get(locationId) ?? '0';
          const free = subtractDecimal(subtractDecimal(totals.onHand, totals.held), totals.reserved);
          return {
            sku,
            locationId,
            onHand: totals.onHand,
            held: totals.held,
            reserved: totals.reserved,
            inboundDue: inboundQty,
            available: addDecimal(free, inboundQty),
          };
        }),
      );
    },

    async reserve(input) {
      const request = requireReserve(input);
      const due = (await inboundDue(request.sku, [request.locationId], request.needBy)).get(
        request.locationId,
      );
      const outcome = await append(store, request.reservationId, 'reserve', request, (head) => {
        const totals = totalsAfter(request, head);
        const free = subtractDecimal(subtractDecimal(totals.onHand, totals.held), totals.reserved);
        const available = atLeastZero(
          subtractDecimal(addDecimal(free, due ?? '0'), request.protectedQuantity ?? '0'),
        );
        const enough = compareDecimal(available, request.quantity) >= 0;
        const got = enough ? request.quantity : request.allowPartial ? available : '0';
        return reserveEntry(totals, request, got, available);
      });
      if (outcome.kind === 'skipped')
        throw new HubError('bug', `reserve ${request.reservationId} wrote nothing`);
      const { entry } = outcome;
      return {
        reservationId: entry._id,
        reserved: entry.quantity,
        availableBefore: entry.availableBefore ?? '0',
      };
    },

    async release(input) {
      const opId = requireText(input.opId, '/opId');
      const reservationId = requireText(input.reservationId, '/reservationId');
      const quantity =
        input.quantity === undefined ? undefined : requireQuantity(input.quantity, '/quantity');
      const state = await settleReservation('release', opId, reservationId, (head, current) =>
        releaseEntry(head, current, quantity),
      );
      // A reservation never made has nothing to give back: releasing it is a no-op (a compensation may run blind).
      return (
        state ?? {
          sku: '',
          locationId: '',
          reservationId,
          orderId: '',
          lineNumber: 0,
          reserved: '0',
          released: '0',
          consumed: '0',
          outstanding: '0',
        }
      );
    },

    async consume(input) {
      const opId = requireText(input.opId, '/opId');
      const reservationId = requireText(input.reservationId, '/reservationId');
      const quantity = requireQuantity(input.quantity, '/quantity');
      const state = await settleReservation('consume', opId, reservationId, (head, current) =>
        consumeEntry(head, current, quantity),
      );
      if (state) return state;
      throw new HubError('data', `reservation ${reservationId} does not exist`, {
        fieldErrors: [{ path: '/reservationId', message: 'no such reservation' }],
      });
    },

    async receive(input) {
      const key = requireKey(input);
      const opId = requireText(input.opId, '/opId');
      const quantity = requireQuantity(input.quantity, '/quantity');
      const outcome = await append(store, opId, 'receive', key, (head) => {
        const totals = totalsAfter(key, head);
        return { ...totals, op: 'receive', quantity, onHand: addDecimal(totals.onHand, quantity) };
      });
      if (outcome.kind === 'skipped') throw new HubError('bug', `receive ${opId} wrote nothing`);
      return positionOf(outcome.entry);
    },

    async applyMovement(input) {
      const key = requireKey(input);
      const opId = requireText(input.opId, '/opId');
      const deltas = {
        onHandDelta: requireDelta(input.onHandDelta, '/onHandDelta'),
        heldDelta: requireDelta(input.heldDelta, '/heldDelta'),
        ...(input.inTransitDelta === undefined
          ? {}
          : { inTransitDelta: requireDelta(input.inTransitDelta, '/inTransitDelta') }),
        ...(input.legalEntityId === undefined
          ? {}
          : { legalEntityId: requireText(input.legalEntityId, '/legalEntityId') }),
        at: requireTimestamp(input.at, '/at'),
      };
      const outcome = await append(store, opId, 'movement', key, (head) =>
        movementEntry(totalsAfter(key, head), deltas),
      );
      if (outcome.kind === 'skipped') throw new HubError('bug', `movement ${opId} wrote nothing`);
      const { entry } = outcome;
      if (outcome.kind === 'replayed' && !sameMovement(entry.movement, deltas)) {
        throw new HubError('data', `opId ${opId} was already applied with other quantities`, {
          fieldErrors: [{ path: '/opId', message: 'already applied with other deltas' }],
        });
      }
      return {
        ...positionOf(entry),
        applied: entry.movement?.applied ?? false,
        replayed: outcome.kind === 'replayed',
      };
    },

    async reservationsOf(orderId) {
      const all = await entries.find({ orderId: requireText(orderId, '/orderId') }).toArray();
      const ids = [...new Set(all.filter((e) => e.op === 'reserve').map((e) => e._id))];
      return ids
        .map((id) =>
          reservationStateOf(
            id,
            all.filter((e) => e.reservationId === id),
          ),
        )
        .sort((a, b) => a.lineNumber - b.lineNumber || a.reservationId.localeCompare(b.reservationId));
    },

    addInbound: (supply) => inbound.add(supply),
    settleInbound: (id, status) => inbound.settle(id, status),
  };
}
