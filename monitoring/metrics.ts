import { Registry, collectDefaultMetrics, Counter, Gauge, Histogram } from 'prom-client';

/** The Prometheus registry of one process and the hub metrics written to it. */
export interface HubMetrics {
  registry: Registry;
  httpRequests: Histogram<'method' | 'route' | 'status'>;
  smokeEventsConsumed: Counter<'topic'>;
  /** Activity attempts after the first, by activity and the error kind that caused the retry. */
  retries: Counter<'activity' | 'kind'>;
  /** Calls connectors make to external systems; outcome is `ok` or the error kind. */
  connectorCalls: Counter<'connector' | 'operation' | 'outcome'>;
  connectorCallSeconds: Histogram<'connector' | 'operation' | 'outcome'>;
  /** Inbound deliveries recognised as duplicates and not applied a second time. */
  inboundDuplicates: Counter<'source'>;
  masterDataUpdates: Counter<'object_type' | 'outcome'>;
  webhooks: Counter<'connector_type' | 'outcome'>;
  /** EDI interchanges received and sent, by direction and outcome. */
  ediInterchanges: Counter<'direction' | 'status'>;
  /** EDI transaction sets, by set id, direction and outcome. */
  ediTransactionSets: Counter<'set' | 'direction' | 'status'>;
  /** Bytes of EDI interchanges received and sent. */
  ediBytes: Counter<'direction'>;
  /** Orders escalated to a person, by reason. */
  orderEscalations: Counter<'reason'>;
  /** Purchase orders and proposals escalated to a person, by reason. */
  purchaseEscalations: Counter<'reason'>;
  /** Lifecycle events that failed their schema and were not published (a bug). */
  lifecycleEventsInvalid: Counter<'event_type'>;
  /** Inventory movement: source event time → position stored in the hub's ledger. */
  inventoryEventLag: Histogram<'movement_type'>;
  /** Messages a consumer group has not yet committed, per topic and partition (high watermark − committed). */
  consumerLag: Gauge<'group' | 'topic' | 'partition'>;
}

/** Creates a registry with the default process metrics and the hub's own; one per process, never global. */
export function createMetrics(service: 'api' | 'worker'): HubMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    lifecycleEventsInvalid: new Counter({
      name: 'hub_lifecycle_events_invalid_total',
      help: 'Lifecycle events that failed their schema and were not published (a bug)',
      labelNames: ['event_type'],
      registers: [registry],
    }),
    inventoryEventLag: new Histogram({
      name: 'hub_inventory_event_lag_seconds',
      help: 'Inventory movements: source event time to position updated in the hub, by movement type',
      labelNames: ['movement_type'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600],
      registers: [registry],
    }),
    consumerLag: new Gauge({
      name: 'hub_kafka_consumer_lag',
      help: 'Messages not yet committed by a consumer group, per topic and partition (high watermark - committed)',
      labelNames: ['group', 'topic', 'partition'],
      registers: [registry],
    }),
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
    retries: new Counter({
      name: 'hub_retries_total',
      help: 'Activity attempts after the first, by activity and the error kind of the failed attempt (unknown when the previous attempt timed out or ran on another worker)',
      labelNames: ['activity', 'kind'],
      registers: [registry],
    }),
    connectorCalls: new Counter({
      name: 'hub_connector_calls_total',
      help: 'Calls connectors made to external systems, by outcome (ok or the error kind)',
      labelNames: ['connector', 'operation', 'outcome'],
      registers: [registry],
    }),
    connectorCallSeconds: new Histogram({
      name: 'hub_connector_call_seconds',
      help: 'Duration of calls connectors made to external systems, by outcome (ok or the error kind)',
      labelNames: ['connector', 'operation', 'outcome'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    inboundDuplicates: new Counter({
      name: 'hub_inbound_duplicates_total',
      help: 'Inbound deliveries recognised as duplicates and not applied again, by source',
      labelNames: ['source'],
      registers: [registry],
    }),
    masterDataUpdates: new Counter({
      name: 'hub_master_data_updates_total',
      help: 'Master-data updates received, by object type and outcome (applied, unchanged, stale, duplicate, held)',
      labelNames: ['object_type', 'outcome'],
      registers: [registry],
    }),
    webhooks: new Counter({
      name: 'hub_webhooks_total',
      help: 'Webhooks received, by connector type and outcome (accepted, unpublished, failed, duplicate, rejected-*)',
      labelNames: ['connector_type', 'outcome'],
      registers: [registry],
    }),
    ediInterchanges: new Counter({
      name: 'hub_edi_interchanges_total',
      help: 'EDI interchanges, by direction and outcome (accepted, partially-accepted, rejected, duplicate, unreadable, sent, …)',
      labelNames: ['direction', 'status'],
      registers: [registry],
    }),
    ediTransactionSets: new Counter({
      name: 'hub_edi_transaction_sets_total',
      help: 'EDI transaction sets, by X12 set id, direction and outcome (accepted, rejected, failed, test, sent, …)',
      labelNames: ['set', 'direction', 'status'],
      registers: [registry],
    }),
    ediBytes: new Counter({
      name: 'hub_edi_bytes_total',
      help: 'Bytes of EDI interchanges received and sent, by direction',
      labelNames: ['direction'],
      registers: [registry],
    }),
    orderEscalations: new Counter({
      name: 'hub_order_escalations_total',
      help: 'Orders escalated to a person (hold not decided in time, shipment overdue), by reason',
      labelNames: ['reason'],
      registers: [registry],
    }),
    purchaseEscalations: new Counter({
      name: 'hub_purchase_escalations_total',
      help: 'Purchase orders and proposals escalated to a person (approval or acknowledgement overdue, …), by reason',
      labelNames: ['reason'],
      registers: [registry],
    }),
  };
}

/** One row of the dead-letter counts the `hub_dead_letters` gauge reports. */
export interface DeadLetterCount {
  connectorId?: string;
  flow: string;
  status: string;
  count: number;
}

/** Label value for dead letters that did not come from a connector (hub-internal flows such as the smoke run). */
export const NO_CONNECTOR = 'none';

/**
 * Registers `hub_dead_letters{connector,flow,status}` on `registry`; it asks `source` at scrape time, so every
 * worker reports the same store-wide numbers (aggregate with max(), not sum()). When the store cannot answer within
 * `timeoutMs`, the scrape still succeeds without the gauge and `onError` is told why.
 */
export function registerDeadLetterGauge(
  registry: Registry,
  source: { countsByConnectorFlowStatus(): Promise<DeadLetterCount[]> },
  onError: (err: unknown) => void = () => undefined,
  timeoutMs = 2_000,
): Gauge<'connector' | 'flow' | 'status'> {
  return new Gauge({
    name: 'hub_dead_letters',
    help: 'Dead-letter records in the store, by connector, flow and status (store-wide, read at scrape time)',
    labelNames: ['connector', 'flow', 'status'],
    registers: [registry],
    async collect() {
      let counts: DeadLetterCount[];
      let timer: NodeJS.Timeout | undefined;
      try {
        // A scrape must not hang on a database that is down (the driver waits seconds to select a server).
        counts = await Promise.race([
          source.countsByConnectorFlowStatus(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
      } catch (err) {
        this.reset();
        onError(err);
        return;
      } finally {
        clearTimeout(timer);
      }
      this.reset();
      for (const c of counts) {
        this.set({ connector: c.connectorId ?? NO_CONNECTOR, flow: c.flow, status: c.status }, c.count);
      }
    },
  });
}
