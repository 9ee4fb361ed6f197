import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../monitoring/logger';
import { recordedView, savesOf } from '../../monitoring/slo/recorded-views';
import { createStageMetrics } from '../../monitoring/slo/stage-metrics';
import type { ConnectorRuntime } from '../../platform/connector-runtime';
import type { EdiDeps } from '../../platform/edi/deps';
import type { StockLedger } from '../../platform/orders/stock-types';
import type { OrderView } from '../../workflows/order-to-cash/types';
import { createOrderActivities } from '.';

/** A store that keeps the newest version, answering 'stale' for an older one, as the real projection does. */
function memoryStore() {
  const views = new Map<string, OrderView>();
  return {
    get: (id: string) => Promise.resolve(views.get(id)),
    save: (view: OrderView) => {
      const stored = views.get(view.orderId);
      if (stored && stored.version >= view.version) return Promise.resolve('stale' as const);
      views.set(view.orderId, view);
      return Promise.resolve(stored ? ('replaced' as const) : ('inserted' as const));
    },
  };
}

describe('saveOrderView counts business stages from the views it saves', () => {
  it('observes received→released and shipped→invoiced once each, through retried and stale saves', async () => {
    const registry = new Registry();
    const stages = createStageMetrics(registry);
    const activities = createOrderActivities({
      runtime: {} as ConnectorRuntime,
      ledger: {} as StockLedger,
      orders: memoryStore(),
      edi: {} as EdiDeps,
      producer: { send: () => Promise.resolve(undefined) },
      logger: createLogger('test', 'silent'),
      stages,
    });
    const saves = savesOf(recordedView<OrderView>('order-to-cash', 'full-order'));
    // Each save twice (a retried activity), and an old one again at the end (a late, stale save).
    for (const view of [...saves.flatMap((v) => [v, v]), saves[0]!]) await activities.saveOrderView(view);

    /** The value per stage of a counter, or of a histogram's `_count` series. */
    const counts = async (name: string) => {
      const { values } = await registry.getSingleMetric(name)!.get();
      const series = (
        values as { metricName?: string; labels: Record<string, unknown>; value: number }[]
      ).filter((v) => v.metricName === undefined || v.metricName === `${name}_count`);
      return Object.fromEntries(series.map((v) => [String(v.labels.stage), v.value]));
    };
    expect(await counts('hub_stage_volume_total')).toEqual({
      'order.received→released': 1,
      'order.shipped→invoiced': 1,
    });
    expect(await counts('hub_stage_seconds')).toEqual({
      'order.received→released': 1,
      'order.shipped→invoiced': 1,
    });
  });
});
