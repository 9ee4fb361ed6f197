/** The shapes shared by the channel propagation: the change it is told about, what it stores, what it needs. */
import type { Db } from 'mongodb';
import type { Registry } from 'prom-client';
import type { DeadLetterStore } from '../../platform/dead-letters';
import type { ConnectorRuntime } from '../../platform/connector-runtime';
import type { ConnectorStore } from '../../platform/connector-store-types';
import type { HubLogger } from '../../monitoring/logger';

/**
 * A change of what one SKU can be sold from one location. `seq` is the stock ledger's per-key sequence number
 * (StockPosition.seq, strictly increasing per sku+location); `eventAt` is the source event's time (ISO) for the
 * lag metric.
 */
export interface AvailabilityChange {
  sku: string;
  locationId: string;
  available: string;
  seq: number;
  eventAt: string;
}

/**
 * One noted change for one channel, immutable: `_id` is `<key id>#<seq>`, so noting it again is a duplicate insert
 * and two changes never overwrite each other (FerretDB v1 applies updates without isolation; an insert under a
 * unique _id is its one atomic step). Removed once the channel has a figure at least this new.
 */
export interface ChangeDocument {
  _id: string;
  connectorId: string;
  /** The key's id (see keyId). */
  key: string;
  sku: string;
  locationId: string;
  available: string;
  seq: number;
  eventAt: Date;
  notedAt: Date;
}

/**
 * What one channel has of one (SKU, location): the seq and figure it was last given, or the seq it refused.
 * Written only by the holder of the channel's lease, so writes never race.
 */
export interface ChannelKeyDocument {
  /** The key's id (see keyId). */
  _id: string;
  connectorId: string;
  sku: string;
  locationId: string;
  pushedSeq?: number;
  pushedAvailable?: string;
  pushedAt?: Date;
  /** Source event time of the pushed figure. */
  pushedEventAt?: Date;
  /** The seq the channel refused as bad data (dead-lettered); only a newer change is tried again. */
  parkedSeq?: number;
  updatedAt: Date;
}

/**
 * One term of a channel's lease: `_id` is `<connectorId>#<term>`. Taking a channel over is inserting the next
 * term, so of two replicas that both see a lease run out only one gets it.
 */
export interface LeaseDocument {
  _id: string;
  connectorId: string;
  term: number;
  holder: string;
  leaseUntil: Date;
  releasedAt?: Date;
}

/** Back-off of one connector, shared by every replica (written by the lease holder). */
export interface ChannelStateDocument {
  _id: string;
  /** No push to this connector before this instant. */
  blockedUntil: Date;
  /** Failed pushes in a row (429/5xx/config), for the exponential back-off. */
  failures: number;
  lastError?: string;
  /** When a pusher first saw the connector listed. */
  firstSeenAt?: Date;
  /** When every position at its locations was noted for it (the connector's first full figure set). */
  syncedAt?: Date;
  updatedAt: Date;
}

/** The current figure of every key the hub holds, as noteChange takes them (see inventory/current-figures.ts). */
export type CurrentFigures = () => Promise<AvailabilityChange[]>;

/** What the propagation needs from the hub. */
export interface ChannelPropagationDeps {
  db: Db;
  /** Builds commerce connector instances and resolves location cross-references per connector. */
  runtime: Pick<ConnectorRuntime, 'instance' | 'writeContext'>;
  /** Which commerce connectors the hub has (listed by kind). */
  connectors: Pick<ConnectorStore, 'list'>;
  deadLetters: Pick<DeadLetterStore, 'record' | 'markResolved'>;
  logger: HubLogger;
  /** prom-client registry the metrics are registered on. */
  registry: Registry;
  /**
   * Every key's current figure at a location: a channel the pushers see for the first time is given them all, so
   * a new web store starts from the hub's positions, and no change noted while a cache did not list it is lost.
   * Without it a new channel only gets the changes after it was listed.
   */
  currentFigures?: CurrentFigures;
  /** Tuning; every field has a default. */
  tuning?: Partial<PropagationTuning>;
}

/** The timings of coalescing, throttling, leasing and back-off, in milliseconds. */
export interface PropagationTuning {
  /** A change waits this long before it is due, so a burst is pushed as one figure. */
  coalesceMs: number;
  /** At most one push of a key per this interval; changes in between are coalesced into the next. */
  minPushIntervalMs: number;
  /** How long a channel belongs to one pusher without renewal; a push is abandoned before the lease ends. */
  leaseMs: number;
  /** How long the pusher sleeps when nothing is due. */
  pollMs: number;
  /** Most keys of one connector in one setInventory call. */
  batchSize: number;
  /** How long the list of commerce connectors and their location mappings are cached. */
  topologyTtlMs: number;
  /** First back-off of a connector after a 5xx (doubled per failure in a row, capped by maxBackoffMs). */
  initialBackoffMs: number;
  maxBackoffMs: number;
}

/** The defaults: pushes within about a second of a change, at most one per key per second. */
export const DEFAULT_TUNING: Readonly<PropagationTuning> = Object.freeze({
  coalesceMs: 200,
  minPushIntervalMs: 1_000,
  leaseMs: 30_000,
  pollMs: 200,
  batchSize: 100,
  topologyTtlMs: 10_000,
  initialBackoffMs: 1_000,
  maxBackoffMs: 60_000,
});

/** Names of the two collections (owned here until the lead moves them into platform/collections.ts). */
export const CHANNEL_COLLECTIONS = {
  keys: 'channel_inventory',
  changes: 'channel_inventory_changes',
  leases: 'channel_inventory_leases',
  channels: 'channel_inventory_channels',
} as const;
