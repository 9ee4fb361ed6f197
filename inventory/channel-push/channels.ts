/**
 * Which channels there are and where they sell from: the commerce connectors registered in the hub, and for each
 * the hub locations it has a `location` cross-reference for (hub location id → the channel's location id). A
 * location without one is not sold from by that channel and is never pushed. Both are cached for a short while
 * (a location only once it is mapped), as are connector instances (rebuilt when the connector's revision changes).
 */
import type { CommercePort } from '../../connectors/sdk/ports/commerce';
import type { ConnectorView } from '../../platform/connector-store-types';
import type { ChannelPropagationDeps } from './types';

/** A commerce connector the hub pushes to. */
export interface Channel {
  id: string;
  active: boolean;
  revision: number;
}

const PAGE = 200;

/** The cached view of channels, their locations and instances. */
export function createChannels(deps: Pick<ChannelPropagationDeps, 'connectors' | 'runtime'>, ttlMs: number) {
  let listed: { at: number; channels: Promise<Channel[]> } | undefined;
  const locations = new Map<string, { at: number; externalId: Promise<string | undefined> }>();
  const instances = new Map<string, { revision: number; port: Promise<CommercePort> }>();

  async function listAll(): Promise<Channel[]> {
    const out: ConnectorView[] = [];
    let cursor: string | undefined;
    do {
      const page = await deps.connectors.list({
        kind: 'commerce',
        limit: PAGE,
        ...(cursor ? { cursor } : {}),
      });
      out.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return out.map((c) => ({ id: c.id, active: c.status === 'active', revision: c.revision }));
  }

  return {
    /** Every commerce connector, paused ones included (their keys wait for them). */
    list(): Promise<Channel[]> {
      const now = Date.now();
      if (!listed || now - listed.at > ttlMs) {
        const channels = listAll();
        listed = { at: now, channels };
        // A failed listing is not cached.
        channels.catch(() => {
          if (listed?.channels === channels) listed = undefined;
        });
      }
      return listed.channels;
    },

    /** The channel's id of a hub location, or undefined when the channel does not sell from it. */
    locationOf(connectorId: string, locationId: string): Promise<string | undefined> {
      const key = JSON.stringify([connectorId, locationId]);
      const now = Date.now();
      const cached = locations.get(key);
      if (cached && now - cached.at <= ttlMs) return cached.externalId;
      const externalId = deps.runtime
        .writeContext(connectorId, 'channel-push:location')
        .references.externalId('location', locationId);
      locations.set(key, { at: now, externalId });
      // Neither a failed lookup nor "not sold from there" is kept: a location mapped a moment ago counts at once.
      const forget = () => {
        if (locations.get(key)?.externalId === externalId) locations.delete(key);
      };
      externalId.then((id) => id === undefined && forget(), forget);
      return externalId;
    },

    /** The connector's instance, built once per revision. */
    port(channel: Channel): Promise<CommercePort> {
      const cached = instances.get(channel.id);
      if (cached && cached.revision === channel.revision) return cached.port;
      const port = deps.runtime.instance<CommercePort>(channel.id, 'commerce');
      instances.set(channel.id, { revision: channel.revision, port });
      port.catch(() => {
        if (instances.get(channel.id)?.port === port) instances.delete(channel.id);
      });
      return port;
    },
  };
}

/** The channel view's type. */
export type Channels = ReturnType<typeof createChannels>;
