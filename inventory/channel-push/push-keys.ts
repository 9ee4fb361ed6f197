/**
 * One push of pending keys to one channel: a single setInventory call with the whole units of each key's latest
 * change, then per key: settled (its logged changes removed), parked as a dead letter when the channel refused it
 * as bad data, or left pending when the channel is throttling or failing — and then the channel backs off, for
 * every replica, until its Retry-After or an exponentially growing wait.
 */
import type { CommercePort, InventorySetting } from '../../connectors/sdk/ports/commerce';
import { classifyError } from '../../platform/errors';
import type { HubError } from '../../platform/errors';
import type { PendingKey } from './change-log';
import type { Channel } from './channels';
import type { HeldLease } from './lease';
import type { PushMetrics, PushOutcome } from './metrics';
import { parkedWorkflowId, PUSH_STEP, recordRefusal } from './park';
import type { PusherContext } from './pusher-context';

/** A pending key and the setting it becomes. */
export interface Target {
  pending: PendingKey;
  setting: InventorySetting;
  /** Whether the channel once refused an older figure of the key (its dead letter is resolved on success). */
  wasParked: boolean;
}

/** How long a refusal that a person must fix (credentials, a paused connector, a bug) blocks the channel. */
const CONFIG_BACKOFF_MS = 60_000;

/** The settings a data refusal names by index (`/3/sku`, `/input/quantities/3/locationId`). */
function refusedIndices(error: HubError, count: number): Set<number> {
  const out = new Set<number>();
  for (const f of error.fieldErrors ?? []) {
    const index = /^\/(?:[^/\d][^/]*\/)*(\d+)(?:\/|$)/.exec(f.path)?.[1];
    if (index !== undefined && Number(index) < count) out.add(Number(index));
  }
  return out;
}

function backoffMs(ctx: PusherContext, error: HubError, failures: number): number {
  if (error.kind === 'rate-limited') return error.retryAfterMs ?? ctx.tuning.initialBackoffMs;
  if (error.kind === 'transient') {
    const exponential = Math.min(ctx.tuning.initialBackoffMs * 2 ** failures, ctx.tuning.maxBackoffMs);
    return Math.max(error.retryAfterMs ?? 0, exponential);
  }
  return CONFIG_BACKOFF_MS;
}

function outcomeOf(error: HubError): PushOutcome {
  if (error.kind === 'rate-limited' || error.kind === 'transient' || error.kind === 'config')
    return error.kind;
  return error.kind === 'data' ? 'refused' : 'bug';
}

/** Thrown out of a push when the channel was told to back off, so the rest of the batch waits too. */
export class ChannelBlocked extends Error {}

/** One push, and what it leads to. */
interface Push {
  ctx: PusherContext;
  channel: Channel;
  port: CommercePort;
  lease: HeldLease;
  metrics: PushMetrics;
  /** Failed pushes in a row before this one (for the back-off). */
  failures: number;
}

/** Sends the settings in one call; the failure classified, or undefined when the channel took them. */
async function send(push: Push, targets: Target[]): Promise<HubError | undefined> {
  // Give up before the lease can run out, so no other pusher can be sending a newer figure at the same time.
  const leftMs = push.lease.until - Date.now() - push.ctx.leases.marginMs;
  if (leftMs <= 0) throw new ChannelBlocked('the lease ran out before the push');
  try {
    await push.port.setInventory(
      targets.map((t) => t.setting),
      {
        ...push.ctx.deps.runtime.writeContext(push.channel.id, `channel-push:${push.lease.id}:${Date.now()}`),
        signal: AbortSignal.timeout(leftMs),
      },
    );
    return undefined;
  } catch (err) {
    const error = classifyError(err);
    // "Already done" is what the push wanted.
    return error.kind === 'duplicate' ? undefined : error;
  }
}

async function settle(push: Push, t: Target): Promise<void> {
  const { ctx, channel } = push;
  const latest = t.pending.latest;
  ctx.metrics.lag.observe(
    { connector: channel.id },
    Math.max(0, Date.now() - latest.eventAt.getTime()) / 1000,
  );
  await ctx.state.pushed(latest, t.setting.available);
  ctx.throttle.set(t.pending.key, Date.now() + ctx.tuning.minPushIntervalMs);
  await ctx.log.remove(t.pending.ids);
  if (t.wasParked) await ctx.deps.deadLetters.markResolved(parkedWorkflowId(latest), PUSH_STEP);
}

/** A data refusal: park the settings it names and push the others again; an unnamed one splits the batch. */
async function refused(push: Push, targets: Target[], error: HubError): Promise<void> {
  const named = refusedIndices(error, targets.length);
  if (!named.size && targets.length > 1) {
    for (const t of targets) await pushTargets(push, [t]);
    return;
  }
  const parked = named.size ? targets.filter((_, i) => named.has(i)) : targets;
  for (const t of parked) {
    const latest = t.pending.latest;
    await recordRefusal(push.ctx.deps.deadLetters, latest, t.setting, error);
    await push.ctx.state.parked(latest);
    await push.ctx.log.remove(t.pending.ids);
    push.ctx.deps.logger.warn(
      {
        connectorId: push.channel.id,
        sku: latest.sku,
        locationId: latest.locationId,
        seq: latest.seq,
        err: error,
      },
      'the channel refused an availability figure; parked as a dead letter until a newer change',
    );
  }
  const rest = targets.filter((t) => !parked.includes(t));
  if (rest.length) await pushTargets(push, rest);
}

/** Pushes `targets` in one call and settles each; throws ChannelBlocked when the channel must be left alone. */
export async function pushTargets(push: Push, targets: Target[]): Promise<void> {
  const error = await send(push, targets);
  push.ctx.metrics.pushes.inc({ connector: push.channel.id, outcome: error ? outcomeOf(error) : 'ok' });
  if (!error) {
    for (const t of targets) await settle(push, t);
    if (push.failures > 0) {
      await push.ctx.states.clear(push.channel.id);
      push.failures = 0;
    }
    return;
  }
  if (error.kind === 'data') {
    await refused(push, targets, error);
    return;
  }
  const waitMs = backoffMs(push.ctx, error, push.failures);
  await push.ctx.states.block(push.channel.id, new Date(Date.now() + waitMs), error.message);
  push.ctx.deps.logger.warn(
    { connectorId: push.channel.id, kind: error.kind, waitMs, keys: targets.length, err: error },
    'inventory push to the channel failed; the channel backs off',
  );
  throw new ChannelBlocked(error.message);
}

export type { Push };
