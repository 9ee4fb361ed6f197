/** The metrics of channel propagation, on the registry the hub passes in. */
import { Counter, Gauge, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';

/** What a setInventory call came to: ok, or the kind of its failure. */
export type PushOutcome = 'ok' | 'rate-limited' | 'transient' | 'refused' | 'config' | 'bug';

/** The propagation's instruments. */
export interface PushMetrics {
  lag: Histogram<'connector'>;
  pushes: Counter<'connector' | 'outcome'>;
}

/**
 * Registers `hub_inventory_push_lag_seconds`, `hub_inventory_pushes_total` and `hub_inventory_push_waiting_keys`
 * (read from the store at scrape time, so every replica reports the same store-wide numbers: aggregate with max()).
 */
export function registerPushMetrics(
  registry: Registry,
  waiting: () => Promise<{ connectorId: string; count: number }[]>,
  onError: (err: unknown) => void,
): PushMetrics {
  new Gauge({
    name: 'hub_inventory_push_waiting_keys',
    help: 'SKU × location keys whose latest availability a commerce channel has not been given yet (store-wide)',
    labelNames: ['connector'],
    registers: [registry],
    async collect() {
      let timer: NodeJS.Timeout | undefined;
      try {
        // A scrape must not hang on a database that is down.
        const rows = await Promise.race([
          waiting(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error('no answer within 2000 ms')), 2_000);
          }),
        ]);
        this.reset();
        for (const row of rows) this.set({ connector: row.connectorId }, row.count);
      } catch (err) {
        this.reset();
        onError(err);
      } finally {
        clearTimeout(timer);
      }
    },
  });
  return {
    lag: new Histogram({
      name: 'hub_inventory_push_lag_seconds',
      help: 'Source event time of the availability a channel was given → the channel confirmed it, per key pushed',
      labelNames: ['connector'],
      buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900],
      registers: [registry],
    }),
    pushes: new Counter({
      name: 'hub_inventory_pushes_total',
      help: 'setInventory calls to commerce channels, by outcome (ok or the kind of failure)',
      labelNames: ['connector', 'outcome'],
      registers: [registry],
    }),
  };
}
