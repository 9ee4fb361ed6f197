import type { Registry } from 'prom-client';
import { Gauge } from 'prom-client';

/**
 * Registers `hub_edi_acknowledgements_overdue`: functional groups we sent whose 997 is past due, read from the
 * store at scrape time (store-wide, so aggregate with max()). A store that does not answer in time leaves the gauge
 * out of that scrape rather than failing it.
 */
export function registerOverdueAckGauge(
  registry: Registry,
  source: { countOverdue(): Promise<number> },
  onError: (err: unknown) => void = () => undefined,
  timeoutMs = 2_000,
): Gauge {
  return new Gauge({
    name: 'hub_edi_acknowledgements_overdue',
    help: 'Functional groups sent to trading partners whose 997 is overdue (store-wide, read at scrape time)',
    registers: [registry],
    async collect() {
      let timer: NodeJS.Timeout | undefined;
      try {
        const count = await Promise.race([
          source.countOverdue(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
        this.set(count);
      } catch (err) {
        this.reset();
        onError(err);
      } finally {
        clearTimeout(timer);
      }
    },
  });
}
