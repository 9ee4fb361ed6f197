/**
 * `hub_inventory_discrepancies_open{legalEntity,cause}`: open and exception discrepancies, read from the store at
 * scrape time so every process reports the same store-wide numbers (aggregate with max(), not sum()).
 */
import { Gauge } from 'prom-client';
import type { Registry } from 'prom-client';
import type { ReconciliationStore } from './reconcile-store';

/** Registers the gauge on `registry`; a store that does not answer within `timeoutMs` leaves it empty. */
export function registerDiscrepancyGauge(
  registry: Registry,
  store: Pick<ReconciliationStore, 'openCounts'>,
  onError: (err: unknown) => void = () => undefined,
  timeoutMs = 2_000,
): Gauge<'legalEntity' | 'cause'> {
  return new Gauge({
    name: 'hub_inventory_discrepancies_open',
    help: 'Inventory discrepancies open or in exception, by legal entity and likely cause (read at scrape time)',
    labelNames: ['legalEntity', 'cause'],
    registers: [registry],
    async collect() {
      let timer: NodeJS.Timeout | undefined;
      try {
        const counts = await Promise.race([
          store.openCounts(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
        this.reset();
        for (const c of counts) this.set({ legalEntity: c.legalEntityId, cause: c.cause }, c.count);
      } catch (err) {
        this.reset();
        onError(err);
      } finally {
        clearTimeout(timer);
      }
    },
  });
}
