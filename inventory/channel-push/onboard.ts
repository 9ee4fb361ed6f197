/**
 * A channel's first full figure set. noteChange only logs changes for the channels its cached list holds, so for up
 * to `topologyTtlMs` after a web store is registered its changes may not be logged anywhere. The lease holder
 * therefore notes, once per channel and after that window, every key's current figure at each location the channel
 * sells from. Each note carries its key's ledger seq, so a figure the channel already has is never pushed again
 * and a newer change still wins.
 */
import type { Channel } from './channels';
import type { PusherContext } from './pusher-context';
import type { ChannelStateDocument, CurrentFigures } from './types';

/** Gives a channel seen for the first time, once its window has passed, every current figure it sells from. */
export async function onboardChannel(
  ctx: PusherContext,
  channel: Channel,
  state: ChannelStateDocument | undefined,
  currentFigures: CurrentFigures | undefined,
): Promise<void> {
  if (!currentFigures || state?.syncedAt) return;
  const now = Date.now();
  if (!state?.firstSeenAt) {
    await ctx.states.seen(channel.id, new Date(now));
    return;
  }
  if (now - state.firstSeenAt.getTime() < ctx.tuning.topologyTtlMs) return;
  let noted = 0;
  for (const figure of await currentFigures()) {
    if ((await ctx.channels.locationOf(channel.id, figure.locationId)) === undefined) continue;
    // Event time = now: the channel's lag is measured from when it was given the figure to push, not the stock's age.
    if ((await ctx.log.note(channel.id, figure, new Date(now))) === 'noted') noted += 1;
  }
  await ctx.states.synced(channel.id);
  ctx.deps.logger.info({ connectorId: channel.id, noted }, 'new channel given every current figure');
}
