import { Registry, collectDefaultMetrics, Counter, Histogram } from 'prom-client';

/** The Prometheus registry of one process and the hub metrics written to it. */
export interface HubMetrics {
  registry: Registry;
  httpRequests: Histogram<'method' | 'route' | 'status'>;
  smokeEventsConsumed: Counter<'topic'>;
}

/** Creates a registry with the default process metrics and the hub's own; one per process, never global. */
export function createMetrics(service: 'api' | 'worker'): HubMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequests: new Histogram({
      name: 'hub_http_request_duration_seconds',
      help: 'HTTP requests served by the hub API, by route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    smokeEventsConsumed: new Counter({
      name: 'hub_smoke_events_consumed_total',
      help: 'Stack smoke events read back from Kafka by the worker',
      labelNames: ['topic'],
      registers: [registry],
    }),
  };
}
