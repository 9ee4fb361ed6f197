/** A Kafka topic the hub owns: created at start-up with these settings, never auto-created on first use. */
export interface TopicSpec {
  name: string;
  partitions: number;
  config: Record<string, string>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Every topic the hub produces to or consumes from. */
export const TOPICS = {
  smoke: {
    name: 'hub.smoke.v1',
    partitions: 3,
    config: { 'retention.ms': String(7 * DAY_MS), 'cleanup.policy': 'delete' },
  },
  /** Canonical events from verified webhooks (one message per event, keyed by document id, so a document's
   * events keep their order); the flows consume them. */
  inboundEvents: {
    name: 'hub.inbound-events.v1',
    partitions: 6,
    config: { 'retention.ms': String(14 * DAY_MS), 'cleanup.policy': 'delete' },
  },
  /** Shortages the order flow could not allocate (keyed by SKU); procure-to-receive turns them into purchases. */
  replenishmentSignals: {
    name: 'hub.replenishment-signals.v1',
    partitions: 3,
    config: { 'retention.ms': String(14 * DAY_MS), 'cleanup.policy': 'delete' },
  },
  /** Canonical InventoryMovement documents (inventory/publish.ts), keyed by `<sku>@<locationId>` so the movements
   * of one item in one location keep their order; the stock ledger applies them (consumers/inventory-movements.ts). */
  inventoryMovements: {
    name: 'hub.inventory-movements.v1',
    partitions: 6,
    config: { 'retention.ms': String(14 * DAY_MS), 'cleanup.policy': 'delete' },
  },
  /** Movements the ledger could not read, with their original bytes and key and `dlq-*` reason headers. */
  inventoryMovementsDlq: {
    name: 'hub.inventory-movements.dlq.v1',
    partitions: 1,
    config: { 'retention.ms': String(30 * DAY_MS), 'cleanup.policy': 'delete' },
  },
  /** Canonical LifecycleEvent documents of the order and PO flows (platform/lifecycle-events/), keyed by the
   * sales order's or PO's id so one document's events keep their order; analytics and other systems subscribe. */
  lifecycleEvents: {
    name: 'hub.lifecycle-events.v1',
    partitions: 6,
    config: { 'retention.ms': String(30 * DAY_MS), 'cleanup.policy': 'delete' },
  },
} as const satisfies Record<string, TopicSpec>;
