/**
 * The availability watch: after every stock ledger write that can change what a channel may sell — a stock count,
 * a movement, a reservation, its release or shipment, a receipt — it notes the key's sellable figure (on hand −
 * held − reserved, whole units) under the sequence number of the entry that gave it: the write's own entry when
 * the ledger returns it, else the key's head read afterwards. The propagation keeps the
 * highest sequence per key, so two writers noting out of order never make an older figure win. A failed note fails
 * the write's caller, whose retry repeats the write (idempotent by op id) and the note.
 */
import type { StockKey, StockLedger, StockPosition } from '../platform/orders/stock-types';
import type { AvailabilityChange } from './channel-push/types';
import { sellableUnits } from './positions';

/** Where availability changes go (the channel propagation's `noteChange`). */
export type NoteAvailability = (change: AvailabilityChange) => Promise<void>;

/** The ledger with the availability note after each write; `now` gives the event time of writes without one. */
export function watchAvailability(
  ledger: StockLedger,
  note: NoteAvailability,
  now: () => Date = () => new Date(),
): StockLedger {
  const noteOf = async (position: StockPosition, eventAt: string) =>
    note({
      sku: position.sku,
      locationId: position.locationId,
      available: sellableUnits(position),
      seq: position.seq,
      eventAt,
    });
  const noteKey = async (key: StockKey, eventAt = now().toISOString()) => {
    if (!key.sku || !key.locationId) return;
    const position = await ledger.position(key);
    if (position) await noteOf(position, eventAt);
  };
  return {
    ...ledger,
    async setStock(input) {
      const position = await ledger.setStock(input);
      await noteOf(position, input.asOf);
      return position;
    },
    async applyMovement(input) {
      const result = await ledger.applyMovement(input);
      // The movement's own entry (or the earlier one of a replay): a later write notes its own, higher seq.
      await noteOf(result, input.at);
      return result;
    },
    async reserve(request) {
      const result = await ledger.reserve(request);
      await noteKey(request);
      return result;
    },
    async release(input) {
      const state = await ledger.release(input);
      await noteKey(state);
      return state;
    },
    async consume(input) {
      const state = await ledger.consume(input);
      await noteKey(state);
      return state;
    },
    async receive(input) {
      const position = await ledger.receive(input);
      await noteOf(position, now().toISOString());
      return position;
    },
  };
}
