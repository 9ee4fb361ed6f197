/** What one pusher works with: the stores, its lease, its per-key throttle, metrics and the hub's ports. */
import type { ChangeLog } from './change-log';
import type { ChannelStateStore } from './channel-state';
import type { Channels } from './channels';
import type { Leases } from './lease';
import type { PushMetrics } from './metrics';
import type { PushedState } from './pushed-state';
import type { ChannelPropagationDeps, PropagationTuning } from './types';

/** The context of one running pusher. */
export interface PusherContext {
  log: ChangeLog;
  state: PushedState;
  states: ChannelStateStore;
  leases: Leases;
  channels: Channels;
  metrics: PushMetrics;
  /** Per key: no push before this instant (ms). Kept by the lease holder; a new holder starts without it. */
  throttle: Map<string, number>;
  deps: Pick<ChannelPropagationDeps, 'runtime' | 'deadLetters' | 'logger' | 'currentFigures'>;
  tuning: PropagationTuning;
}
