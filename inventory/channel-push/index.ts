/**
 * Propagation of available-to-promise to commerce channels, coalesced per (channel, SKU, location): the stock
 * ledger notes each change; pushers send each key's latest figure in whole units, never an older one after a
 * newer one. See ARCHITECTURE.md.
 */
import { checkChange } from './change';
import { createChannels } from './channels';
import { createChannelStateStore } from './channel-state';
import { createChangeLog } from './change-log';
import { createLeases } from './lease';
import { registerPushMetrics } from './metrics';
import { createPushedState } from './pushed-state';
import { startPusher } from './pusher';
import type { RunningPusher } from './pusher';
import { DEFAULT_TUNING } from './types';
import type { AvailabilityChange, ChannelPropagationDeps, PropagationTuning } from './types';

export { wholeUnits } from './change';
export { keyId } from './change-log';
export { parkedWorkflowId, PUSH_STEP } from './park';
export { CHANNEL_COLLECTIONS, DEFAULT_TUNING } from './types';
export type {
  AvailabilityChange,
  ChangeDocument,
  ChannelKeyDocument,
  LeaseDocument,
  ChannelPropagationDeps,
  ChannelStateDocument,
  PropagationTuning,
} from './types';
export type { RunningPusher } from './pusher';

/** The propagation of one process: indexes, change intake and the pusher loop. */
export interface ChannelPropagation {
  /** Creates the indexes (idempotent); call at start-up. */
  ensureIndexes(): Promise<void>;
  /**
   * Notes a change for every commerce channel that sells from its location: one insert per channel, under the
   * key and seq (noting it again changes nothing; a seq lower than one already pushed is never pushed). A
   * malformed change is a 'data' HubError naming the field.
   */
  noteChange(change: AvailabilityChange): Promise<void>;
  /** Starts a pusher loop (tuning overrides for this loop only). */
  start(options?: Partial<PropagationTuning>): RunningPusher;
}

/** Builds the propagation over the hub's database, connectors and metrics registry. */
export function createChannelPropagation(deps: ChannelPropagationDeps): ChannelPropagation {
  const tuning: PropagationTuning = { ...DEFAULT_TUNING, ...deps.tuning };
  const log = createChangeLog(deps.db);
  const state = createPushedState(deps.db);
  const states = createChannelStateStore(deps.db);
  const channels = createChannels(deps, tuning.topologyTtlMs);
  const metrics = registerPushMetrics(
    deps.registry,
    () => log.waitingByConnector(),
    (err) => deps.logger.warn({ err }, 'hub_inventory_push_waiting_keys not collected'),
  );
  return {
    ensureIndexes: () => log.ensureIndexes(),
    async noteChange(raw) {
      const change = checkChange(raw);
      const all = await channels.list();
      await Promise.all(
        all.map(async (channel) => {
          if ((await channels.locationOf(channel.id, change.locationId)) === undefined) return;
          await log.note(channel.id, change, change.eventDate);
        }),
      );
    },
    start(options = {}) {
      const own = { ...tuning, ...options };
      return startPusher((holder) => ({
        log,
        state,
        states,
        leases: createLeases(deps.db, holder, own.leaseMs),
        channels,
        metrics,
        throttle: new Map(),
        deps,
        tuning: own,
      }));
    },
  };
}
