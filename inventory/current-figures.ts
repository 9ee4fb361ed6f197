/** Every position's sellable figure as an availability change, for a channel's first full figure set. */
import type { StockLedger } from '../platform/orders/stock-types';
import type { AvailabilityChange } from './channel-push/types';
import { sellableUnits } from './positions';

/** The current figures of the ledger's keys, each under its head's seq (so a newer change still wins). */
export function currentFigures(ledger: Pick<StockLedger, 'keys' | 'position'>) {
  return async (): Promise<AvailabilityChange[]> => {
    const out: AvailabilityChange[] = [];
    for (const key of await ledger.keys()) {
      const position = await ledger.position(key);
      if (!position) continue;
      out.push({
        sku: position.sku,
        locationId: position.locationId,
        available: sellableUnits(position),
        seq: position.seq,
        eventAt: position.updatedAt,
      });
    }
    return out;
  };
}
