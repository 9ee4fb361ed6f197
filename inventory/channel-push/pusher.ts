/**
 * The pusher loop: each round, for every active commerce channel that is not backing off and whose lease this
 * pusher holds (or can take), read the channel's pending changes, take the keys that are due (past the coalescing
 * window and the per-key throttle), and push them in one call. Channels are pushed side by side. When nothing was
 * due it sleeps `pollMs`. Any number of pushers (in one process or many) can run on the same database.
 */
import { randomBytes } from 'node:crypto';
import { classifyError } from '../../platform/errors';
import type { Channel } from './channels';
import type { HeldLease } from './lease';
import { settledSeq } from './pushed-state';
import { ChannelBlocked, pushTargets } from './push-keys';
import type { Target } from './push-keys';
import type { PusherContext } from './pusher-context';
import { wholeUnits } from './change';
import { onboardChannel } from './onboard';
import type { ChannelStateDocument } from './types';

/** A running pusher. */
export interface RunningPusher {
  /** Finishes the round in flight, gives up its leases and stops. */
  stop(): Promise<void>;
}

const ERROR_PAUSE_MS = 1_000;
/** Changes read per channel and round, as a multiple of the batch size. */
const SCAN_FACTOR = 10;
/** How often the log of a channel that is not being pushed is compacted. */
const COMPACT_EVERY_MS = 10_000;

/** Answers whether anything was pushed or settled. */
async function pushChannel(
  ctx: PusherContext,
  channel: Channel,
  state: ChannelStateDocument | undefined,
  held: Map<string, HeldLease>,
): Promise<boolean> {
  const lease = await ctx.leases.acquire(channel.id);
  if (!lease) {
    held.delete(channel.id);
    return false;
  }
  held.set(channel.id, lease);
  await onboardChannel(ctx, channel, state, ctx.deps.currentFigures);
  const failures = state?.failures ?? 0;
  const now = Date.now();
  const pending = await ctx.log.pending(channel.id, ctx.tuning.batchSize * SCAN_FACTOR);
  const due = pending
    .filter((p) => p.since <= now - ctx.tuning.coalesceMs && (ctx.throttle.get(p.key) ?? 0) <= now)
    .slice(0, ctx.tuning.batchSize);
  if (!due.length) return false;
  const states = await ctx.state.get(due.map((p) => p.key));
  const targets: Target[] = [];
  for (const p of due) {
    const doc = states.get(p.key);
    const locationExternalId = await ctx.channels.locationOf(channel.id, p.latest.locationId);
    // Older than what the channel has (a late change), or a location it no longer sells from: nothing to push.
    if (p.latest.seq <= settledSeq(doc) || locationExternalId === undefined) await ctx.log.remove(p.ids);
    else
      targets.push({
        pending: p,
        setting: { sku: p.latest.sku, locationExternalId, available: wholeUnits(p.latest.available) },
        wasParked: doc?.parkedSeq !== undefined && (doc.pushedSeq ?? -1) < doc.parkedSeq,
      });
  }
  if (!targets.length) return true;
  const port = await ctx.channels.port(channel);
  try {
    await pushTargets({ ctx, channel, port, lease, metrics: ctx.metrics, failures }, targets);
  } catch (err) {
    if (!(err instanceof ChannelBlocked)) throw err;
  }
  return true;
}

/** Compacts the log of a channel that is not pushed now (paused, backing off), under its lease. */
async function compactChannel(ctx: PusherContext, channel: Channel, held: Map<string, HeldLease>) {
  const lease = await ctx.leases.acquire(channel.id);
  if (!lease) {
    held.delete(channel.id);
    return;
  }
  try {
    await ctx.log.compact(await ctx.log.pending(channel.id, ctx.tuning.batchSize * SCAN_FACTOR));
  } finally {
    // Not pushing it: a replica that already sees the channel resumed must be able to take it at once.
    held.delete(channel.id);
    await ctx.leases.release(lease);
  }
}

/** One round over the channels; answers whether anything was done. */
async function round(
  ctx: PusherContext,
  held: Map<string, HeldLease>,
  compactedAt: Map<string, number>,
): Promise<boolean> {
  const [channels, states] = await Promise.all([ctx.channels.list(), ctx.states.all()]);
  const now = Date.now();
  const ready = channels.filter((c) => c.active && (states.get(c.id)?.blockedUntil.getTime() ?? 0) <= now);
  for (const c of channels) {
    if (ready.includes(c) || now - (compactedAt.get(c.id) ?? 0) < COMPACT_EVERY_MS) continue;
    compactedAt.set(c.id, now);
    await compactChannel(ctx, c, held);
  }
  const results = await Promise.allSettled(ready.map((c) => pushChannel(ctx, c, states.get(c.id), held)));
  let worked = false;
  results.forEach((r, i) => {
    if (r.status === 'fulfilled') worked ||= r.value;
    else
      ctx.deps.logger.error(
        { connectorId: ready[i]!.id, err: classifyError(r.reason) },
        'inventory push round failed for a channel; its changes stay pending',
      );
  });
  for (const [key, until] of ctx.throttle) if (until <= now) ctx.throttle.delete(key);
  return worked;
}

/** Starts the loop; `stop()` ends it after the round in flight. */
export function startPusher(make: (holder: string) => PusherContext): RunningPusher {
  const ctx = make(`pusher-${randomBytes(6).toString('hex')}`);
  const held = new Map<string, HeldLease>();
  const compactedAt = new Map<string, number>();
  let stopping = false;
  let wake: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const loop = (async () => {
    while (!stopping) {
      let pauseMs = 0;
      try {
        if (!(await round(ctx, held, compactedAt))) pauseMs = ctx.tuning.pollMs;
      } catch (err) {
        ctx.deps.logger.error({ err: classifyError(err) }, 'inventory push round failed');
        pauseMs = ERROR_PAUSE_MS;
      }
      if (pauseMs && !stopping) await sleep(pauseMs);
    }
    for (const lease of held.values()) await ctx.leases.release(lease).catch(() => undefined);
  })();
  return {
    async stop() {
      stopping = true;
      wake?.();
      await loop;
    },
  };
}
