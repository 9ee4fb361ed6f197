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
} as const satisfies Record<string, TopicSpec>;
